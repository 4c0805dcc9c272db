package io.synthlake.spark.generate;

import io.synthlake.config.PiiStrategy;
import io.synthlake.errors.SynthException;
import io.synthlake.pii.FakeValues;
import io.synthlake.pii.PiiColumn;
import io.synthlake.pii.PiiType;
import io.synthlake.pii.PseudonymKey;
import io.synthlake.spark.Columns;
import io.synthlake.stats.CounterRng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.sketch.BloomFilter;
import org.apache.spark.util.sketch.IncompatibleMergeException;

/**
 * Replaces personal data on the executors, and keeps every fake value different from every source value of its
 * kind: a Bloom filter of the source's values (built by one distributed aggregate, then broadcast) flags each
 * fake value that might equal one, which is then drawn again, deterministically. A Bloom filter has no false
 * negatives, so no output value of a personal-data column equals a source value; its false positives only cost
 * a redraw.
 */
public final class PiiReplacement {
  /** False-positive rate of the filters: about 9.6 bits per distinct source value. */
  static final double BLOOM_FPP = 0.01;

  private PiiReplacement() {}

  /** A source column whose values fake ones must avoid, with its estimated number of distinct values. */
  public record SourceColumn(Dataset<Row> frame, String column, long distinct) {}

  /** Each column's estimated number of distinct values, in one aggregate over the frame. */
  public static Map<String, Long> distinctCounts(Dataset<Row> frame, List<String> columns) {
    List<Column> counts = columns.stream().map(c -> functions.approx_count_distinct(Columns.named(c))).toList();
    Row row = frame.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    Map<String, Long> distinct = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      distinct.put(columns.get(i), row.getLong(i));
    }
    return distinct;
  }

  /** The source values of these columns (of one kind of personal data), as one broadcast Bloom filter. */
  public static Broadcast<BloomFilter> sourceValues(SparkSession spark, List<SourceColumn> columns) {
    long expected = columns.stream().mapToLong(SourceColumn::distinct).sum();
    // The estimate is within a few percent; the margin keeps the false-positive rate near its target.
    long items = Math.max(1_000, (long) (expected * 1.1));
    BloomFilter filter = BloomFilter.create(items, BLOOM_FPP);
    for (SourceColumn column : columns) {
      try {
        filter.mergeInPlace(column.frame().stat().bloomFilter(Columns.named(column.column()), items, BLOOM_FPP));
      } catch (IncompatibleMergeException e) {
        throw new IllegalStateException("Bloom filters of equal size and rate failed to merge", e);
      }
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(filter);
  }

  /**
   * A generated table with each fake value that might equal a value of its source column drawn again.
   *
   * @param columns the generated columns of personal data, with the source column each must avoid
   */
  public static Dataset<Row> avoidSourceValues(SparkSession spark, Dataset<Row> generated, Dataset<Row> source,
      List<PiiColumn> columns, String locale, long seed) {
    if (columns.isEmpty()) {
      return generated;
    }
    Map<String, Long> distinct = distinctCounts(source, columns.stream().map(PiiColumn::column).toList());
    Dataset<Row> result = generated;
    for (PiiColumn column : columns) {
      Broadcast<BloomFilter> taken = sourceValues(spark, List.of(new SourceColumn(source, column.column(),
          distinct.get(column.column()))));
      Redraw redraw = new Redraw(column.type(), new FakeValues(locale), taken,
          CounterRng.hash(seed, CounterRng.hashString(column.column()), 0x5eedL));
      result = result.withColumn(column.column(), functions.udf(redraw, DataTypes.StringType)
          .apply(Columns.named(column.column())));
    }
    return result;
  }

  /**
   * A masked table: the source's rows with each column of personal data replaced, nulls kept.
   *
   * @param taken by kind of personal data, the values no output value may equal
   * @param key the pseudonymisation key (for {@link PiiStrategy#PSEUDONYMIZE}), else null
   */
  public static Dataset<Row> mask(Dataset<Row> source, String table, List<PiiColumn> columns, String locale,
      PiiStrategy strategy, long seed, PseudonymKey key, Map<PiiType, Broadcast<BloomFilter>> taken) {
    FakeValues fakes = new FakeValues(locale);
    List<String> replaced = columns.stream().map(PiiColumn::column).toList();
    Column rowKey = null;
    if (strategy == PiiStrategy.FAKE) {
      List<Column> kept = new ArrayList<>();
      kept.add(functions.lit(seed));
      for (String name : source.columns()) {
        if (!replaced.contains(name)) {
          kept.add(Columns.named(name));
        }
      }
      if (kept.size() == 1) {
        throw SynthException.config("table %s: every column holds personal data, so strategy fake has nothing to "
            + "key each row's fake values by; synthesize the table, or use pii.strategy pseudonymize", table);
      }
      // Keyed by the row's other values, never the replaced ones: the fake tells nothing about the original.
      rowKey = functions.xxhash64(kept.toArray(new Column[0]));
    }
    Dataset<Row> result = source;
    for (PiiColumn column : columns) {
      Broadcast<BloomFilter> avoid = taken.get(column.type());
      Column value = Columns.named(column.column());
      Column masked = strategy == PiiStrategy.FAKE
          ? functions.udf(new RowFake(column.type(), fakes, avoid, CounterRng.hashString(column.column())),
              DataTypes.StringType).apply(value, rowKey)
          : functions.udf(new Pseudonym(column.type(), fakes, avoid, key), DataTypes.StringType).apply(value);
      result = result.withColumn(column.column(), masked);
    }
    return result;
  }

  /** Keeps a fake value unless it might be a source value; then draws again, keyed by the value. */
  private record Redraw(PiiType type, FakeValues fakes, Broadcast<BloomFilter> taken, long salt)
      implements UDF1<String, String> {
    @Override
    public String call(String value) {
      BloomFilter filter = taken.value();
      if (value == null || !filter.mightContainString(value)) {
        return value;
      }
      return fakes.fakeAvoiding(type, CounterRng.hash(salt, CounterRng.hashString(value), 1),
          filter::mightContainString);
    }
  }

  /** A fresh fake value per row, keyed by the row's other columns and the column. */
  private record RowFake(PiiType type, FakeValues fakes, Broadcast<BloomFilter> taken, long columnKey)
      implements UDF2<String, Long, String> {
    @Override
    public String call(String value, Long rowKey) {
      if (value == null) {
        return null;
      }
      BloomFilter filter = taken.value();
      return fakes.fakeAvoiding(type, CounterRng.hash(rowKey, columnKey, 2), filter::mightContainString);
    }
  }

  /** The same fake value for the same source value, wherever it is: keyed by the value's keyed hash. */
  private record Pseudonym(PiiType type, FakeValues fakes, Broadcast<BloomFilter> taken, PseudonymKey key)
      implements UDF1<String, String> {
    @Override
    public String call(String value) {
      if (value == null) {
        return null;
      }
      BloomFilter filter = taken.value();
      return fakes.fakeAvoiding(type, key.seedOf(type, value), filter::mightContainString);
    }
  }
}
