package io.synthlake.fit;

import java.io.Serializable;

/**
 * The rules pass's aggregate: for each counted label pair its contingency table, for each order candidate the rows
 * with both values and those that break it (non-strictly and strictly), for each sum candidate the rows with all
 * three values and those that break it, and for each pair of nullable columns the rows where one is null and the
 * other is not; and per numeric column and label column, the count, sum and sum of squares of the numbers (less a
 * shift) per label. Its size depends on the plan, never on the rows.
 */
public final class RuleCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A row's prepared values by prepared-column index (a Spark row's {@code get}). */
  public interface Values {
    Object get(int index);
  }

  private final RulePlan plan;
  long rows;
  final long[][] tables;
  final long[] orderRows;
  final long[] orderAbove;
  final long[] orderAtOrAbove;
  final long[] sumRows;
  final long[] sumBroken;
  /** [a][b]: rows where nullable column a is null and b is not. */
  final long[][] nullOnly;
  final long[] nulls;
  /**
   * [x * groupBy + by][3 * slot + k]: per label slot (labels, other, null) of the label column, the count (k = 0),
   * sum (1) and sum of squares (2) of the grouped column's shifted finite values.
   */
  final double[][] grouped;
  /** Per-row scratch, kept across rows (a buffer is reduced by one task at a time). */
  private transient int[] index;
  private transient boolean[] isNull;

  public RuleCounts(RulePlan plan) {
    this.plan = plan;
    tables = new long[plan.pairs().length][];
    for (int p = 0; p < tables.length; p++) {
      tables[p] = new long[plan.cells(p)];
    }
    orderRows = new long[plan.orders().length];
    orderAbove = new long[plan.orders().length];
    orderAtOrAbove = new long[plan.orders().length];
    sumRows = new long[plan.sums().length];
    sumBroken = new long[plan.sums().length];
    nullOnly = new long[plan.nullable().length][plan.nullable().length];
    nulls = new long[plan.nullable().length];
    grouped = new double[plan.grouped().length * plan.groupBy().length][];
    for (int x = 0; x < plan.grouped().length; x++) {
      for (int by = 0; by < plan.groupBy().length; by++) {
        grouped[x * plan.groupBy().length + by] = new double[plan.momentCells(by)];
      }
    }
  }

  public void add(Values row) {
    rows++;
    int[] discrete = plan.discrete();
    if (index == null) {
      index = new int[discrete.length];
      isNull = new boolean[plan.nullable().length];
    }
    for (int d = 0; d < discrete.length; d++) {
      Object value = row.get(discrete[d]);
      int size = plan.dictionaries().get(d).size();
      if (value == null) {
        index[d] = size + 1;
      } else {
        Integer known = plan.dictionaries().get(d).get(value);
        index[d] = known == null ? size : known;
      }
    }
    int[][] pairs = plan.pairs();
    for (int p = 0; p < pairs.length; p++) {
      int width = plan.dictionaries().get(pairs[p][1]).size() + 2;
      tables[p][index[pairs[p][0]] * width + index[pairs[p][1]]]++;
    }
    int[][] orders = plan.orders();
    for (int o = 0; o < orders.length; o++) {
      Object low = row.get(orders[o][0]);
      Object high = row.get(orders[o][1]);
      if (low == null || high == null) {
        continue;
      }
      double a = ((Number) low).doubleValue();
      double b = ((Number) high).doubleValue();
      if (Double.isNaN(a) || Double.isNaN(b)) {
        continue;
      }
      orderRows[o]++;
      if (a > b) {
        orderAbove[o]++;
      }
      if (a >= b) {
        orderAtOrAbove[o]++;
      }
    }
    int[][] sums = plan.sums();
    for (int s = 0; s < sums.length; s++) {
      Object total = row.get(sums[s][0]);
      Object left = row.get(sums[s][1]);
      Object right = row.get(sums[s][2]);
      if (total == null || left == null || right == null) {
        continue;
      }
      double c = ((Number) total).doubleValue();
      double a = ((Number) left).doubleValue();
      double b = ((Number) right).doubleValue();
      if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
        continue;
      }
      sumRows[s]++;
      if (!(Math.abs(c - a - b) <= plan.sumTolerance()[s])) {
        sumBroken[s]++;
      }
    }
    int[] groupBy = plan.groupBy();
    for (int x = 0; x < plan.grouped().length; x++) {
      Object value = row.get(plan.grouped()[x]);
      if (value == null) {
        continue;
      }
      double number = ((Number) value).doubleValue();
      if (!Double.isFinite(number)) {
        continue;
      }
      double shifted = number - plan.groupShift()[x];
      for (int by = 0; by < groupBy.length; by++) {
        double[] cells = grouped[x * groupBy.length + by];
        int at = 3 * index[groupBy[by]];
        cells[at]++;
        cells[at + 1] += shifted;
        cells[at + 2] += shifted * shifted;
      }
    }
    int[] nullable = plan.nullable();
    for (int a = 0; a < nullable.length; a++) {
      isNull[a] = row.get(nullable[a]) == null;
      if (isNull[a]) {
        nulls[a]++;
      }
    }
    for (int a = 0; a < nullable.length; a++) {
      if (!isNull[a]) {
        continue;
      }
      for (int b = 0; b < nullable.length; b++) {
        if (b != a && !isNull[b]) {
          nullOnly[a][b]++;
        }
      }
    }
  }

  public RuleCounts merge(RuleCounts other) {
    rows += other.rows;
    for (int p = 0; p < tables.length; p++) {
      add(tables[p], other.tables[p]);
    }
    add(orderRows, other.orderRows);
    add(orderAbove, other.orderAbove);
    add(orderAtOrAbove, other.orderAtOrAbove);
    add(sumRows, other.sumRows);
    add(sumBroken, other.sumBroken);
    add(nulls, other.nulls);
    for (int a = 0; a < nullOnly.length; a++) {
      add(nullOnly[a], other.nullOnly[a]);
    }
    for (int g = 0; g < grouped.length; g++) {
      for (int i = 0; i < grouped[g].length; i++) {
        grouped[g][i] += other.grouped[g][i];
      }
    }
    return this;
  }

  private static void add(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  public long rows() {
    return rows;
  }
}
