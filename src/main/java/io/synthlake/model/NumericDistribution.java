package io.synthlake.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The finite part of a {@link NumericMarginal} as one piecewise-linear quantile function over [0, 1]: knots
 * (u, x) with u and x non-decreasing, where two knots with the same x enclose an atom's probability.
 *
 * <p>Both directions cost one binary search: {@link #quantile} maps a uniform to a value (generate), and
 * {@link #uniformScore} maps a value to a uniform (fit's normal scores), drawing inside an atom's interval for
 * the randomised probability integral transform.
 */
public final class NumericDistribution implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Knots used to tabulate a parametric part; linear interpolation between them errs below 1e-4 in u. */
  private static final int TABULATION_UNIFORM_KNOTS = 2048;
  private static final double TABULATION_TAIL_Z = 8.0;
  private static final double TABULATION_TAIL_STEP = 0.05;

  /** Cells of the uniform grid that narrows {@link #quantile}'s search to a knot or two. */
  private static final int GRID_CELLS = 4096;

  private final double[] u;
  private final double[] x;
  /** firstAbove[c]: the first knot whose u exceeds c / GRID_CELLS. */
  private final int[] firstAbove;
  /** slope[i]: dx/du between knots i and i + 1 (0 inside an atom), so a quantile costs no division. */
  private final double[] slope;

  private NumericDistribution(double[] u, double[] x) {
    this.u = u;
    this.x = x;
    this.firstAbove = new int[GRID_CELLS + 1];
    for (int c = 0; c <= GRID_CELLS; c++) {
      firstAbove[c] = upperBound(u, 0, u.length, (double) c / GRID_CELLS);
    }
    this.slope = new double[u.length];
    for (int i = 0; i + 1 < u.length; i++) {
      slope[i] = x[i + 1] == x[i] || u[i + 1] <= u[i] ? 0.0 : (x[i + 1] - x[i]) / (u[i + 1] - u[i]);
    }
  }

  /** The distribution of the marginal's finite values. */
  public static NumericDistribution of(NumericMarginal marginal) {
    return of(marginal.atoms(), marginal.continuous());
  }

  /** Atoms (shares of the finite values) plus a continuous part holding the remaining mass, if any. */
  public static NumericDistribution of(List<Atom> atoms, ContinuousPart continuous) {
    double atomMass = 0;
    for (Atom atom : atoms) {
      atomMass += atom.probability();
    }
    EmpiricalQuantiles knots = continuous == null ? null : asQuantiles(continuous);
    double continuousMass = knots == null ? 0.0 : Math.max(0.0, 1.0 - atomMass);
    // Without a continuous part the atoms hold everything; renormalise away rounding.
    double atomScale = knots == null && atomMass > 0 ? 1.0 / atomMass : 1.0;
    double[] g = knots == null ? new double[0] : knots.probabilities();
    double[] v = knots == null ? new double[0] : knots.values();

    List<double[]> points = new ArrayList<>();
    double below = 0;
    int j = 0;
    for (Atom atom : atoms) {
      while (j < v.length && v[j] < atom.value()) {
        points.add(new double[] {below + continuousMass * g[j], v[j]});
        j++;
      }
      if (j < v.length && v[j] == atom.value()) {
        j++;
      }
      double start = below + continuousMass * interpolateCdf(g, v, atom.value());
      double p = atom.probability() * atomScale;
      points.add(new double[] {start, atom.value()});
      points.add(new double[] {start + p, atom.value()});
      below += p;
    }
    for (; j < v.length; j++) {
      points.add(new double[] {below + continuousMass * g[j], v[j]});
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a numeric distribution needs atoms or a continuous part");
    }
    if (points.size() == 1) {
      points.add(points.get(0).clone());
    }
    double[] us = new double[points.size()];
    double[] xs = new double[points.size()];
    for (int i = 0; i < us.length; i++) {
      us[i] = Math.min(1.0, Math.max(i == 0 ? 0.0 : us[i - 1], points.get(i)[0]));
      xs[i] = points.get(i)[1];
    }
    us[0] = 0.0;
    us[us.length - 1] = 1.0;
    return new NumericDistribution(us, xs);
  }

  /** The continuous part as quantile knots: empirical as is, parametric tabulated. */
  public static EmpiricalQuantiles asQuantiles(ContinuousPart part) {
    if (part instanceof EmpiricalQuantiles empirical) {
      return empirical;
    }
    ParametricPart parametric = (ParametricPart) part;
    java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
    for (int i = 0; i <= TABULATION_UNIFORM_KNOTS; i++) {
      grid.add((double) i / TABULATION_UNIFORM_KNOTS);
    }
    for (double z = -TABULATION_TAIL_Z; z <= TABULATION_TAIL_Z; z += TABULATION_TAIL_STEP) {
      grid.add(io.synthlake.stats.StandardNormal.cdf(z));
    }
    List<double[]> knots = new ArrayList<>();
    for (double p : grid) {
      double value = p == 0.0 ? parametric.lower() : p == 1.0 ? parametric.upper() : parametric.quantile(p);
      if (knots.isEmpty() || value > knots.get(knots.size() - 1)[1]) {
        knots.add(new double[] {p, value});
      }
    }
    knots.get(knots.size() - 1)[0] = 1.0;
    if (knots.get(knots.size() - 1)[1] < parametric.upper()) {
      knots.add(new double[] {1.0, parametric.upper()});
      knots.get(knots.size() - 2)[0] = Math.nextDown(1.0);
    }
    double[] p = new double[knots.size()];
    double[] v = new double[knots.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = knots.get(i)[0];
      v[i] = knots.get(i)[1];
    }
    return new EmpiricalQuantiles(p, v);
  }

  private static double interpolateCdf(double[] g, double[] v, double value) {
    if (v.length == 0 || value <= v[0]) {
      return 0.0;
    }
    if (value >= v[v.length - 1]) {
      return 1.0;
    }
    int hi = upperBound(v, value);
    int lo = hi - 1;
    return g[lo] + (g[hi] - g[lo]) * (value - v[lo]) / (v[hi] - v[lo]);
  }

  /** The first index whose element is greater than key (elements non-decreasing). */
  private static int upperBound(double[] sorted, double key) {
    return upperBound(sorted, 0, sorted.length, key);
  }

  /** The first index in [from, to) whose element is greater than key, or {@code to}. */
  private static int upperBound(double[] sorted, int from, int to, double key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The value at cumulative probability p in [0, 1]. The grid cell of p bounds the search (quantile knots are
   * spread evenly in u, so a cell holds about one), which makes this constant time on generate's hot path.
   */
  public double quantile(double p) {
    int cell = Math.min(GRID_CELLS - 1, Math.max(0, (int) (p * GRID_CELLS)));
    int above = upperBound(u, firstAbove[cell], firstAbove[cell + 1], p);
    int hi = Math.min(Math.max(above, 1), u.length - 1);
    int lo = hi - 1;
    if (slope[lo] == 0.0) {
      return p <= u[lo] ? x[lo] : x[hi];
    }
    double value = x[lo] + slope[lo] * (p - u[lo]);
    return Math.min(x[hi], Math.max(x[lo], value));
  }

  /**
   * The randomised probability integral transform of a finite value: F(value) for a value of the continuous part,
   * and F(value⁻) + v·P(value) for an atom, with v a uniform draw in [0, 1). Values beyond the protected bounds
   * map to 0 or 1.
   */
  public double uniformScore(double value, double v) {
    // One binary search: an atom is exactly two knots with its value (continuous knots are strictly increasing
    // and never equal an atom), so the knots at or below the value tell everything.
    int end = upperBound(x, value);
    if (end == 0) {
      return 0.0;
    }
    int last = end - 1;
    if (x[last] == value) {
      if (last > 0 && x[last - 1] == value) {
        double low = u[last - 1];
        return low + v * (u[last] - low);
      }
      return u[last];
    }
    if (end >= x.length) {
      return 1.0;
    }
    return u[last] + (u[end] - u[last]) * (value - x[last]) / (x[end] - x[last]);
  }

  /** P(X <= value). */
  public double cdf(double value) {
    int end = upperBound(x, value);
    if (end == 0) {
      return 0.0;
    }
    if (end >= x.length) {
      return 1.0;
    }
    int lo = end - 1;
    if (x[lo] == value) {
      return u[lo];
    }
    return u[lo] + (u[end] - u[lo]) * (value - x[lo]) / (x[end] - x[lo]);
  }

  public double lowest() {
    return x[0];
  }

  public double highest() {
    return x[x.length - 1];
  }
}
