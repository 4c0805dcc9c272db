package io.synthlake.spark.generate;

import io.synthlake.generate.TextMaker;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.OtherBucket;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.spark.Columns;
import io.synthlake.stats.CounterRng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.sketch.BloomFilter;

/**
 * Keeps made-up strings (free text, and the labels of folded rare categories) off the source's values, as the
 * personal-data replacement does: a Bloom filter of the source column's values flags each made-up value that might
 * equal one, which is then drawn again from the column's maker, keyed by the value, so the same made-up label is
 * replaced the same way in every row. Stored labels pass untouched. A Bloom filter has no false negatives: no
 * made-up value equals a source value, rare or not.
 */
public final class MadeUpValues {
  private MadeUpValues() {}

  /** A string column that makes up values: its maker, and the labels it stores (which pass untouched). */
  public record MadeUpColumn(String column, TextMaker maker, Set<String> stored) {}

  /** The model's columns that make up string values. */
  public static List<MadeUpColumn> columns(SynthModel model) {
    List<MadeUpColumn> found = new ArrayList<>();
    for (ColumnModel column : model.columns()) {
      if (!"string".equals(column.sparkType())) {
        continue;
      }
      if (column.marginal() instanceof TextMarginal text) {
        found.add(new MadeUpColumn(column.name(), TextMaker.of(text.shape(), text.words(), text.semantic()),
            Set.of()));
      } else if (column.marginal() instanceof CategoricalMarginal labels && labels.other() != null) {
        OtherBucket other = labels.other();
        Set<String> stored = new HashSet<>();
        for (Category category : labels.categories()) {
          stored.add(category.value());
        }
        found.add(new MadeUpColumn(column.name(), TextMaker.of(other.shape(), other.words(), other.semantic()),
            stored));
      }
    }
    return found;
  }

  /** The generated table with every made-up value that might equal a value of its source column drawn again. */
  public static Dataset<Row> avoidSourceValues(SparkSession spark, Dataset<Row> generated, Dataset<Row> source,
      List<MadeUpColumn> columns, long seed) {
    if (columns.isEmpty()) {
      return generated;
    }
    Map<String, Long> distinct = PiiReplacement.distinctCounts(source,
        columns.stream().map(MadeUpColumn::column).toList());
    Dataset<Row> result = generated;
    for (MadeUpColumn column : columns) {
      Broadcast<BloomFilter> taken = PiiReplacement.sourceValues(spark, List.of(new PiiReplacement.SourceColumn(
          source.select(Columns.named(column.column()).cast("string").alias(column.column())), column.column(),
          distinct.get(column.column()))));
      Redraw redraw = new Redraw(column.maker(), column.stored(), taken,
          CounterRng.hash(seed, CounterRng.hashString(column.column()), 0x7e47L));
      result = result.withColumn(column.column(), functions.udf(redraw, DataTypes.StringType)
          .apply(Columns.named(column.column())));
    }
    return result;
  }

  /** Keeps a stored label, and a made-up value unless it might be a source value; then draws again. */
  private record Redraw(TextMaker maker, Set<String> stored, Broadcast<BloomFilter> taken, long salt)
      implements UDF1<String, String> {
    @Override
    public String call(String value) {
      if (value == null || stored.contains(value)) {
        return value;
      }
      BloomFilter filter = taken.value();
      if (!filter.mightContainString(value)) {
        return value;
      }
      return maker.makeAvoiding(CounterRng.hash(salt, CounterRng.hashString(value), 3),
          candidate -> stored.contains(candidate) || filter.mightContainString(candidate));
    }
  }
}
