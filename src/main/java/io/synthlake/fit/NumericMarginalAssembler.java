package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.config.MarginalMode;
import io.synthlake.model.Atom;
import io.synthlake.model.ContinuousPart;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.NonFinite;
import io.synthlake.model.NumericMarginal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds a numeric marginal from its evidence: exact atoms, and a continuous part whose knots each summarise at
 * least {@code min-category-count} values (so that small tables do not store their values as knots), bounded by
 * the protected k-th smallest and largest values, made strictly monotone, and optionally replaced by the best
 * parametric family.
 */
public final class NumericMarginalAssembler {
  private final FitConfig fit;
  private final int maxKnots;
  private final boolean parametricAllowed;

  public NumericMarginalAssembler(FitConfig fit) {
    this(fit, fit.quantileKnots(), true);
  }

  /** An assembler with fewer knots and no parametric families (for string lengths). */
  NumericMarginalAssembler(FitConfig fit, int maxKnots, boolean parametricAllowed) {
    this.fit = fit;
    this.maxKnots = maxKnots;
    this.parametricAllowed = parametricAllowed;
  }

  /**
   * The marginal, and the empirical knots that normal scores use (also when a parametric family was chosen, so
   * that the copula is estimated from ranks, independently of the family). Empty marginal when nothing can be
   * modelled without revealing values.
   */
  public record Result(NumericMarginal marginal, EmpiricalQuantiles empirical) {}

  public Result assemble(String column, NumericEvidence evidence, double resolution, NonFinite nonFinite,
      FitNotes notes) {
    EmpiricalQuantiles empirical = null;
    long nonAtom = evidence.nonAtomCount();
    if (nonAtom > 0) {
      int knots = (int) Math.min(maxKnots, nonAtom / fit.minCategoryCount());
      if (knots < 2 || !(evidence.lowerBound() < evidence.upperBound())) {
        notes.column(column, "%d finite values outside the atoms are too few to model without revealing them "
            + "(fewer than 2 x min-category-count, or bounds that cross): left out", nonAtom);
        nonAtom = 0;
      } else {
        empirical = knots(evidence, knots, resolution);
        if (knots < maxKnots) {
          notes.column(column, "%d quantile knots (not %d) so that each summarises at least %d values", knots,
              maxKnots, fit.minCategoryCount());
        }
      }
    }
    long kept = nonAtom;
    for (long count : evidence.atomCounts()) {
      kept += count;
    }
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < evidence.atomValues().length; i++) {
      if (evidence.atomCounts()[i] > 0) {
        atoms.add(new Atom(evidence.atomValues()[i], (double) evidence.atomCounts()[i] / kept));
      }
    }
    if (atoms.isEmpty() && empirical == null && (nonFinite == null || nonFinite.total() == 0)) {
      return new Result(null, null);
    }
    describeAtoms(column, atoms, notes);
    ContinuousPart continuous = empirical == null ? null : choose(column, empirical, evidence, notes);
    return new Result(new NumericMarginal(resolution, atoms, continuous, nonFinite), empirical);
  }

  private void describeAtoms(String column, List<Atom> atoms, FitNotes notes) {
    if (atoms.isEmpty()) {
      return;
    }
    double mass = atoms.stream().mapToDouble(Atom::probability).sum();
    String heaviest = atoms.stream()
        .sorted((a, b) -> Double.compare(b.probability(), a.probability()))
        .limit(3)
        .map(a -> String.format(Locale.ROOT, "%s (%.2f%%)", plain(a.value()), 100 * a.probability()))
        .collect(Collectors.joining(", "));
    notes.column(column, "%d atoms hold %.2f%% of finite values; heaviest: %s", atoms.size(), 100 * mass,
        heaviest);
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private ContinuousPart choose(String column, EmpiricalQuantiles empirical, NumericEvidence evidence,
      FitNotes notes) {
    if (!parametricAllowed || fit.marginals() == MarginalMode.EMPIRICAL || evidence.moments() == null) {
      return empirical;
    }
    List<ParametricSelector.Candidate> ranked =
        ParametricSelector.rank(empirical, evidence.moments(), fit.parametricFamilies());
    String scores = ranked.stream()
        .map(c -> String.format(Locale.ROOT, "%s %.4f", c.part().family(), c.ks()))
        .collect(Collectors.joining(", "));
    if (ranked.isEmpty()) {
      notes.column(column, "no parametric family could be fitted (too few or degenerate values): empirical kept");
      return empirical;
    }
    ParametricSelector.Candidate best = ranked.get(0);
    if (fit.marginals() == MarginalMode.AUTO && best.ks() > fit.parametricMaxKs()) {
      notes.column(column, "continuous part empirical: best family %s has KS %.4f > parametric-max-ks %s (%s)",
          best.part().family(), best.ks(), fit.parametricMaxKs(), scores);
      return empirical;
    }
    notes.column(column, "continuous part %s, KS %.4f against the empirical knots (%s)", best.part().family(),
        best.ks(), scores);
    return best.part();
  }

  /**
   * Knots on [lower, upper]: the grid quantiles clipped to the bounds, resampled to {@code knots} when fewer are
   * allowed, then made strictly monotone by merging runs of equal values into one knot at their mean probability
   * (the ends keep probabilities 0 and 1). Knots are rounded to the column's resolution first.
   */
  static EmpiricalQuantiles knots(NumericEvidence evidence, int knots, double resolution) {
    double lower = evidence.lowerBound();
    double upper = evidence.upperBound();
    double[] gridP = evidence.gridProbabilities();
    double[] gridV = evidence.gridValues();
    int n = gridP.length + 2;
    double[] p = new double[n];
    double[] v = new double[n];
    p[0] = 0;
    v[0] = lower;
    for (int i = 0; i < gridP.length; i++) {
      p[i + 1] = gridP[i];
      v[i + 1] = Math.min(upper, Math.max(lower, gridV[i]));
    }
    p[n - 1] = 1;
    v[n - 1] = upper;
    for (int i = 1; i < n; i++) {
      v[i] = Math.max(v[i], v[i - 1]); // sketches are monotone up to rounding; make sure
    }
    if (knots < n - 1) {
      double[] rp = new double[knots + 1];
      double[] rv = new double[knots + 1];
      for (int i = 0; i <= knots; i++) {
        rp[i] = (double) i / knots;
        rv[i] = interpolate(p, v, rp[i]);
      }
      p = rp;
      v = rv;
    }
    if (resolution > 0) {
      // Interpolated knots of whole numbers (or cents, seconds) sit on the same grid as the data.
      for (int i = 1; i < v.length - 1; i++) {
        v[i] = Math.min(upper, Math.max(lower, Math.rint(v[i] / resolution) * resolution));
      }
    }
    return strictlyMonotone(p, v);
  }

  private static double interpolate(double[] p, double[] v, double at) {
    int hi = 1;
    while (hi < p.length - 1 && p[hi] < at) {
      hi++;
    }
    int lo = hi - 1;
    if (p[hi] <= p[lo]) {
      return v[hi];
    }
    return v[lo] + (v[hi] - v[lo]) * (at - p[lo]) / (p[hi] - p[lo]);
  }

  private static EmpiricalQuantiles strictlyMonotone(double[] p, double[] v) {
    List<double[]> out = new ArrayList<>();
    int last = p.length - 1;
    int i = 0;
    while (i <= last) {
      int j = i;
      double sum = 0;
      while (j <= last && v[j] == v[i]) {
        sum += p[j];
        j++;
      }
      double probability = i == 0 ? 0.0 : j - 1 == last ? 1.0 : sum / (j - i);
      out.add(new double[] {probability, v[i]});
      i = j;
    }
    double[] rp = new double[out.size()];
    double[] rv = new double[out.size()];
    for (int k = 0; k < rp.length; k++) {
      rp[k] = out.get(k)[0];
      rv[k] = out.get(k)[1];
    }
    return new EmpiricalQuantiles(rp, rv);
  }
}
