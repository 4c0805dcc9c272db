package io.synthlake.spark.lake;

import io.synthlake.config.LakeConfig;
import io.synthlake.config.LakeConfig.LakeTable;
import io.synthlake.config.TableMode;
import io.synthlake.lake.KeyNames;
import io.synthlake.lake.KeyProposal;
import io.synthlake.pii.PiiColumn;
import io.synthlake.spark.Columns;
import io.synthlake.spark.fit.PiiScan;
import io.synthlake.spark.io.SourceReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.sketch.BloomFilter;

/**
 * {@code synth lake --propose}: finds foreign keys and personal data in a lake's sources, for a person to confirm
 * and paste into the lake file. A parent key is a string or whole-number column without nulls or repeats; a child
 * column is proposed when at least 95% of its values are among a parent key's, counted against a broadcast Bloom
 * filter of the keys in one aggregate per child table, then exactly by an anti-join. Whole numbers also need
 * matching names, since small numbers are contained in any range of ids.
 */
public final class KeyProposer {
  private static final double BLOOM_FPP = 0.001;
  /** A unique key's approximate distinct count is at least this share of its rows before the exact check. */
  private static final double UNIQUE_SHARE = 0.95;

  private KeyProposer() {}

  /** Proposed foreign keys, and each table's personal data. */
  public record Proposals(List<KeyProposal> keys, Map<String, List<PiiColumn>> personal) {}

  private record Key(String table, String column, boolean integral, Broadcast<BloomFilter> values,
      Dataset<Row> distinct) {}

  public static Proposals propose(SparkSession spark, LakeConfig lake) {
    Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
    Map<String, List<PiiColumn>> personal = new LinkedHashMap<>();
    for (LakeTable table : lake.tables().values()) {
      if (table.mode() != TableMode.SKIP) {
        Dataset<Row> frame = SourceReader.load(spark, table.job().source()).frame();
        frames.put(table.name(), frame);
        personal.put(table.name(), PiiScan.detect(frame, table.name(), table.job().pii(),
            table.job().fit().columns().keySet()));
      }
    }
    List<Key> keys = new ArrayList<>();
    frames.forEach((table, frame) -> keys.addAll(uniqueKeys(spark, table, frame)));
    List<KeyProposal> proposals = new ArrayList<>();
    frames.forEach((table, frame) -> proposals.addAll(children(table, frame, keys, declared(lake.tables()
        .get(table)))));
    return new Proposals(proposals, personal);
  }

  private static Set<String> declared(LakeTable table) {
    Set<String> columns = new java.util.HashSet<>();
    table.foreignKeys().forEach(key -> columns.addAll(key.columns()));
    return columns;
  }

  private static List<Key> uniqueKeys(SparkSession spark, String table, Dataset<Row> frame) {
    List<StructField> candidates = new ArrayList<>();
    for (StructField field : frame.schema().fields()) {
      if (family(field.dataType()) != null) {
        candidates.add(field);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Column> counts = new ArrayList<>();
    for (StructField field : candidates) {
      counts.add(functions.count(Columns.named(field.name())));
      counts.add(functions.approx_count_distinct(Columns.named(field.name()), 0.02));
    }
    Row row = frame.agg(functions.count(functions.lit(1)), counts.toArray(new Column[0])).first();
    long rows = row.getLong(0);
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      StructField field = candidates.get(i);
      if (rows < 2 || row.getLong(1 + 2 * i) != rows || row.getLong(2 + 2 * i) < UNIQUE_SHARE * rows) {
        continue;
      }
      Dataset<Row> distinct = frame.select(Columns.named(field.name()).as("key")).distinct();
      if (distinct.count() == rows) {
        boolean integral = family(field.dataType()).equals("integral");
        Dataset<Row> typed = integral ? distinct.select(functions.col("key").cast("long").as("key")) : distinct;
        BloomFilter filter = typed.stat().bloomFilter("key", rows, BLOOM_FPP);
        keys.add(new Key(table, field.name(), integral,
            JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(filter), typed));
      }
    }
    return keys;
  }

  private static List<KeyProposal> children(String table, Dataset<Row> frame, List<Key> keys, Set<String> declared) {
    record Pair(String column, Key key, String evidence) {}
    List<Pair> pairs = new ArrayList<>();
    for (StructField field : frame.schema().fields()) {
      String family = family(field.dataType());
      if (family == null || declared.contains(field.name())) {
        continue;
      }
      for (Key key : keys) {
        if (key.table().equals(table) || key.integral() != family.equals("integral")) {
          continue;
        }
        String evidence = KeyNames.evidence(field.name(), key.table(), key.column());
        if (key.integral() && evidence == null) {
          continue;
        }
        pairs.add(new Pair(field.name(), key, evidence));
      }
    }
    if (pairs.isEmpty()) {
      return List.of();
    }
    List<Column> counts = new ArrayList<>();
    for (Pair pair : pairs) {
      Column value = Columns.named(pair.column());
      Column contained = pair.key().integral()
          ? functions.udf(new ContainsLong(pair.key().values()), DataTypes.BooleanType).apply(value.cast("long"))
          : functions.udf(new ContainsString(pair.key().values()), DataTypes.BooleanType).apply(value);
      counts.add(functions.count(value));
      counts.add(functions.count(functions.when(contained, 1)));
      counts.add(functions.approx_count_distinct(value, 0.05));
    }
    Row row = frame.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    List<KeyProposal> proposals = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair pair = pairs.get(i);
      long values = row.getLong(3 * i);
      long maybe = row.getLong(3 * i + 1);
      if (values == 0 || row.getLong(3 * i + 2) < 2 || maybe < KeyProposal.MIN_CONTAINMENT * values) {
        continue;
      }
      Column value = pair.key().integral() ? Columns.named(pair.column()).cast("long")
          : Columns.named(pair.column());
      Dataset<Row> child = frame.select(value.as("key")).where(functions.col("key").isNotNull());
      long orphans = child.join(pair.key().distinct(), child.col("key").equalTo(pair.key().distinct().col("key")),
          "left_anti").count();
      KeyProposal proposal = new KeyProposal(table, pair.column(), pair.key().table(), pair.key().column(),
          values - orphans, values, pair.evidence());
      if (proposal.containment() >= KeyProposal.MIN_CONTAINMENT) {
        proposals.add(proposal);
      }
    }
    return proposals;
  }

  /** "string" or "integral" for the types a key can have, else null. */
  private static String family(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "string";
    }
    if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType) || type.equals(DataTypes.ShortType)
        || type.equals(DataTypes.ByteType) || type instanceof DecimalType d && d.scale() == 0 && d.precision() <= 18) {
      return "integral";
    }
    return null;
  }

  private record ContainsString(Broadcast<BloomFilter> keys) implements UDF1<String, Boolean> {
    @Override
    public Boolean call(String value) {
      return value != null && keys.value().mightContainString(value);
    }
  }

  private record ContainsLong(Broadcast<BloomFilter> keys) implements UDF1<Long, Boolean> {
    @Override
    public Boolean call(Long value) {
      return value != null && keys.value().mightContainLong(value);
    }
  }
}
