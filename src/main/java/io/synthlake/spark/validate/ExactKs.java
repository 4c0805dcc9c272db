package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.synthlake.validate.KsWalk;
import io.synthlake.validate.Sdtype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The exact two-sample KS statistic of every continuous column, on the full tables, with no values on the driver.
 * Both tables' values are counted per distinct value (one shuffle, combined map-side), range-partitioned and sorted
 * by (column, value); a first pass sums each partition's counts, the driver turns those into the counts below each
 * partition (a few numbers per partition), and a second pass walks every partition's values from there, keeping
 * the largest gap between the two empirical CDFs. Cost: one scan of each table, one shuffle of the distinct values,
 * two passes over them.
 */
final class ExactKs {
  /** SDMetrics rounds numerical values to 14 decimals before KS (pandas' round: rint(x·10¹⁴) / 10¹⁴). */
  private static final double ROUNDING = 1e14;

  private ExactKs() {}

  /** D per continuous column name (absent when a table has no value of the column). */
  static Map<String, Double> statistics(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      TableProfile realProfile, TableProfile syntheticProfile) {
    List<ScoredColumn> continuous = columns.stream().filter(c -> c.sdtype().continuous()).toList();
    Map<String, Double> result = new LinkedHashMap<>();
    if (continuous.isEmpty()) {
      return result;
    }
    Dataset<Row> counts = tagged(real, continuous, 1, 0).union(tagged(synthetic, continuous, 0, 1))
        .where(col("v").isNotNull())
        .groupBy("c", "v").agg(sum("r").as("r"), sum("s").as("s"));
    int partitions = Math.max(1, counts.sparkSession().sparkContext().defaultParallelism());
    JavaRDD<Row> sorted = counts.repartitionByRange(partitions, col("c"), col("v"))
        .sortWithinPartitions("c", "v").javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long[] realTotals = new long[continuous.size()];
      long[] syntheticTotals = new long[continuous.size()];
      for (int c = 0; c < continuous.size(); c++) {
        realTotals[c] = realProfile.column(continuous.get(c).name()).values();
        syntheticTotals[c] = syntheticProfile.column(continuous.get(c).name()).values();
      }
      List<long[]> partitionSums = sorted.mapPartitionsWithIndex(new PartitionSums(), true).collect();
      Map<Integer, long[][]> below = countsBelow(partitionSums, continuous.size());
      List<double[]> maxima = sorted.mapPartitionsWithIndex(
          new PartitionWalk(below, realTotals, syntheticTotals), true).collect();
      double[] d = new double[continuous.size()];
      for (double[] m : maxima) {
        d[(int) m[0]] = Math.max(d[(int) m[0]], m[1]);
      }
      for (int c = 0; c < continuous.size(); c++) {
        if (realTotals[c] > 0 && syntheticTotals[c] > 0) {
          result.put(continuous.get(c).name(), d[c]);
        }
      }
      return result;
    } finally {
      sorted.unpersist(false);
    }
  }

  /** One row per (column, value) of a table, with the table's flag in r or s. */
  private static Dataset<Row> tagged(Dataset<Row> frame, List<ScoredColumn> continuous, int r, int s) {
    List<Column> entries = new ArrayList<>();
    for (int c = 0; c < continuous.size(); c++) {
      ScoredColumn column = continuous.get(c);
      Column value = column.value();
      if (column.sdtype() == Sdtype.NUMERICAL) {
        value = rint(value.multiply(lit(ROUNDING))).divide(lit(ROUNDING));
      }
      entries.add(struct(lit(c).as("c"), value.as("v")));
    }
    return frame.select(explode(functions.array(entries.toArray(Column[]::new))).as("e"))
        .select(col("e.c").as("c"), col("e.v").as("v"), lit((long) r).as("r"), lit((long) s).as("s"));
  }

  /** For each partition, per column: the real and synthetic values in earlier partitions. */
  private static Map<Integer, long[][]> countsBelow(List<long[]> partitionSums, int columns) {
    List<long[]> ordered = new ArrayList<>(partitionSums);
    ordered.sort((a, b) -> Long.compare(a[0], b[0]));
    Map<Integer, long[][]> below = new HashMap<>();
    long[] realSoFar = new long[columns];
    long[] syntheticSoFar = new long[columns];
    // Each partition's snapshot is taken before its own counts are added.
    int index = 0;
    while (index < ordered.size()) {
      int partition = (int) ordered.get(index)[0];
      below.put(partition, new long[][] {realSoFar.clone(), syntheticSoFar.clone()});
      for (; index < ordered.size() && ordered.get(index)[0] == partition; index++) {
        realSoFar[(int) ordered.get(index)[1]] += ordered.get(index)[2];
        syntheticSoFar[(int) ordered.get(index)[1]] += ordered.get(index)[3];
      }
    }
    return below;
  }

  /** (partition, column, real count, synthetic count) for each column present in a partition. */
  private static final class PartitionSums implements Function2<Integer, Iterator<Row>, Iterator<long[]>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<long[]> call(Integer partition, Iterator<Row> rows) {
      Map<Integer, long[]> sums = new LinkedHashMap<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        long[] s = sums.computeIfAbsent(row.getInt(0), c -> new long[] {partition, c, 0, 0});
        s[2] += row.getLong(2);
        s[3] += row.getLong(3);
      }
      return sums.values().iterator();
    }
  }

  /** (column, largest gap) for each column present in a partition, walking on from the counts below it. */
  private static final class PartitionWalk implements Function2<Integer, Iterator<Row>, Iterator<double[]>> {
    private static final long serialVersionUID = 1L;
    private final Map<Integer, long[][]> below;
    private final long[] realTotals;
    private final long[] syntheticTotals;

    PartitionWalk(Map<Integer, long[][]> below, long[] realTotals, long[] syntheticTotals) {
      this.below = below;
      this.realTotals = realTotals;
      this.syntheticTotals = syntheticTotals;
    }

    @Override
    public Iterator<double[]> call(Integer partition, Iterator<Row> rows) {
      long[][] start = below.get(partition);
      List<double[]> out = new ArrayList<>();
      KsWalk walk = null;
      int column = -1;
      while (rows.hasNext()) {
        Row row = rows.next();
        int c = row.getInt(0);
        if (c != column) {
          if (walk != null) {
            out.add(new double[] {column, walk.statistic()});
          }
          column = c;
          walk = new KsWalk(realTotals[c], syntheticTotals[c], start == null ? 0 : start[0][c],
              start == null ? 0 : start[1][c]);
        }
        walk.add(row.getLong(2), row.getLong(3));
      }
      if (walk != null) {
        out.add(new double[] {column, walk.statistic()});
      }
      return out.iterator();
    }
  }
}
