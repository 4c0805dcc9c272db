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
import io.synthlake.spark.JavaBytes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Counts of a table's discrete values (per column, nulls left out, for TVComplement) and of value pairs (per
 * column pair, nulls kept as a value, for ContingencySimilarity), each in one scan with a map-side combined
 * aggregation. Continuous columns enter pairs as their equal-width bin in this table.
 */
final class Frequencies {
  /** Pairs counted per Spark job, which bounds the size of its plan on tables of many columns. */
  private static final int PAIRS_PER_PASS = 256;
  /** Cells of the dense contingency tables held per task: 8 bytes each, so at most 16 MB. */
  static final long DENSE_CELL_BUDGET = 2_000_000;

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

  /**
   * Per pair (in the given order): cell → count, with a continuous side as its bin number in this table and a
   * missing label as null. Pairs whose dense tables fit {@link #DENSE_CELL_BUDGET} are counted in one aggregate
   * pass without a shuffle of rows; the others (labels by the thousand) by grouped passes of 256 pairs.
   *
   * @param categories this table's label counts per discrete column (every label it has)
   */
  static List<Map<Cell<String, String>, Long>> ofPairs(Dataset<Row> frame, List<ContingencyPair> pairs,
      Map<String, EqualWidthBins> bins, Map<String, Map<String, Long>> categories) {
    return ofPairs(frame, pairs, bins, categories, DENSE_CELL_BUDGET);
  }

  /** As above, with the dense tables' cell budget given (tests count every pair both ways). */
  static List<Map<Cell<String, String>, Long>> ofPairs(Dataset<Row> frame, List<ContingencyPair> pairs,
      Map<String, EqualWidthBins> bins, Map<String, Map<String, Long>> categories, long denseCellBudget) {
    List<Integer> dense = new ArrayList<>();
    List<Integer> grouped = new ArrayList<>();
    long cells = 0;
    for (int p = 0; p < pairs.size(); p++) {
      long more = (long) codes(pairs.get(p).first(), categories) * codes(pairs.get(p).second(), categories);
      if (cells + more <= denseCellBudget) {
        cells += more;
        dense.add(p);
      } else {
        grouped.add(p);
      }
    }
    List<Map<Cell<String, String>, Long>> result = new ArrayList<>(java.util.Collections.nCopies(pairs.size(),
        null));
    List<Map<Cell<String, String>, Long>> denseTables = ofPairsDense(frame,
        dense.stream().map(pairs::get).toList(), bins, categories);
    for (int i = 0; i < dense.size(); i++) {
      result.set(dense.get(i), denseTables.get(i));
    }
    List<ContingencyPair> rest = grouped.stream().map(pairs::get).toList();
    for (int start = 0; start < rest.size(); start += PAIRS_PER_PASS) {
      List<Map<Cell<String, String>, Long>> chunk = ofPairChunk(frame,
          rest.subList(start, Math.min(rest.size(), start + PAIRS_PER_PASS)), bins);
      for (int i = 0; i < chunk.size(); i++) {
        result.set(grouped.get(start + i), chunk.get(i));
      }
    }
    return result;
  }

  /** A column's codes in a dense table: its bins (with missing), or its labels plus one for missing. */
  private static int codes(ScoredColumn column, Map<String, Map<String, Long>> categories) {
    return column.sdtype().discrete() ? categories.get(column.name()).size() + 1 : EqualWidthBins.MISSING_BIN + 1;
  }

  private static List<Map<Cell<String, String>, Long>> ofPairsDense(Dataset<Row> frame, List<ContingencyPair> pairs,
      Map<String, EqualWidthBins> bins, Map<String, Map<String, Long>> categories) {
    List<Map<Cell<String, String>, Long>> result = new ArrayList<>();
    if (pairs.isEmpty()) {
      return result;
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    List<ScoredColumn> inputs = new ArrayList<>();
    for (ContingencyPair pair : pairs) {
      for (ScoredColumn column : List.of(pair.first(), pair.second())) {
        if (!index.containsKey(column.name())) {
          index.put(column.name(), inputs.size());
          inputs.add(column);
        }
      }
    }
    boolean[] binned = new boolean[inputs.size()];
    int[] sizes = new int[inputs.size()];
    List<Map<String, Integer>> dictionaries = new ArrayList<>();
    List<List<String>> labels = new ArrayList<>();
    Column[] keys = new Column[inputs.size()];
    StructType schema = new StructType();
    for (int c = 0; c < inputs.size(); c++) {
      ScoredColumn column = inputs.get(c);
      binned[c] = column.sdtype().continuous();
      sizes[c] = codes(column, categories);
      if (binned[c]) {
        dictionaries.add(null);
        labels.add(null);
        keys[c] = binKey(column, bins).as("k" + c);
        schema = schema.add("k" + c, DataTypes.IntegerType, false);
      } else {
        List<String> known = new ArrayList<>(categories.get(column.name()).keySet());
        Map<String, Integer> dictionary = new HashMap<>();
        for (int i = 0; i < known.size(); i++) {
          dictionary.put(known.get(i), i);
        }
        dictionaries.add(dictionary);
        labels.add(known);
        keys[c] = column.value().as("k" + c);
        schema = schema.add("k" + c, DataTypes.StringType, true);
      }
    }
    int[][] pairIndex = new int[pairs.size()][];
    for (int p = 0; p < pairs.size(); p++) {
      pairIndex[p] = new int[] {index.get(pairs.get(p).first().name()), index.get(pairs.get(p).second().name())};
    }
    UserDefinedFunction udaf = functions.udaf(new ContingencyAggregator(binned, dictionaries, sizes, pairIndex),
        Encoders.row(schema));
    Dataset<Row> coded = frame.select(keys);
    Row row = coded.agg(udaf.apply(java.util.Arrays.stream(coded.columns()).map(functions::col)
        .toArray(Column[]::new))).first();
    long[][] tables = JavaBytes.read((byte[]) row.get(0), ContingencyAggregator.Buffer.class).tables;
    for (int p = 0; p < pairs.size(); p++) {
      int a = pairIndex[p][0];
      int b = pairIndex[p][1];
      Map<Cell<String, String>, Long> table = new HashMap<>();
      for (int i = 0; i < sizes[a]; i++) {
        for (int j = 0; j < sizes[b]; j++) {
          long count = tables[p][i * sizes[b] + j];
          if (count > 0) {
            table.put(new Cell<>(codeKey(labels.get(a), sizes[a], i), codeKey(labels.get(b), sizes[b], j)), count);
          }
        }
      }
      result.add(table);
    }
    return result;
  }

  /** The key the grouped path gives a code: a bin's number as text, a label, or null for a missing label. */
  private static String codeKey(List<String> labels, int size, int code) {
    if (labels == null) {
      return Integer.toString(code);
    }
    return code == size - 1 ? null : labels.get(code);
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
    return binKey(column, bins).cast(DataTypes.StringType);
  }

  /** numpy's digitize of a continuous value over its bins' edges, as an int, with missing as the last bin. */
  private static Column binKey(ScoredColumn column, Map<String, EqualWidthBins> bins) {
    double[] edges = bins.get(column.name()).edges();
    Column value = column.value();
    Column bin = lit(0);
    for (double edge : edges) {
      bin = bin.plus(functions.when(value.geq(lit(edge)), 1).otherwise(0));
    }
    return functions.when(value.isNull(), lit(EqualWidthBins.MISSING_BIN)).otherwise(bin);
  }
}
