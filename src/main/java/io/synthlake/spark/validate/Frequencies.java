package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.synthlake.validate.ColumnDistribution;
import io.synthlake.validate.EqualWidthBins;
import io.synthlake.validate.PairScores.Cell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Counts of a table's discrete values (per column, nulls left out, for TVComplement) and of value pairs (per
 * column pair, nulls kept as a value, for ContingencySimilarity), each in one scan with a map-side combined
 * aggregation. Continuous columns enter pairs as their equal-width bin in this table.
 */
final class Frequencies {
  /** Pairs counted per Spark job, which bounds the size of its plan on tables of many columns. */
  private static final int PAIRS_PER_PASS = 256;

  private Frequencies() {}

  /**
   * A table's per-column counts: of each discrete column's values (TVComplement, adherence, rare categories) and
   * of each continuous column's histogram bins between the source's protected bounds (charts).
   */
  record ColumnCounts(Map<String, Map<String, Long>> categories, Map<String, Map<String, Long>> bins) {}

  /** Both kinds of counts in one scan; {@code source} gives the protected bounds of the bins. */
  static ColumnCounts ofColumns(Dataset<Row> frame, List<ScoredColumn> columns, TableProfile source) {
    Map<String, Column> values = new LinkedHashMap<>();
    for (ScoredColumn column : columns) {
      TableProfile.ColumnProfile bounds = source.column(column.name());
      if (column.sdtype().discrete()) {
        values.put("c" + column.name(), column.value());
      } else if (bounds.protectedLow() != null) {
        values.put("b" + column.name(), binKey(column.value(), bounds.protectedLow(), bounds.protectedHigh()));
      }
    }
    Map<String, Map<String, Long>> counts = of(frame, values);
    Map<String, Map<String, Long>> categories = new LinkedHashMap<>();
    Map<String, Map<String, Long>> bins = new LinkedHashMap<>();
    counts.forEach((key, count) -> (key.charAt(0) == 'c' ? categories : bins).put(key.substring(1), count));
    return new ColumnCounts(categories, bins);
  }

  /** {@link ColumnDistribution#binOf} as an expression, with the same floating-point steps. */
  private static Column binKey(Column value, double low, double high) {
    int bins = ColumnDistribution.binCount(low, high);
    Column bin = bins == 1 ? lit("0") : functions.least(functions.floor(value.minus(lit(low)).divide(lit(high - low))
        .multiply(lit((double) bins))), lit((long) bins - 1)).cast(DataTypes.StringType);
    return functions.when(value.lt(lit(low)), lit(ColumnDistribution.BELOW))
        .when(value.gt(lit(high)), lit(ColumnDistribution.ABOVE)).otherwise(bin);
  }

  /** Per key: non-null value → count, of each string expression, all in one scan. */
  static Map<String, Map<String, Long>> of(Dataset<Row> frame, Map<String, Column> values) {
    Map<String, Map<String, Long>> result = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(values.keySet());
    keys.forEach(key -> result.put(key, new HashMap<>()));
    if (keys.isEmpty()) {
      return result;
    }
    List<Column> entries = new ArrayList<>();
    for (int c = 0; c < keys.size(); c++) {
      entries.add(struct(lit(c).as("c"), values.get(keys.get(c)).as("v")));
    }
    List<Row> counts = frame.select(explode(functions.array(entries.toArray(Column[]::new))).as("e"))
        .where(col("e.v").isNotNull()).groupBy(col("e.c").as("c"), col("e.v").as("v")).count().collectAsList();
    for (Row row : counts) {
      result.get(keys.get(row.getInt(0))).put(row.getString(1), row.getLong(2));
    }
    return result;
  }

  /** A pair of scored columns; in a contingency table, a continuous side enters as its bins. */
  record ContingencyPair(ScoredColumn first, ScoredColumn second) {}

  /** Per pair (in the given order): cell → count, with a continuous side as its bin number in this table. */
  static List<Map<Cell<String, String>, Long>> ofPairs(Dataset<Row> frame, List<ContingencyPair> pairs,
      Map<String, EqualWidthBins> bins) {
    List<Map<Cell<String, String>, Long>> result = new ArrayList<>();
    for (int start = 0; start < pairs.size(); start += PAIRS_PER_PASS) {
      result.addAll(ofPairChunk(frame, pairs.subList(start, Math.min(pairs.size(), start + PAIRS_PER_PASS)), bins));
    }
    return result;
  }

  private static List<Map<Cell<String, String>, Long>> ofPairChunk(Dataset<Row> frame, List<ContingencyPair> pairs,
      Map<String, EqualWidthBins> bins) {
    List<Map<Cell<String, String>, Long>> result = new ArrayList<>();
    pairs.forEach(pair -> result.add(new HashMap<>()));
    if (pairs.isEmpty()) {
      return result;
    }
    // Each column's key is computed once per row, then paired: the bins of a continuous column are an
    // expression of a dozen comparisons that would otherwise be repeated in every pair it is part of.
    Map<String, Integer> keyIndex = new LinkedHashMap<>();
    List<Column> keys = new ArrayList<>();
    for (ContingencyPair pair : pairs) {
      for (ScoredColumn column : List.of(pair.first(), pair.second())) {
        if (!keyIndex.containsKey(column.name())) {
          keyIndex.put(column.name(), keys.size());
          keys.add(key(column, bins).as("k" + keys.size()));
        }
      }
    }
    List<Column> entries = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      entries.add(struct(lit(p).as("p"), col("k" + keyIndex.get(pairs.get(p).first().name())).as("a"),
          col("k" + keyIndex.get(pairs.get(p).second().name())).as("b")));
    }
    List<Row> counts = frame.select(keys.toArray(Column[]::new))
        .select(explode(functions.array(entries.toArray(Column[]::new))).as("e"))
        .groupBy(col("e.p").as("p"), col("e.a").as("a"), col("e.b").as("b")).count().collectAsList();
    for (Row row : counts) {
      result.get(row.getInt(0)).put(new Cell<>(row.getString(1), row.getString(2)), row.getLong(3));
    }
    return result;
  }

  /**
   * A discrete value as text; a continuous value as its bin: the number of edges at or below it (numpy's
   * digitize), with a missing value after the last edge, where numpy puts NaN.
   */
  private static Column key(ScoredColumn column, Map<String, EqualWidthBins> bins) {
    if (column.sdtype().discrete()) {
      return column.value();
    }
    double[] edges = bins.get(column.name()).edges();
    Column value = column.value();
    Column bin = lit(0);
    for (double edge : edges) {
      bin = bin.plus(functions.when(value.geq(lit(edge)), 1).otherwise(0));
    }
    return functions.when(value.isNull(), lit(EqualWidthBins.MISSING_BIN)).otherwise(bin)
        .cast(DataTypes.StringType);
  }
}
