package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.NumericDistribution;
import io.synthlake.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The correlation of jittered normal scores against independent oracles: the closed forms for binary columns
 * (Sheppard's arcsine law) and a Monte Carlo of latent normals, discretised and jittered as fit scores them.
 */
class LatentCorrelationTest {
  private static final double PHI0 = 1 / Math.sqrt(2 * Math.PI);

  private static CategoricalScale scale(double... shares) {
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      categories.add(new Category("l" + i, shares[i]));
    }
    return CategoricalScale.of(new CategoricalMarginal(categories, null));
  }

  @Test
  void twoEvenBinaryColumnsFollowSheppardsArcsineLaw() {
    double[] binary = LatentCorrelation.coefficients(scale(0.5, 0.5));
    // Scores are +-2 phi(0); P(same) - P(different) = (2 / pi) asin(rho).
    for (double rho : new double[] {-0.8, -0.3, 0.2, 0.6, 0.9}) {
      double expected = 4 * PHI0 * PHI0 * 2 / Math.PI * Math.asin(rho);
      assertThat(LatentCorrelation.scoreCorrelation(binary, binary, rho)).isCloseTo(expected, within(2e-3));
      assertThat(LatentCorrelation.latent(binary, binary, expected)).isCloseTo(rho, within(5e-3));
    }
  }

  @Test
  void aContinuousColumnWithABinaryOneKeepsTwoOverPi() {
    double[] binary = LatentCorrelation.coefficients(scale(0.5, 0.5));
    // E[Z * 2 phi(0) sign(Z')] = rho * 2 phi(0) * E|Z| = rho * 4 phi(0)^2 = rho * 2 / pi.
    assertThat(binary[1]).isCloseTo(2 / Math.PI, within(1e-9));
    assertThat(LatentCorrelation.scoreCorrelation(null, binary, 0.5)).isCloseTo(0.5 * 2 / Math.PI, within(1e-9));
    assertThat(LatentCorrelation.latent(null, binary, 0.5 * 2 / Math.PI)).isCloseTo(0.5, within(1e-9));
    assertThat(LatentCorrelation.latent(null, null, 0.37)).isEqualTo(0.37);
  }

  @Test
  void unevenLabelsAndAtomsMatchAMonteCarloOfJitteredScores() {
    CategoricalScale labels = scale(0.15, 0.5, 0.05, 0.3);
    NumericDistribution mixed = NumericDistribution.of(List.of(new Atom(0, 0.4), new Atom(10, 0.1)),
        new EmpiricalQuantiles(new double[] {0, 0.5, 1}, new double[] {1, 5, 9}));
    double[] a = LatentCorrelation.coefficients(labels);
    double[] b = LatentCorrelation.coefficients(mixed);
    assertThat(b).isNotNull();
    for (double rho : new double[] {-0.7, 0.4, 0.85}) {
      double simulated = simulate(labels, mixed, rho, 400_000, 7);
      // Monte Carlo standard error of a correlation at n = 400,000 is below 0.0016.
      assertThat(LatentCorrelation.scoreCorrelation(a, b, rho)).isCloseTo(simulated, within(0.006));
      assertThat(LatentCorrelation.latent(a, b, simulated)).isCloseTo(rho, within(0.015));
    }
  }

  @Test
  void aColumnWithoutTiesNeedsNoCorrection() {
    NumericDistribution continuous = NumericDistribution.of(List.of(),
        new EmpiricalQuantiles(new double[] {0, 0.3, 1}, new double[] {1, 2, 9}));
    assertThat(LatentCorrelation.coefficients(continuous)).isNull();
  }

  /** Pearson correlation of fit's scores for latent normals correlated by rho. */
  private static double simulate(CategoricalScale labels, NumericDistribution numbers, double rho, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double z1 = gaussian(random);
      double z2 = rho * z1 + Math.sqrt(1 - rho * rho) * gaussian(random);
      double u1 = StandardNormal.cdf(z1);
      double u2 = StandardNormal.cdf(z2);
      int slot = labels.slotAt(u1);
      double x = StandardNormal.inverseCdf(clip(labels.uniformScore(slot, random.nextDouble())));
      double value = numbers.quantile(u2);
      double y = StandardNormal.inverseCdf(clip(numbers.uniformScore(value, random.nextDouble())));
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    double cov = sxy / n - sx / n * sy / n;
    return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  }

  private static double clip(double u) {
    return Math.min(1 - 1e-12, Math.max(1e-12, u));
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
