package io.synthlake.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class StandardNormalTest {
  /** commons-math3 computes Φ through erf: an independent reference. */
  private final NormalDistribution reference = new NormalDistribution(null, 0, 1, 1e-16);

  @Test
  void cdfMatchesAnIndependentImplementationWithin1e14() {
    double worst = 0;
    for (double x = -38; x <= 38; x += 0.001) {
      worst = Math.max(worst, Math.abs(StandardNormal.cdf(x) - reference.cumulativeProbability(x)));
    }
    assertThat(worst).isLessThan(1e-14);
  }

  @Test
  void fastCdfIsWithin1e10AbsoluteAnd1e6RelativeOfTheReference() {
    double worst = 0;
    double worstRelative = 0;
    for (double x = -40; x <= 40; x += 0.000731) {
      double expected = reference.cumulativeProbability(x);
      double error = Math.abs(StandardNormal.cdfFast(x) - expected);
      worst = Math.max(worst, error);
      double tail = Math.min(expected, 1 - expected);
      if (x < 0 && x > -37 && tail > 0) {
        worstRelative = Math.max(worstRelative, error / tail);
      }
    }
    assertThat(worst).isLessThan(1e-10);
    assertThat(worstRelative).isLessThan(1e-6);
  }

  @Test
  void inverseCdfMatchesPublishedValues() {
    // Values from R: qnorm(c(0.975, 0.5, 1e-10, 0.8413447460685429, 1e-15))
    assertThat(StandardNormal.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-15));
    assertThat(StandardNormal.inverseCdf(0.5)).isEqualTo(0.0);
    assertThat(StandardNormal.inverseCdf(1e-10)).isCloseTo(-6.361340902404056, within(1e-13));
    assertThat(StandardNormal.inverseCdf(0.8413447460685429)).isCloseTo(1.0, within(1e-14));
    assertThat(StandardNormal.inverseCdf(1e-15)).isCloseTo(-7.941345326170997, within(1e-12));
  }

  @Test
  void inverseIsTheInverseOfTheCdfToWithin1e9() {
    double worst = 0;
    // Beyond [-7, 4.5] Φ(x) keeps too few significant digits in a double for any inverse to recover x to 1e-9.
    for (double x = -7; x <= 4.5; x += 0.0007) {
      worst = Math.max(worst, Math.abs(StandardNormal.inverseCdf(StandardNormal.cdf(x)) - x));
    }
    assertThat(worst).isLessThan(1e-9);
    // commons-math3 goes through erfInv(2p - 1), which loses digits in the tails: compare in the body only (the
    // tails are pinned to published values above).
    for (double p = 1e-3; p < 0.999; p += 0.0013) {
      assertThat(StandardNormal.inverseCdf(p))
          .isCloseTo(reference.inverseCumulativeProbability(p), within(1e-9 * Math.max(1, Math.abs(p))));
    }
  }

  @Test
  void edgesAndSymmetry() {
    assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(StandardNormal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(StandardNormal.inverseCdf(1.5)).isNaN();
    assertThat(StandardNormal.cdf(Double.NaN)).isNaN();
    assertThat(StandardNormal.cdf(-40)).isEqualTo(0.0);
    assertThat(StandardNormal.cdf(40)).isEqualTo(1.0);
    for (double p = 0.001; p < 0.5; p += 0.013) {
      assertThat(StandardNormal.inverseCdf(p)).isCloseTo(-StandardNormal.inverseCdf(1 - p), within(1e-12));
    }
  }

  @Test
  void batchInverseGivesExactlyThePerValueResults() {
    // The central/tail boundary at |p - 0.5| = 0.425, the extremes of open-unit draws and random uniforms.
    double[] p = new double[20_000];
    int n = 0;
    for (double edge : new double[] {0.075, 0.925}) {
      p[n++] = edge;
      p[n++] = Math.nextUp(edge);
      p[n++] = Math.nextDown(edge);
    }
    p[n++] = 0x1.0p-53;
    p[n++] = 1 - 0x1.0p-53;
    p[n++] = 0.5;
    while (n < p.length) {
      p[n] = CounterRng.uniform(42, n);
      n++;
    }
    double[] batch = new double[p.length];
    StandardNormal.inverseCdfs(p, batch, p.length);
    for (int i = 0; i < p.length; i++) {
      assertThat(batch[i]).as("p = %s", p[i]).isEqualTo(StandardNormal.inverseCdf(p[i]));
    }
  }

  @Test
  void cdfIsExactlySymmetric() {
    for (double x = 0; x < 9; x += 0.0173) {
      assertThat(StandardNormal.cdf(x)).isEqualTo(1.0 - StandardNormal.cdf(-x));
    }
    assertThat(StandardNormal.cdf(0.0)).isEqualTo(0.5);
    assertThat(StandardNormal.cdf(-0.0)).isEqualTo(0.5);
  }
}
