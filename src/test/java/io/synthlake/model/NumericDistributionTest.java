package io.synthlake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

class NumericDistributionTest {
  /** 0 holds 90% (like capital-gain), the rest is uniform on [100, 1100]. */
  private final NumericMarginal capitalGain = new NumericMarginal(1.0, List.of(new Atom(0, 0.9)),
      new EmpiricalQuantiles(new double[] {0, 1}, new double[] {100, 1100}), null);

  @Test
  void atomsComeBackWithTheirProbability() {
    NumericDistribution d = NumericDistribution.of(capitalGain);
    int n = 1_000_000;
    int zeros = 0;
    int below600 = 0;
    for (int i = 0; i < n; i++) {
      double x = d.quantile((i + 0.5) / n);
      if (x == 0) {
        zeros++;
      } else if (x < 600) {
        below600++;
      }
    }
    assertThat(zeros / (double) n).isCloseTo(0.9, within(1e-6));
    assertThat(below600 / (double) n).isCloseTo(0.05, within(1e-6));
  }

  @Test
  void uniformScoresInvertTheQuantileFunctionAndRandomiseInsideAtoms() {
    NumericDistribution d = NumericDistribution.of(capitalGain);
    assertThat(d.uniformScore(0, 0.0)).isEqualTo(0.0);
    assertThat(d.uniformScore(0, 0.5)).isCloseTo(0.45, within(1e-12));
    assertThat(d.uniformScore(600, 0.3)).isCloseTo(0.95, within(1e-12));
    assertThat(d.quantile(0.95)).isCloseTo(600, within(1e-9));
    assertThat(d.uniformScore(5000, 0.3)).isEqualTo(1.0);
    assertThat(d.uniformScore(-5, 0.3)).isEqualTo(0.0);
    assertThat(d.cdf(0)).isCloseTo(0.9, within(1e-12));
    assertThat(d.cdf(50)).isCloseTo(0.9, within(1e-12));
    assertThat(d.cdf(1100)).isEqualTo(1.0);
    for (double u = 0.91; u < 1; u += 0.01) {
      assertThat(d.uniformScore(d.quantile(u), 0.5)).isCloseTo(u, within(1e-9));
    }
  }

  @Test
  void atomsInsideTheContinuousRangeSplitItAtTheRightPlace() {
    // half uniform on [0, 100], half an atom at 50: F(50-) = 0.25, F(50) = 0.75
    NumericMarginal m = new NumericMarginal(0, List.of(new Atom(50, 0.5)),
        new EmpiricalQuantiles(new double[] {0, 1}, new double[] {0, 100}), null);
    NumericDistribution d = NumericDistribution.of(m);
    assertThat(d.quantile(0.2)).isCloseTo(40, within(1e-9));
    assertThat(d.quantile(0.5)).isEqualTo(50);
    assertThat(d.quantile(0.8)).isCloseTo(60, within(1e-9));
    assertThat(d.uniformScore(50, 0.5)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void tabulatesParametricPartsAccurately() {
    ParametricPart.Gamma gamma = new ParametricPart.Gamma(2.0, 3.0, 0.0, 60.0);
    NumericDistribution d = NumericDistribution.of(new NumericMarginal(0, List.of(), gamma, null));
    GammaDistribution reference = new GammaDistribution(null, 2.0, 3.0, 1e-12);
    double truncation = reference.cumulativeProbability(60);
    for (double u = 0.001; u < 0.999; u += 0.0037) {
      double x = d.quantile(u);
      assertThat(reference.cumulativeProbability(x) / truncation).isCloseTo(u, within(1e-4));
    }
    assertThat(d.lowest()).isEqualTo(0.0);
    assertThat(d.highest()).isEqualTo(60.0);
  }

  @Test
  void onlyAtomsMeansADiscreteDistribution() {
    NumericMarginal m = new NumericMarginal(1, List.of(new Atom(1, 0.25), new Atom(2, 0.75)), null, null);
    NumericDistribution d = NumericDistribution.of(m);
    assertThat(d.quantile(0.1)).isEqualTo(1);
    assertThat(d.quantile(0.3)).isEqualTo(2);
    assertThat(d.uniformScore(2, 0.0)).isCloseTo(0.25, within(1e-12));
    assertThat(d.uniformScore(2, 0.999)).isCloseTo(0.25 + 0.999 * 0.75, within(1e-12));
  }

  /** Atoms next to each other, atoms inside and at the ends of a continuous part, and a dense parametric one. */
  private static List<NumericDistribution> mixedDistributions() {
    NumericMarginal ages = new NumericMarginal(1, java.util.stream.IntStream.range(17, 90)
        .mapToObj(age -> new Atom(age, 1.0 / 73)).toList(), null, null);
    NumericMarginal mixed = new NumericMarginal(0, List.of(new Atom(0, 0.6), new Atom(50, 0.05),
        new Atom(1000, 0.1)), new EmpiricalQuantiles(new double[] {0, 0.5, 1}, new double[] {0, 40, 1000}), null);
    NumericMarginal gamma = new NumericMarginal(0, List.of(new Atom(0, 0.3)),
        new ParametricPart.Gamma(2.0, 3.0, 0.0, 60.0), null);
    return List.of(NumericDistribution.of(ages), NumericDistribution.of(mixed), NumericDistribution.of(gamma),
        NumericDistribution.of(capitalGainMarginal()));
  }

  private static NumericMarginal capitalGainMarginal() {
    return new NumericMarginal(1.0, List.of(new Atom(0, 0.9)),
        new EmpiricalQuantiles(new double[] {0, 1}, new double[] {100, 1100}), null);
  }

  @Test
  void normalScoresGiveExactlyTheQuantileOfTheirUniform() {
    int n = 300_001;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = -7.5 + 15.0 * i / (n - 1);
    }
    for (NumericDistribution d : mixedDistributions()) {
      double[] batch = new double[n];
      d.quantilesOfNormals(z, batch, n);
      for (int i = 0; i < n; i++) {
        double expected = d.quantile(io.synthlake.stats.StandardNormal.cdf(z[i]));
        assertThat(batch[i]).as("z = %s", z[i]).isEqualTo(expected);
        assertThat(d.quantileOfNormal(z[i])).as("one z = %s", z[i]).isEqualTo(expected);
      }
    }
  }

  @Test
  void quantilesAreNonDecreasingAndInvertTheCdf() {
    for (NumericDistribution d : mixedDistributions()) {
      double previous = Double.NEGATIVE_INFINITY;
      for (double u = 0; u <= 1; u += 1e-5) {
        double x = d.quantile(u);
        assertThat(x).isGreaterThanOrEqualTo(previous);
        // F(x-) <= u <= F(x): an atom's interval holds u, or the continuous part has F(x) = u.
        assertThat(d.cdf(x)).isGreaterThanOrEqualTo(u - 1e-9);
        assertThat(d.uniformScore(x, 0.0)).isLessThanOrEqualTo(u + 1e-9);
        previous = x;
      }
    }
  }
}
