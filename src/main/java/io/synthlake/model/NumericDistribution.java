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

  /** The uniform grid that narrows {@link #quantile}'s search has two cells per knot, within these bounds. */
  private static final int MIN_GRID_CELLS = 64;
  private static final int MAX_GRID_CELLS = 1 << 14;
  /** Doubles per segment in {@link #segments}. */
  private static final int STRIDE = 4;

  private final double[] u;
  private final double[] x;
  /**
   * Segment i (knots i and i + 1) packed as (u[i], x[i], slope, x[i + 1]), so a quantile reads one or two cache
   * lines; the slope is dx/du (0 inside an atom), so it costs no division.
   */
  private final double[] segments;
  /** segmentOfCell[c]: the segment holding u = c / cells, where {@link #quantile}'s scan starts. */
  private final int[] segmentOfCell;
  private final int cells;
  /**
   * Per {@link NormalGrid} cell: the knot starting the atom that holds Φ(z) for every z of the cell, or -1; null
   * when there are no atoms. Most values of discrete columns are answered here without computing Φ.
   */
  private final int[] atomOfCell;
  /**
   * The normal scores this distribution reads are standardised as (z - normalMean) * normalInverseSd first
   * ({@link #calibrated}); 0 and 1 leave every score exactly as it is.
   */
  private final double normalMean;
  private final double normalInverseSd;

  private NumericDistribution(double[] u, double[] x) {
    this.u = u;
    this.x = x;
    int lastSegment = u.length - 2;
    this.segments = new double[STRIDE * (lastSegment + 2)];
    for (int i = 0; i <= lastSegment; i++) {
      segments[STRIDE * i] = u[i];
      segments[STRIDE * i + 1] = x[i];
      segments[STRIDE * i + 2] = x[i + 1] == x[i] || u[i + 1] <= u[i] ? 0.0 : (x[i + 1] - x[i]) / (u[i + 1] - u[i]);
      segments[STRIDE * i + 3] = x[i + 1];
    }
    // A sentinel segment past the last, whose lower u ends the scan.
    segments[STRIDE * (lastSegment + 1)] = Double.POSITIVE_INFINITY;
    this.cells = Math.max(MIN_GRID_CELLS, Math.min(MAX_GRID_CELLS, Integer.highestOneBit(u.length) * 4));
    this.segmentOfCell = new int[cells];
    for (int c = 0; c < cells; c++) {
      segmentOfCell[c] = Math.max(0, Math.min(lastSegment, upperBound(u, (double) c / cells) - 1));
    }
    this.atomOfCell = atomCells(u, x);
    this.normalMean = 0.0;
    this.normalInverseSd = 1.0;
  }

  private NumericDistribution(NumericDistribution base, ScoreCalibration calibration) {
    this.u = base.u;
    this.x = base.x;
    this.segments = base.segments;
    this.segmentOfCell = base.segmentOfCell;
    this.cells = base.cells;
    this.atomOfCell = base.atomOfCell;
    this.normalMean = calibration.mean();
    this.normalInverseSd = 1.0 / calibration.sd();
  }

  /**
   * This distribution read at standardised normal scores: {@link #quantileOfNormal}(z) is this one's at
   * (z - mean) / sd. Itself for a null calibration. Uniform draws ({@link #quantile}) are unchanged.
   */
  public NumericDistribution calibrated(ScoreCalibration calibration) {
    return calibration == null ? this : new NumericDistribution(this, calibration);
  }

  private double standardised(double z) {
    return (z - normalMean) * normalInverseSd;
  }

  /** The knots' cumulative probabilities, ascending: an atom is two knots with one value. */
  public double[] knotProbabilities() {
    return u.clone();
  }

  /** The knots' values, in the order of {@link #knotProbabilities()}. */
  public double[] knotValues() {
    return x.clone();
  }

  /**
   * The value at one normal score, {@code quantile(Φ(z))}: an atom's value straight from the normal grid where z's
   * cell lies inside the atom (no Φ and no search), as {@link #quantilesOfNormals} does for a whole chunk.
   */
  public double quantileOfNormal(double score) {
    double z = standardised(score);
    int atom = atomOfCell == null ? -1 : atomKnot(z);
    return atom >= 0 ? x[atom] : quantile(io.synthlake.stats.StandardNormal.cdf(z));
  }

  /** The cells of the normal scores that fall wholly inside one atom's interval of u. */
  private static int[] atomCells(double[] u, double[] x) {
    int[] atoms = null;
    int cell = 0;
    for (int knot = 0; knot + 1 < u.length; knot++) {
      if (x[knot] != x[knot + 1] || !(u[knot] < u[knot + 1])) {
        continue;
      }
      // Φ is accurate to 1e-14, so this margin keeps every z of an accepted cell strictly inside the atom.
      double lowest = u[knot] + 1e-12;
      double highest = u[knot + 1] - 1e-12;
      while (cell < NormalGrid.CELLS && NormalGrid.highUniform(cell) < highest) {
        if (NormalGrid.lowUniform(cell) > lowest) {
          if (atoms == null) {
            atoms = new int[NormalGrid.CELLS];
            java.util.Arrays.fill(atoms, -1);
          }
          atoms[cell] = knot;
        }
        cell++;
      }
    }
    return atoms;
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
   * The value at cumulative probability p in [0, 1]. The grid cell of p gives the segment to start from (quantile
   * knots are spread about evenly in u, so a cell rarely holds one), which makes this constant time on generate's
   * hot path.
   */
  public double quantile(double p) {
    int segment = segmentOfCell[Math.min(cells - 1, Math.max(0, (int) (p * cells)))];
    // The segment is the last one starting at or below p (knots with equal u are passed over).
    int lastSegment = u.length - 2;
    while (segment < lastSegment && segments[STRIDE * (segment + 1)] <= p) {
      segment++;
    }
    int base = STRIDE * segment;
    double low = segments[base + 1];
    double slope = segments[base + 2];
    double high = segments[base + 3];
    if (slope == 0.0) {
      return p <= segments[base] ? low : high;
    }
    return Math.min(high, Math.max(low, low + slope * (p - segments[base])));
  }

  /**
   * The values at normal scores (the copula's, on generate's hot path): {@code values[i] = quantile(Φ(normals[i]))}
   * for i below count. Scores whose grid cell lies inside an atom skip Φ and the search (discrete columns are
   * mostly atoms), and computing every Φ before any search lets the processor overlap the searches' cache misses.
   */
  public void quantilesOfNormals(double[] normals, double[] values, int count) {
    if (atomOfCell == null) {
      for (int i = 0; i < count; i++) {
        values[i] = io.synthlake.stats.StandardNormal.cdf(standardised(normals[i]));
      }
      for (int i = 0; i < count; i++) {
        values[i] = quantile(values[i]);
      }
      return;
    }
    // NaN marks the scores whose cell lies inside an atom: they need neither Φ nor a search.
    for (int i = 0; i < count; i++) {
      double z = standardised(normals[i]);
      values[i] = atomKnot(z) >= 0 ? Double.NaN : io.synthlake.stats.StandardNormal.cdf(z);
    }
    for (int i = 0; i < count; i++) {
      values[i] = Double.isNaN(values[i]) ? x[atomKnot(standardised(normals[i]))] : quantile(values[i]);
    }
  }

  /** The knot starting the atom that holds Φ(z) for z's whole grid cell, or -1. */
  private int atomKnot(double z) {
    int cell = NormalGrid.cell(z);
    return cell >= 0 && cell < NormalGrid.CELLS ? atomOfCell[cell] : -1;
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
