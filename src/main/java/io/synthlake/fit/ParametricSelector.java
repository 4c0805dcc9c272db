package io.synthlake.fit;

import io.synthlake.config.ParametricFamily;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.ParametricPart;
import io.synthlake.profile.Moments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fits the configured parametric families to a continuous part by moments (on the non-atom values, truncated to
 * the protected bounds) and ranks them by their Kolmogorov-Smirnov distance to the empirical quantile knots.
 */
public final class ParametricSelector {
  private ParametricSelector() {}

  public record Candidate(ParametricPart part, double ks) {}

  /** Candidates that could be fitted, best (smallest KS) first. */
  public static List<Candidate> rank(EmpiricalQuantiles empirical, Moments moments, List<ParametricFamily> families) {
    List<Candidate> candidates = new ArrayList<>();
    for (ParametricFamily family : families) {
      fit(family, moments, empirical.lower(), empirical.upper())
          .ifPresent(part -> candidates.add(new Candidate(part, ks(part, empirical))));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::ks));
    return candidates;
  }

  static Optional<ParametricPart> fit(ParametricFamily family, Moments m, double lower, double upper) {
    double mean = m.mean();
    double variance = m.variance();
    double sd = Math.sqrt(variance);
    if (m.count() < 2 || !(sd > 0) || !(upper > lower)) {
      return Optional.empty();
    }
    try {
      return switch (family) {
        case NORMAL -> Optional.of(new ParametricPart.Normal(mean, sd, lower, upper));
        case LOGNORMAL -> m.allPositive() && lower > 0 && m.logVariance() > 0
            ? Optional.of(new ParametricPart.Lognormal(m.logMean(), Math.sqrt(m.logVariance()), lower, upper))
            : Optional.empty();
        case GAMMA -> m.allPositive() && mean > 0
            ? Optional.of(new ParametricPart.Gamma(mean * mean / variance, variance / mean, lower, upper))
            : Optional.empty();
        case BETA -> beta(mean, variance, lower, upper);
        case UNIFORM -> Optional.of(new ParametricPart.Uniform(lower, upper));
        case EXPONENTIAL -> mean > lower
            ? Optional.of(new ParametricPart.Exponential(1.0 / (mean - lower), lower, upper))
            : Optional.empty();
      };
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<ParametricPart> beta(double mean, double variance, double lower, double upper) {
    double width = upper - lower;
    double m = (mean - lower) / width;
    double v = variance / (width * width);
    if (!(m > 0 && m < 1 && v > 0 && v < m * (1 - m))) {
      return Optional.empty();
    }
    double common = m * (1 - m) / v - 1;
    return Optional.of(new ParametricPart.Beta(m * common, (1 - m) * common, lower, upper));
  }

  /** The largest gap between the candidate's CDF and the empirical one at the knots. */
  static double ks(ParametricPart part, EmpiricalQuantiles empirical) {
    double[] p = empirical.probabilities();
    double[] x = empirical.values();
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      worst = Math.max(worst, Math.abs(part.cdf(x[i]) - p[i]));
    }
    return worst;
  }
}
