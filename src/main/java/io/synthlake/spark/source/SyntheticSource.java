package io.synthlake.spark.source;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.config.GenerateConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.generate.TableSampler;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.Failures;
import io.synthlake.spark.io.ModelStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A synthetic table as a Spark data source: {@code spark.read.format("synthlake").option("model", path)
 * .option("rows", n).load()} plans row ranges as partitions and samples them on the executors. Usable from any
 * Spark program (Scala, Python, SQL), not only from {@code synth generate}.
 *
 * <p>Options: {@code model} (path, required), {@code rows} (required), {@code seed} (default: the model's fit
 * seed), {@code first-row} (default 0; appends continue a table's row indices), {@code partitions} (default: one
 * per {@value SyntheticScan#DEFAULT_ROWS_PER_PARTITION} rows, at least the default parallelism),
 * {@code batch-size} (rows per column batch, default {@value SyntheticScan#DEFAULT_BATCH_SIZE}), {@code where},
 * {@code rebalance} and {@code shares} (as generate's options: a condition every row satisfies, target shares).
 */
public final class SyntheticSource implements TableProvider, DataSourceRegister {
  public static final String NAME = "synthlake";
  private SyntheticTable table;

  @Override
  public String shortName() {
    return NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return table(options).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return table(new CaseInsensitiveStringMap(properties));
  }

  private SyntheticTable table(CaseInsensitiveStringMap options) {
    if (table == null) {
      String modelPath = options.get("model");
      if (modelPath == null) {
        throw SynthException.config("the synthlake data source needs option 'model' (the path of a model file)");
      }
      SparkSession spark = SparkSession.active();
      SynthModel model = Failures.readingModel(modelPath,
          () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), modelPath));
      long rows = longOption(options, "rows", -1);
      if (rows <= 0) {
        throw SynthException.config("the synthlake data source needs option 'rows' > 0, got %s",
            options.get("rows"));
      }
      long seed = longOption(options, "seed", GenerateConfig.fitSeed(model));
      long firstRow = longOption(options, "first-row", 0);
      if (firstRow >= 0) {
        GenerateConfig.checkTotalRows(firstRow, rows, "the synthlake data source");
      }
      long partitions = longOption(options, "partitions", defaultPartitions(spark, rows));
      long batchSize = longOption(options, "batch-size", SyntheticScan.DEFAULT_BATCH_SIZE);
      if (partitions > GenerateConfig.MAX_PARTITIONS || batchSize > Integer.MAX_VALUE) {
        throw SynthException.config("synthlake source options partitions <= %d and batch-size <= %d are required, "
            + "got %d and %d", GenerateConfig.MAX_PARTITIONS, Integer.MAX_VALUE, partitions, batchSize);
      }
      if (firstRow < 0 || partitions < 1 || batchSize < 1) {
        throw SynthException.config("synthlake source options first-row >= 0, partitions >= 1 and batch-size >= 1 "
            + "are required, got %d, %d and %d", firstRow, partitions, batchSize);
      }
      GenerateConditions conditions = GenerateConditions.parse(blankToNull(options.get(WHERE_OPTION)),
          blankToNull(options.get(REBALANCE_OPTION)), blankToNull(options.get(SHARES_OPTION)));
      table = new SyntheticTable(model, new SyntheticScan.Settings(seed, firstRow, rows, (int) partitions,
          (int) batchSize, parents(spark, options.get(PARENTS_OPTION)), conditions));
    }
    return table;
  }

  /** Options holding a condition, a column to rebalance and target shares (as generate.where and so on). */
  public static final String WHERE_OPTION = "where";
  public static final String REBALANCE_OPTION = "rebalance";
  public static final String SHARES_OPTION = "shares";

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * Option naming the generated parents of the model's foreign keys: {@code table=modelPath@seed@rows}, several
   * separated by {@code ;} (synth lake sets it).
   */
  public static final String PARENTS_OPTION = "parents";

  /** The option's value for these parents: table name to (model path, seed, rows). */
  public static String parentsOption(Map<String, String> modelPaths, Map<String, long[]> seedAndRows) {
    List<String> parts = new ArrayList<>();
    modelPaths.forEach((table, path) -> parts.add(table + "=" + path + "@" + seedAndRows.get(table)[0] + "@"
        + seedAndRows.get(table)[1]));
    return String.join(";", parts);
  }

  /** The parents an option names, with their models read. */
  public static Map<String, TableSampler.Parent> parents(SparkSession spark, String option) {
    Map<String, TableSampler.Parent> parents = new HashMap<>();
    if (option == null || option.isBlank()) {
      return parents;
    }
    for (String part : option.split(";")) {
      int equals = part.indexOf('=');
      int seedAt = part.lastIndexOf('@', part.lastIndexOf('@') - 1);
      int rowsAt = part.lastIndexOf('@');
      if (equals < 1 || seedAt <= equals || rowsAt <= seedAt) {
        throw SynthException.config("synthlake source option 'parents' must be table=model@seed@rows[;...], got "
            + "'%s'", part);
      }
      String parentModel = part.substring(equals + 1, seedAt);
      SynthModel parent = Failures.readingModel(parentModel,
          () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), parentModel));
      parents.put(part.substring(0, equals), new TableSampler.Parent(parent,
          Long.parseLong(part.substring(seedAt + 1, rowsAt)), Long.parseLong(part.substring(rowsAt + 1))));
    }
    return parents;
  }

  /** One partition per million rows (one to three seconds of work per core), at least the parallelism. */
  public static long defaultPartitions(SparkSession spark, long rows) {
    // Rounds up without rows + per - 1, which overflows near Long.MAX_VALUE.
    long per = SyntheticScan.DEFAULT_ROWS_PER_PARTITION;
    long byRows = rows / per + (rows % per == 0 ? 0 : 1);
    long wanted = Math.min(GenerateConfig.MAX_PARTITIONS, Math.max(byRows, spark.sparkContext().defaultParallelism()));
    return Math.max(1, Math.min(rows, wanted));
  }

  private static long longOption(CaseInsensitiveStringMap options, String key, long fallback) {
    String value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw SynthException.config(e, "synthlake source option '%s' must be a whole number, got '%s'", key, value);
    }
  }
}
