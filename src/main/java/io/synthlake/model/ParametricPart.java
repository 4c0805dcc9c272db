package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A parametric family for the continuous part, truncated to [lower, upper] (the protected bounds), so that no
 * generated value lies beyond what the source shows.
 *
 * <p>The library distributions here are evaluated at fit time and tabulated once when a model is loaded for
 * sampling: never per generated value, where their iterative inverse CDFs would cost about 50 times more.
 */
public sealed interface ParametricPart extends ContinuousPart {
  /** commons-math3 distributions want a generator only for sampling, which synthlake never does through them. */
  RandomGenerator NO_SAMPLING = null;
  double INVERSE_ACCURACY = 1e-12;

  /** The untruncated distribution of (x - offset) / scale. */
  @JsonIgnore
  RealDistribution standardised();

  /** Location of the standardised distribution (not a stored parameter). */
  @JsonIgnore
  default double standardOffset() {
    return 0.0;
  }

  /** Scale of the standardised distribution (not a stored parameter). */
  @JsonIgnore
  default double standardScale() {
    return 1.0;
  }

  /** The CDF truncated to [lower, upper]. */
  default double cdf(double x) {
    if (x <= lower()) {
      return 0.0;
    }
    if (x >= upper()) {
      return 1.0;
    }
    RealDistribution d = standardised();
    double low = d.cumulativeProbability((lower() - standardOffset()) / standardScale());
    double high = d.cumulativeProbability((upper() - standardOffset()) / standardScale());
    if (!(high > low)) {
      return (x - lower()) / (upper() - lower());
    }
    return (d.cumulativeProbability((x - standardOffset()) / standardScale()) - low) / (high - low);
  }

  /** The inverse of {@link #cdf}: a value in [lower, upper]. */
  default double quantile(double u) {
    RealDistribution d = standardised();
    double low = d.cumulativeProbability((lower() - standardOffset()) / standardScale());
    double high = d.cumulativeProbability((upper() - standardOffset()) / standardScale());
    double p = low + Math.min(1.0, Math.max(0.0, u)) * (high - low);
    double x = standardOffset() + standardScale() * d.inverseCumulativeProbability(p);
    return Math.min(upper(), Math.max(lower(), x));
  }

  private static void checkBounds(double lower, double upper) {
    Checks.finite(lower, "lower");
    Checks.finite(upper, "upper");
    Checks.require(lower < upper, "lower (%s) must be below upper (%s)", lower, upper);
  }

  private static void positive(double value, String name) {
    Checks.require(Double.isFinite(value) && value > 0, "%s must be a positive number, got %s", name, value);
  }

  record Normal(double mean, double sd, double lower, double upper) implements ParametricPart {
    public Normal {
      Checks.finite(mean, "mean");
      positive(sd, "sd");
      checkBounds(lower, upper);
    }

    @Override
    public RealDistribution standardised() {
      return new NormalDistribution(NO_SAMPLING, mean, sd, INVERSE_ACCURACY);
    }

    @Override
    @JsonIgnore
    public String family() {
      return "normal";
    }
  }

  /** ln(x) is normal with mean mu and standard deviation sigma. */
  record Lognormal(double mu, double sigma, double lower, double upper) implements ParametricPart {
    public Lognormal {
      Checks.finite(mu, "mu");
      positive(sigma, "sigma");
      checkBounds(lower, upper);
      Checks.require(lower > 0, "a lognormal part needs lower > 0, got %s", lower);
    }

    @Override
    public RealDistribution standardised() {
      return new LogNormalDistribution(NO_SAMPLING, mu, sigma, INVERSE_ACCURACY);
    }

    @Override
    @JsonIgnore
    public String family() {
      return "lognormal";
    }
  }

  record Gamma(double shape, double scale, double lower, double upper) implements ParametricPart {
    public Gamma {
      positive(shape, "shape");
      positive(scale, "scale");
      checkBounds(lower, upper);
    }

    @Override
    public RealDistribution standardised() {
      return new GammaDistribution(NO_SAMPLING, shape, 1.0, INVERSE_ACCURACY);
    }

    @Override
    public double standardScale() {
      return scale;
    }

    @Override
    @JsonIgnore
    public String family() {
      return "gamma";
    }
  }

  /** A beta distribution stretched over [lower, upper]. */
  record Beta(double alpha, double beta, double lower, double upper) implements ParametricPart {
    public Beta {
      positive(alpha, "alpha");
      positive(beta, "beta");
      checkBounds(lower, upper);
    }

    @Override
    public RealDistribution standardised() {
      return new BetaDistribution(NO_SAMPLING, alpha, beta, INVERSE_ACCURACY);
    }

    @Override
    public double standardOffset() {
      return lower;
    }

    @Override
    public double standardScale() {
      return upper - lower;
    }

    @Override
    @JsonIgnore
    public String family() {
      return "beta";
    }
  }

  record Uniform(double lower, double upper) implements ParametricPart {
    public Uniform {
      checkBounds(lower, upper);
    }

    @Override
    public RealDistribution standardised() {
      return new UniformRealDistribution(NO_SAMPLING, 0.0, 1.0);
    }

    @Override
    public double standardOffset() {
      return lower;
    }

    @Override
    public double standardScale() {
      return upper - lower;
    }

    @Override
    @JsonIgnore
    public String family() {
      return "uniform";
    }
  }

  /** lower + an exponential variable with the given rate, truncated at upper. */
  record Exponential(double rate, double lower, double upper) implements ParametricPart {
    public Exponential {
      positive(rate, "rate");
      checkBounds(lower, upper);
    }

    @Override
    public RealDistribution standardised() {
      return new ExponentialDistribution(NO_SAMPLING, 1.0 / rate, INVERSE_ACCURACY);
    }

    @Override
    public double standardOffset() {
      return lower;
    }

    @Override
    @JsonIgnore
    public String family() {
      return "exponential";
    }
  }
}
