package io.synthlake.fit;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The per-label marginal pass's aggregate: per task and group, the exact atom counts, the k smallest and largest
 * other values and their moments ({@link NumericRest}), and the counts of the other values between the edges of
 * the column's own quantile knots (a histogram on the column's quantile grid, exact and independent of the order
 * rows arrive in, so a refit gives the same model). Its size depends on the plan, never on the rows.
 */
public final class LabelMarginalState implements Serializable {
  private static final long serialVersionUID = 2L;

  private final LabelMarginalPlan plan;
  final NumericRest[][] rests;
  /** [task][group][bin]: bin b holds the values with b edges at or below them. */
  final long[][][] bins;

  public LabelMarginalState(LabelMarginalPlan plan) {
    this.plan = plan;
    rests = new NumericRest[plan.size()][];
    bins = new long[plan.size()][][];
    for (int t = 0; t < plan.size(); t++) {
      rests[t] = new NumericRest[plan.groups()[t]];
      bins[t] = new long[plan.groups()[t]][plan.edges()[t].length + 1];
      for (int g = 0; g < plan.groups()[t]; g++) {
        rests[t][g] = new NumericRest(plan.atoms()[t], plan.boundRank());
      }
    }
  }

  public void add(RuleCounts.Values row) {
    for (int t = 0; t < plan.size(); t++) {
      Object value = row.get(plan.columns()[t]);
      if (value == null) {
        continue;
      }
      double number = ((Number) value).doubleValue();
      int group = plan.groupOf(t, row.get(plan.by()[t]));
      if (rests[t][group].add(number)) {
        bins[t][group][binOf(plan.edges()[t], number)]++;
      }
    }
  }

  /** The number of edges at or below the value. */
  static int binOf(double[] edges, double value) {
    int at = Arrays.binarySearch(edges, value);
    if (at >= 0) {
      while (at + 1 < edges.length && edges[at + 1] == value) {
        at++;
      }
      return at + 1;
    }
    return -at - 1;
  }

  LabelMarginalPlan plan() {
    return plan;
  }

  public LabelMarginalState merge(LabelMarginalState other) {
    for (int t = 0; t < rests.length; t++) {
      for (int g = 0; g < rests[t].length; g++) {
        rests[t][g].merge(other.rests[t][g]);
        for (int b = 0; b < bins[t][g].length; b++) {
          bins[t][g][b] += other.bins[t][g][b];
        }
      }
    }
    return this;
  }

  /**
   * The group's quantiles of its non-atom values at the given probabilities: linear inside the histogram bin where
   * the cumulative count reaches p, between the bin's edges (the group's k-th values close the outer bins).
   */
  double[] quantiles(int task, int group, double[] probabilities, double lower, double upper) {
    double[] edges = plan.edges()[task];
    long[] counts = bins[task][group];
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    double[] values = new double[probabilities.length];
    if (total == 0) {
      return values;
    }
    int bin = 0;
    long before = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double target = probabilities[i] * total;
      while (bin < counts.length - 1 && before + counts[bin] < target) {
        before += counts[bin];
        bin++;
      }
      double lo = bin == 0 ? lower : Math.max(lower, edges[bin - 1]);
      double hi = bin == counts.length - 1 ? upper : Math.min(upper, edges[bin]);
      double share = counts[bin] == 0 ? 0 : (target - before) / counts[bin];
      values[i] = hi > lo ? lo + (hi - lo) * Math.min(1, Math.max(0, share)) : lo;
    }
    return values;
  }
}
