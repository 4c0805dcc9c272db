package io.synthlake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The children-per-parent curve: built from counts, inverted for draws, and reproducing the spread. */
class FanOutTest {
  @Test
  void equalFanOutIsTheDiagonal() {
    FanOut fanOut = FanOut.of(Map.of(2L, 100L), 100, 64, 5);
    for (double u = 0; u < 1; u += 0.05) {
      assertThat(fanOut.parentShareAt(u)).isCloseTo(u, within(1e-12));
    }
  }

  @Test
  void unreferencedParentsAreNeverDrawn() {
    // 50 parents without children, 50 with one each: draws land in the upper half only.
    FanOut fanOut = FanOut.of(Map.of(1L, 50L), 100, 64, 5);
    assertThat(fanOut.parentShareAt(0)).isCloseTo(0.5, within(1e-12));
    assertThat(fanOut.parentShareAt(0.5)).isCloseTo(0.75, within(1e-12));
    assertThat(fanOut.parentShareAt(0.999999)).isLessThan(1.0);
  }

  @Test
  void aKnotNeverSummarisesFewerParentsThanTheMinimum() {
    FanOut fanOut = FanOut.of(Map.of(1L, 10L, 7L, 9L, 40L, 1L), 20, 64, 5);
    assertThat(fanOut.parentShare()).hasSizeLessThanOrEqualTo(5);
    for (int k = 1; k < fanOut.parentShare().length; k++) {
      assertThat((fanOut.parentShare()[k] - fanOut.parentShare()[k - 1]) * 20).isGreaterThanOrEqualTo(5 - 1e-9);
    }
    assertThatThrownBy(() -> FanOut.of(Map.of(1L, 30L), 20, 64, 5))
        .hasMessageContaining("20 parents cannot hold children referencing 30 distinct parents");
  }

  @Test
  void drawsReproduceASkewedSpreadOfChildrenOverParents() {
    // 20,000 parents; 30% have no child, the rest a geometric number (mean 4), a few very popular.
    SplittableRandom random = new SplittableRandom(11);
    int parents = 20_000;
    long[] source = new long[parents];
    Map<Long, Long> histogram = new HashMap<>();
    for (int p = 0; p < parents; p++) {
      source[p] = random.nextDouble() < 0.3 ? 0
          : 1 + (long) Math.floor(Math.log(random.nextDouble()) / Math.log(0.75));
      if (source[p] > 0) {
        histogram.merge(source[p], 1L, Long::sum);
      }
    }
    long children = Arrays.stream(source).sum();
    FanOut fanOut = FanOut.of(histogram, parents, 64, 5);

    // Stratified uniforms, one per child (generate takes them in a permuted order, which changes no count):
    // each parent then gets its expected number of children, rounded, where independent draws would scatter
    // them (a parent expecting one child would get none 37% of the time).
    long[] drawn = new long[parents];
    for (long c = 0; c < children; c++) {
      drawn[(int) (fanOut.parentShareAt((c + 0.5) / children) * parents)]++;
    }
    assertThat(zeroShare(drawn)).isCloseTo(zeroShare(source), within(0.03));
    assertThat(topShare(drawn, 0.1)).isCloseTo(topShare(source, 0.1), within(0.02));
    assertThat(topShare(drawn, 0.5)).isCloseTo(topShare(source, 0.5), within(0.02));
  }

  private static double zeroShare(long[] counts) {
    return Arrays.stream(counts).filter(c -> c == 0).count() / (double) counts.length;
  }

  /** The share of children held by the given share of the most referenced parents. */
  private static double topShare(long[] counts, double parentShare) {
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    long total = Arrays.stream(sorted).sum();
    long top = 0;
    for (int i = sorted.length - (int) (parentShare * sorted.length); i < sorted.length; i++) {
      top += sorted[i];
    }
    return top / (double) total;
  }
}
