package io.synthlake.fit;

import io.synthlake.model.CategoricalScale;
import io.synthlake.model.NumericDistribution;
import io.synthlake.stats.StandardNormal;
import java.util.function.IntFunction;

/**
 * The copula's correlation for columns with ties: fit scores a label or an atom at a uniform drawn inside its
 * interval, so two such columns whose latent normals correlate by ρ have normal scores that correlate less. Drawn
 * from the copula at the scores' own correlation, their labels would go together less than in the source (a binary
 * column keeps about 0.64 of a correlation with a continuous one, two binary columns about 0.4). This finds the
 * latent ρ whose scores correlate as the source's do: the polyserial and polychoric correction (Olsson 1979,
 * Olsson, Drasgow &amp; Dorans 1982) for the randomised probability integral transform.
 *
 * <p>A column's score is Z = m(Z*), with Z* its latent standard normal and m the mean of Z* over the interval of a
 * label or atom (Z* itself where the column is continuous); the jitter inside an interval is independent of every
 * other column. Mehler's expansion of the bivariate normal gives E[m1(Z1*) m2(Z2*)] = Σ_k ρ^k b1(k) b2(k), with
 * b(k) = E[m(Z) h_k(Z)] and h_k the orthonormal Hermite polynomials; Σ_k b(k)² = Var m(Z) ≤ 1, so the series
 * converges for |ρ| ≤ 1. A continuous column has b(1) = 1 and no other term, so the correction between a
 * continuous column and a discrete one is a division by the discrete one's b(1). The function is increasing in ρ
 * (both m are non-decreasing), so bisection inverts it.
 */
public final class LatentCorrelation {
  /** Terms of the expansion: the remainder after them is below 0.98^TERMS ≈ 0.2% of a correlation of 0.98. */
  static final int TERMS = 300;
  private static final int BISECTIONS = 60;
  /** Beyond this many standard deviations φ(x) h_k(x) is below 1e-40 for every k here: taken as 0. */
  private static final double FAR = 15;

  private LatentCorrelation() {}

  /**
   * The Hermite coefficients b(1..TERMS) of a column's score (index 0 unused), or null for a continuous column
   * (b(1) = 1 and nothing else) or a scorer this does not know.
   */
  static double[] coefficients(UniformScorer scorer) {
    if (scorer instanceof UniformScorer.Numeric numeric) {
      return coefficients(numeric.distribution());
    }
    if (scorer instanceof UniformScorer.Categorical categorical) {
      return coefficients(categorical.scale());
    }
    if (scorer instanceof UniformScorer.Presence presence) {
      double[] b = new double[TERMS + 1];
      addInterval(b, 0, presence.nullShare());
      addInterval(b, presence.nullShare(), 1);
      return b;
    }
    if (scorer instanceof UniformScorer.Conditional conditional) {
      // A label table's child: its intervals depend on the parent's label, so the mixture over the parent's labels
      // (an approximation: the child's latent normal is taken as independent of which row it is drawn from).
      return mixture(conditional.parent(),
          slot -> conditional.byParent()[slot] == null ? null : coefficients(conditional.byParent()[slot]),
          coefficients(conditional.otherwise()));
    }
    if (scorer instanceof UniformScorer.ByLabel byLabel) {
      return mixture(byLabel.labels(),
          slot -> byLabel.bySlot()[slot] == null ? null : orContinuous(coefficients(byLabel.bySlot()[slot])),
          orContinuous(coefficients(byLabel.rest())));
    }
    return null;
  }

  /**
   * The coefficients of a score drawn within the label of another column: each label's (null where the label has
   * none of its own) weighted by the label's share, and {@code rest} for the share the labels leave.
   */
  private static double[] mixture(CategoricalScale labels, IntFunction<double[]> ofSlot, double[] rest) {
    double[] mixed = new double[TERMS + 1];
    double covered = 0;
    for (int slot = 0; slot < labels.size(); slot++) {
      double weight = labels.uniformScore(slot, 1) - labels.uniformScore(slot, 0);
      double[] own = weight > 0 ? ofSlot.apply(slot) : null;
      if (own != null) {
        add(mixed, own, weight);
        covered += weight;
      }
    }
    add(mixed, rest, Math.max(0, 1 - covered));
    return mixed;
  }

  private static double[] orContinuous(double[] coefficients) {
    if (coefficients != null) {
      return coefficients;
    }
    double[] continuous = new double[TERMS + 1];
    continuous[1] = 1;
    return continuous;
  }

  private static void add(double[] into, double[] from, double weight) {
    for (int k = 1; k <= TERMS; k++) {
      into[k] += weight * from[k];
    }
  }

  /** A scale's labels are intervals of u, each scored with a uniform inside it. */
  static double[] coefficients(CategoricalScale scale) {
    double[] b = new double[TERMS + 1];
    for (int slot = 0; slot < scale.size(); slot++) {
      addInterval(b, scale.uniformScore(slot, 0), scale.uniformScore(slot, 1));
    }
    return b;
  }

  /**
   * A numeric distribution's atoms are intervals of u (two knots with one value), its other segments continuous;
   * null when it has no atom.
   */
  static double[] coefficients(NumericDistribution distribution) {
    double[] u = distribution.knotProbabilities();
    double[] x = distribution.knotValues();
    boolean atoms = false;
    double[] b = new double[TERMS + 1];
    // Adjacent continuous segments add up to one (their parts telescope): each run is added once.
    double runStart = Double.NaN;
    for (int i = 0; i + 1 < u.length; i++) {
      if (!(u[i + 1] > u[i])) {
        continue;
      }
      if (x[i + 1] == x[i]) {
        if (!Double.isNaN(runStart)) {
          addContinuous(b, runStart, u[i]);
          runStart = Double.NaN;
        }
        atoms = true;
        addInterval(b, u[i], u[i + 1]);
      } else if (Double.isNaN(runStart)) {
        runStart = u[i];
      }
    }
    if (!Double.isNaN(runStart)) {
      addContinuous(b, runStart, u[u.length - 1]);
    }
    return atoms ? b : null;
  }

  /**
   * An interval [lo, hi] of u scored at a uniform inside it: m is the mean of Z over it, (φ(l) - φ(h)) / (hi - lo),
   * and its part of b(k) is m (h_{k-1}(l) φ(l) - h_{k-1}(h) φ(h)) / √k, from ∫ He_k φ = -He_{k-1} φ.
   */
  private static void addInterval(double[] b, double lo, double hi) {
    if (!(hi > lo)) {
      return;
    }
    double l = StandardNormal.inverseCdf(lo);
    double h = StandardNormal.inverseCdf(hi);
    double phiL = density(l);
    double phiH = density(h);
    double mean = (phiL - phiH) / (hi - lo);
    double[] hl = hermite(l);
    double[] hh = hermite(h);
    for (int k = 1; k <= TERMS; k++) {
      b[k] += mean * (hl[k - 1] * phiL - hh[k - 1] * phiH) / Math.sqrt(k);
    }
  }

  /**
   * A continuous segment [lo, hi] of u (the score is Z itself): from z He_k = He_{k+1} + k He_{k-1}, its part of
   * b(k) is h_k(l) φ(l) - h_k(h) φ(h) + √(k / (k - 1)) (h_{k-2}(l) φ(l) - h_{k-2}(h) φ(h)) for k ≥ 2, and
   * h_1(l) φ(l) - h_1(h) φ(h) + Φ(h) - Φ(l) for k = 1.
   */
  private static void addContinuous(double[] b, double lo, double hi) {
    double l = StandardNormal.inverseCdf(lo);
    double h = StandardNormal.inverseCdf(hi);
    double phiL = density(l);
    double phiH = density(h);
    double[] hl = hermite(l);
    double[] hh = hermite(h);
    for (int k = 1; k <= TERMS; k++) {
      double part = hl[k] * phiL - hh[k] * phiH;
      part += k == 1 ? hi - lo : Math.sqrt((double) k / (k - 1)) * (hl[k - 2] * phiL - hh[k - 2] * phiH);
      b[k] += part;
    }
  }

  /**
   * h_0..h_TERMS at x, orthonormal: h_{k+1} = (x h_k - √k h_{k-1}) / √(k+1). All 0 beyond {@link #FAR}, where φ
   * is 0 to double precision, so every part h_k φ is 0 (and h_k could overflow).
   */
  private static double[] hermite(double x) {
    double[] h = new double[TERMS + 1];
    if (!(Math.abs(x) <= FAR)) {
      return h;
    }
    h[0] = 1;
    if (TERMS >= 1) {
      h[1] = x;
    }
    for (int k = 1; k < TERMS; k++) {
      h[k + 1] = (x * h[k] - Math.sqrt(k) * h[k - 1]) / Math.sqrt(k + 1);
    }
    return h;
  }

  private static double density(double x) {
    return Math.abs(x) <= FAR ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0;
  }

  /** The correlation of two columns' scores when their latent normals correlate by rho. */
  static double scoreCorrelation(double[] a, double[] b, double rho) {
    if (a == null || b == null) {
      double[] discrete = a == null ? b : a;
      return discrete == null ? rho : rho * discrete[1];
    }
    double sum = 0;
    double power = 1;
    for (int k = 1; k <= TERMS; k++) {
      power *= rho;
      sum += power * a[k] * b[k];
    }
    return sum;
  }

  /**
   * The latent correlation whose scores correlate by {@code observed}: clipped to [-1, 1] where even a perfect
   * latent correlation scores less (the repair to a valid matrix follows).
   */
  static double latent(double[] a, double[] b, double observed) {
    if (a == null && b == null) {
      return observed;
    }
    double low = -1;
    double high = 1;
    if (observed >= scoreCorrelation(a, b, high)) {
      return high;
    }
    if (observed <= scoreCorrelation(a, b, low)) {
      return low;
    }
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = 0.5 * (low + high);
      if (scoreCorrelation(a, b, mid) < observed) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }
}
