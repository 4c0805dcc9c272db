package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.model.CopulaModel;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  @Test
  void pairwiseMomentsGiveThePearsonCorrelationAndMergeLikeTheUnion() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 5000;
    double[][] data = new double[n][3];
    for (int r = 0; r < n; r++) {
      double a = random.nextGaussian();
      double b = 0.6 * a + 0.8 * random.nextGaussian();
      data[r] = new double[] {a, b, random.nextGaussian()};
    }
    PairwiseMoments left = new PairwiseMoments(3);
    PairwiseMoments right = new PairwiseMoments(3);
    for (int r = 0; r < n; r++) {
      (r < n / 3 ? left : right).add(data[r]);
    }
    left.merge(right);
    double[][] reference = new PearsonsCorrelation(data).getCorrelationMatrix().getData();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(left.correlation(i, j)).isCloseTo(reference[i][j], within(1e-12));
      }
    }
    assertThat(left.pairCount(0, 2)).isEqualTo(n);
  }

  @Test
  void completeAndIncompleteRowsCombine() {
    SplittableRandom random = new SplittableRandom(12);
    PairwiseMoments mixed = new PairwiseMoments(3);
    double[][] rows = new double[3000][];
    for (int r = 0; r < rows.length; r++) {
      double a = random.nextGaussian();
      rows[r] = new double[] {a, -0.5 * a + random.nextGaussian(), r % 3 == 0 ? Double.NaN : a + random.nextGaussian()};
      mixed.add(rows[r]);
    }
    // reference: the pair (0, 1) over every row, computed directly
    double[][] pairs = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      pairs[r] = new double[] {rows[r][0], rows[r][1]};
    }
    double expected = new PearsonsCorrelation(pairs).getCorrelationMatrix().getEntry(0, 1);
    assertThat(mixed.correlation(0, 1)).isCloseTo(expected, within(1e-12));
    assertThat(mixed.pairCount(0, 1)).isEqualTo(3000);
    assertThat(mixed.pairCount(1, 2)).isEqualTo(2000);
  }

  @Test
  void missingScoresAreDeletedPairwise() {
    PairwiseMoments moments = new PairwiseMoments(3);
    moments.add(new double[] {1, 2, Double.NaN});
    moments.add(new double[] {2, 4, 1});
    moments.add(new double[] {3, 6, Double.NaN});
    moments.add(new double[] {4, 7, 2});
    assertThat(moments.pairCount(0, 1)).isEqualTo(4);
    assertThat(moments.pairCount(0, 2)).isEqualTo(2);
    assertThat(moments.correlation(0, 2)).isCloseTo(1.0, within(1e-12));
    assertThat(moments.correlation(1, 2)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void estimatorRepairsRoundsAndExplainsUndefinedPairs() {
    PairwiseMoments moments = new PairwiseMoments(3);
    SplittableRandom random = new SplittableRandom(4);
    for (int r = 0; r < 1000; r++) {
      double a = random.nextGaussian();
      moments.add(new double[] {a, a + 0.1 * random.nextGaussian(), Double.NaN});
    }
    FitNotes notes = new FitNotes();
    CopulaModel copula = CorrelationEstimator.estimate(List.of("a", "b", "c"), moments, notes);
    assertThat(copula.correlation(0, 1)).isCloseTo(0.995, within(0.005));
    assertThat(copula.correlation(0, 2)).isEqualTo(0.0);
    assertThat(copula.correlation(0, 1) * 1e6).isCloseTo(Math.rint(copula.correlation(0, 1) * 1e6), within(1e-6));
    assertThat(notes.all()).anyMatch(n -> n.message().startsWith("correlation of a and c is undefined (0 rows"));
  }
}
