package io.synthlake.fit;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the rules pass of fit counts, by prepared-column index: the label pairs (a contingency table each), the
 * ordered numeric pairs, the sum triples and the nullable columns. Bounded on the driver before the scan: the
 * tables by {@link RuleFinder#CELL_BUDGET} cells, the orders and sums by their candidate caps.
 *
 * @param discrete prepared indices of the columns whose labels (or atoms) the tables count
 * @param dictionaries per discrete column, each stored label (a String, or a Double for a number) to its index;
 *     any other value counts as "other" (index = size), a null as "null" (index = size + 1)
 * @param pairs positions in {@code discrete} of each counted pair, first before second
 * @param orders prepared indices (low, high) of each counted order candidate
 * @param sums prepared indices (total, left, right) of each counted sum candidate
 * @param sumTolerance per sum, the largest |total - left - right| that still holds (half the finest resolution)
 * @param nullable prepared indices of the columns whose nulls are compared pairwise
 * @param grouped prepared indices of the numeric columns whose moments are counted per label of each column of
 *     {@code groupBy}, for the per-label marginals
 * @param groupShift per grouped column, a value subtracted before the moments (its mean), so that the sums of
 *     squares keep their precision for large values such as timestamps
 * @param groupBy positions in {@code discrete} of the label columns the grouped moments are by
 */
public record RulePlan(int[] discrete, List<Map<Object, Integer>> dictionaries, int[][] pairs, int[][] orders,
    int[][] sums, double[] sumTolerance, int[] nullable, int[] grouped, double[] groupShift, int[] groupBy)
    implements Serializable {

  public boolean isEmpty() {
    return pairs.length == 0 && orders.length == 0 && sums.length == 0 && nullable.length < 2
        && (grouped.length == 0 || groupBy.length == 0);
  }

  /** Moment cells of the grouped column at {@code x} by the label column at {@code by}: 3 per label slot. */
  int momentCells(int by) {
    return 3 * (dictionaries.get(groupBy[by]).size() + 2);
  }

  /** The size of the table of a pair: (labels + other + null) squared, per side. */
  int cells(int pair) {
    return (dictionaries.get(pairs[pair][0]).size() + 2) * (dictionaries.get(pairs[pair][1]).size() + 2);
  }
}
