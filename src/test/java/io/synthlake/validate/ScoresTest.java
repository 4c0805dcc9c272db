package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.validate.PairScores.Cell;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the SDMetrics formulas. */
class ScoresTest {
  @Test
  void tvComplementComparesFrequenciesAndGivesUnseenCategoriesATinyRealCount() {
    assertThat(ColumnScores.tvComplement(Map.of("a", 3L, "b", 1L), Map.of("a", 30L, "b", 10L))).isEqualTo(1.0);
    // real (0.75, 0.25), synthetic (0.5, 0.5): TV = ½ (0.25 + 0.25)
    assertThat(ColumnScores.tvComplement(Map.of("a", 3L, "b", 1L), Map.of("a", 1L, "b", 1L)))
        .isCloseTo(0.75, within(1e-15));
    // "c" only in the synthetic table: real frequencies (4, 1e-6) / (4 + 1e-6), synthetic (0.5, 0.5)
    double expected = 1 - 0.5 * (Math.abs(0.5 - 4 / (4 + 1e-6)) + Math.abs(0.5 - 1e-6 / (4 + 1e-6)));
    assertThat(ColumnScores.tvComplement(Map.of("a", 4L), Map.of("a", 1L, "c", 1L)))
        .isCloseTo(expected, within(1e-15));
    assertThatThrownBy(() -> ColumnScores.tvComplement(Map.of(), Map.of("a", 1L)))
        .hasMessage("TVComplement needs at least one non-null value in each table");
  }

  @Test
  void ksWalkFindsTheLargestGapBetweenTheTwoStepFunctions() {
    // real {1, 2, 3, 4}, synthetic {3, 4, 5, 6}: F_real(2) = 0.5, F_synthetic(2) = 0 ... D = 0.5
    KsWalk walk = new KsWalk(4, 4, 0, 0);
    long[][] counts = {{1, 0}, {1, 0}, {1, 1}, {1, 1}, {0, 1}, {0, 1}};
    for (long[] c : counts) {
      walk.add(c[0], c[1]);
    }
    assertThat(walk.statistic()).isEqualTo(0.5);
    // The same walk split in two, the second half starting from the counts below it.
    KsWalk second = new KsWalk(4, 4, 3, 1);
    for (int i = 3; i < counts.length; i++) {
      second.add(counts[i][0], counts[i][1]);
    }
    assertThat(second.statistic()).isEqualTo(0.5);
  }

  @Test
  void binsFollowNumpy() {
    EqualWidthBins bins = EqualWidthBins.over(0, 10, 5);
    assertThat(bins.edges()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(bins.binOf(-1)).isZero();
    assertThat(bins.binOf(0)).isEqualTo(1);
    assertThat(bins.binOf(2.5)).isEqualTo(3);
    // np.digitize puts the maximum and NaN after the last edge
    assertThat(bins.binOf(10)).isEqualTo(11);
    assertThat(bins.binOf(Double.NaN)).isEqualTo(11);
    assertThat(EqualWidthBins.over(7, 7, 3).edges()[0]).isEqualTo(6.5);
    assertThat(EqualWidthBins.over(0, 0, 0).edges()).startsWith(0, 0.1);
    assertThatThrownBy(() -> EqualWidthBins.over(0, Double.POSITIVE_INFINITY, 3))
        .hasMessage("the range [0.0, Infinity] is not finite");
  }

  @Test
  void contingencyAndCramersV() {
    Map<Cell<String, String>, Long> real = new HashMap<>();
    real.put(new Cell<>("x", "p"), 40L);
    real.put(new Cell<>("y", "q"), 40L);
    real.put(new Cell<>("x", "q"), 10L);
    real.put(new Cell<>("y", null), 10L);
    Map<Cell<String, String>, Long> synthetic = new HashMap<>();
    synthetic.put(new Cell<>("x", "p"), 25L);
    synthetic.put(new Cell<>("y", "q"), 25L);
    synthetic.put(new Cell<>("x", "q"), 25L);
    synthetic.put(new Cell<>("y", "p"), 25L);
    // |0.4 - 0.25| + |0.4 - 0.25| + |0.1 - 0.25| + |0.1 - 0| + |0 - 0.25| = 0.8
    assertThat(PairScores.contingencySimilarity(real, 100, synthetic, 100)).isCloseTo(0.6, within(1e-15));
    assertThat(PairScores.contingencySimilarity(real, 100, real, 100)).isEqualTo(1.0);
    // Independent table: V = 0. Perfectly associated 2 x 2: V = 1.
    Map<Cell<String, String>, Long> independent = Map.of(new Cell<>("x", "p"), 10L, new Cell<>("x", "q"), 30L,
        new Cell<>("y", "p"), 20L, new Cell<>("y", "q"), 60L);
    assertThat(PairScores.cramersV(independent)).isCloseTo(0, within(1e-7));
    assertThat(PairScores.cramersV(Map.of(new Cell<>("x", "p"), 5L, new Cell<>("y", "q"), 7L)))
        .isCloseTo(1, within(1e-12));
    // 2 x 2 with counts (a, b; c, d) = (30, 10; 10, 30): χ² = 20, V = √(20 / 80) = 0.5
    assertThat(PairScores.cramersV(Map.of(new Cell<>("x", "p"), 30L, new Cell<>("x", "q"), 10L,
        new Cell<>("y", "p"), 10L, new Cell<>("y", "q"), 30L))).isCloseTo(0.5, within(1e-12));
    assertThat(PairScores.cramersV(Map.of(new Cell<>("x", "p"), 5L, new Cell<>("x", "q"), 7L))).isNaN();
    assertThat(PairScores.correlationSimilarity(0.8, 0.6)).isCloseTo(0.9, within(1e-15));
  }
}
