package io.synthlake.spark.validate;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pearson correlations of many column pairs in one scan, each over the rows where both columns have a value (as
 * SDMetrics drops missing values per pair). Per pair the scan sums x, y, x², y² and xy of the values shifted by a
 * centre per column (its mean), which keeps the sums accurate; partitions' sums are added up in a tree. Thousands
 * of pairs cost one pass, where one aggregate expression per pair would make a plan too large to run.
 */
final class PairwiseCorrelations {
  private PairwiseCorrelations() {}

  /**
   * @param values one double expression per column
   * @param centres per column, a value near its mean (0 when unknown)
   * @param pairs column index pairs
   * @return per pair, the correlation, or NaN when undefined (fewer than two rows, or no variance)
   */
  static double[] of(Dataset<Row> frame, List<Column> values, double[] centres, int[][] pairs) {
    double[] result = new double[pairs.length];
    if (pairs.length == 0) {
      return result;
    }
    Moments total = frame.select(values.toArray(Column[]::new)).javaRDD()
        .mapPartitions(new PartitionMoments(centres, pairs))
        .treeReduce(Moments::plus);
    for (int p = 0; p < pairs.length; p++) {
      result[p] = total.correlation(p);
    }
    return result;
  }

  /** Per pair: n, Σx, Σy, Σx², Σy², Σxy (shifted values). */
  static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int FIELDS = 6;
    private final double[] sums;

    Moments(int pairs) {
      this.sums = new double[pairs * FIELDS];
    }

    void add(int pair, double x, double y) {
      int base = pair * FIELDS;
      sums[base] += 1;
      sums[base + 1] += x;
      sums[base + 2] += y;
      sums[base + 3] += x * x;
      sums[base + 4] += y * y;
      sums[base + 5] += x * y;
    }

    Moments plus(Moments other) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
      return this;
    }

    double correlation(int pair) {
      int base = pair * FIELDS;
      double n = sums[base];
      if (n < 2) {
        return Double.NaN;
      }
      double covariance = sums[base + 5] - sums[base + 1] * sums[base + 2] / n;
      double varianceX = sums[base + 3] - sums[base + 1] * sums[base + 1] / n;
      double varianceY = sums[base + 4] - sums[base + 2] * sums[base + 2] / n;
      if (!(varianceX > 0) || !(varianceY > 0)) {
        return Double.NaN;
      }
      return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
    }
  }

  private static final class PartitionMoments implements FlatMapFunction<Iterator<Row>, Moments> {
    private static final long serialVersionUID = 1L;
    private final double[] centres;
    private final int[][] pairs;

    PartitionMoments(double[] centres, int[][] pairs) {
      this.centres = centres;
      this.pairs = pairs;
    }

    @Override
    public Iterator<Moments> call(Iterator<Row> rows) {
      Moments moments = new Moments(pairs.length);
      double[] values = new double[centres.length];
      boolean[] present = new boolean[centres.length];
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int c = 0; c < centres.length; c++) {
          present[c] = !row.isNullAt(c);
          values[c] = present[c] ? row.getDouble(c) - centres[c] : 0;
        }
        for (int p = 0; p < pairs.length; p++) {
          int a = pairs[p][0];
          int b = pairs[p][1];
          if (present[a] && present[b]) {
            moments.add(p, values[a], values[b]);
          }
        }
      }
      return List.of(moments).iterator();
    }
  }
}
