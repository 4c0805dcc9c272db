package io.synthlake.fit;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the per-label marginal pass of fit sketches: for each task, a numeric column's values grouped by the label
 * of another column. Labels with a marginal of their own have a group each; every other value of the label column
 * (a rarer, folded or null label) falls in the last group, the rest.
 *
 * @param columns prepared index of each task's numeric column
 * @param by prepared index of each task's label column
 * @param groupOf per task, each label with a group of its own to that group's index
 * @param groups per task, the number of groups, the rest's included
 * @param atoms per task, the numeric column's atoms (counted exactly; the other values are binned)
 * @param edges per task, ascending bin edges for the other values: the column's own quantile knots, at most
 *     {@link LabelMarginalFinder#MAX_EDGES}
 * @param boundRank the rank of the protected bounds (k-th smallest and largest value of a group)
 */
public record LabelMarginalPlan(int[] columns, int[] by, List<Map<Object, Integer>> groupOf, int[] groups,
    double[][] atoms, double[][] edges, int boundRank) implements Serializable {

  public int size() {
    return columns.length;
  }

  /** The group of a label value of task t: its own, or the rest. */
  int groupOf(int task, Object label) {
    Integer group = label == null ? null : groupOf.get(task).get(label);
    return group == null ? groups[task] - 1 : group;
  }
}
