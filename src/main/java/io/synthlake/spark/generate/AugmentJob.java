package io.synthlake.spark.generate;

import io.synthlake.Version;
import io.synthlake.condition.GenerateConditions;
import io.synthlake.condition.TargetShares;
import io.synthlake.config.GenerateConfig;
import io.synthlake.config.JobConfig;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.WriteMode;
import io.synthlake.errors.SynthException;
import io.synthlake.generate.LabelMatch;
import io.synthlake.generate.TableSampler;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.Columns;
import io.synthlake.spark.PhaseTimer;
import io.synthlake.spark.io.Holdouts;
import io.synthlake.spark.io.OutputManifest;
import io.synthlake.spark.io.SourceReader;
import io.synthlake.spark.io.SyntheticWriter;
import io.synthlake.spark.source.SyntheticSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code synth generate --augment}: the source's rows plus synthetic rows of chosen labels, enough to bring the
 * labels to their target shares without dropping a real row, marked by a boolean column {@code _synthetic}.
 *
 * <p>Only labels that need rows get them: with n_c real rows of label c and target share s_c, the table grows to
 * M = max_c n_c / s_c rows of the listed labels, and label c gets M·s_c − n_c synthetic rows, drawn conditional on
 * their label ({@link io.synthlake.generate.ConditionalDraws}). Rows of unlisted labels and nulls pass through. When
 * the model holds rows out (fit --holdout), those rows are left out, so validate can still test on them.
 *
 * <p>The output holds real records: it is meant for training inside the boundary the source lives in, never for a
 * non-production lake. The write is atomic, as generate's.
 */
final class AugmentJob {
  private static final Logger LOG = LoggerFactory.getLogger(AugmentJob.class);

  private AugmentJob() {}

  static GenerateJob.Result run(SparkSession spark, JobConfig config, SynthModel model) {
    GenerateConfig generate = config.generate();
    OutputConfig output = config.output();
    if (config.source().path() == null && config.source().table() == null) {
      throw SynthException.config("generate.augment writes the source's rows too: pass --source or set source in "
          + "the job file");
    }
    if (output.mode() == WriteMode.APPEND) {
      throw SynthException.config("generate.augment writes a whole table: use output.mode error or overwrite, not "
          + "append");
    }
    GenerateConditions conditions = generate.conditions();
    TargetShares target = conditions.shares();
    ColumnModel labelColumn = model.column(target.column()).orElseThrow(() -> SynthException.config(
        "%s: table %s has no column '%s'", target.isEqual() ? "generate.rebalance" : "generate.shares",
        model.table(), target.column()));
    if (!(labelColumn.marginal() instanceof CategoricalMarginal labels)) {
      throw SynthException.config("generate.augment: column %s of table %s is %s; augmenting needs a label or "
          + "boolean column", labelColumn.name(), model.table(), labelColumn.kind().configName());
    }
    long seed = generate.seedFor(model);
    Dataset<Row> source = SourceReader.load(spark, config.source()).frame();
    if (Arrays.asList(source.columns()).contains(GenerateConfig.SYNTHETIC_COLUMN)) {
      throw SynthException.input("generate.augment: the source already has a column %s, which would mark the "
          + "synthetic rows; is it an augmented table?", GenerateConfig.SYNTHETIC_COLUMN);
    }
    if (!Arrays.asList(source.columns()).contains(labelColumn.name())) {
      throw SynthException.input("generate.augment: the source has no column %s", labelColumn.name());
    }
    Dataset<Row> real = source;
    if (model.source().holdout() != null) {
      // The rows fit held out stay out: validate tests on them.
      real = source.where(functions.not(Holdouts.held(model.source().holdout())));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    long nullLabels = 0;
    for (Row row : real.groupBy(Columns.named(labelColumn.name()).cast("string")).count().collectAsList()) {
      if (row.isNullAt(0)) {
        nullLabels = row.getLong(1);
      } else {
        counts.put(row.getString(0), row.getLong(1));
      }
    }
    long realRows = counts.values().stream().mapToLong(Long::longValue).sum() + nullLabels;
    Map<String, Double> shares = shares(target, labels, labelColumn, model.table());
    Map<String, Long> added = added(shares, counts);
    long syntheticRows = added.values().stream().mapToLong(Long::longValue).sum();
    GenerateConfig.checkTotalRows(realRows, syntheticRows, "generate.augment " + model.table());
    String shareText = shareText(labelColumn.name(), added, syntheticRows);
    List<Column> realColumns = new ArrayList<>();
    for (StructField field : real.schema().fields()) {
      realColumns.add(Columns.named(field.name()));
    }
    Dataset<Row> frame = real.select(realColumns.toArray(Column[]::new))
        .withColumn(GenerateConfig.SYNTHETIC_COLUMN, functions.lit(false));
    int partitions = 0;
    if (syntheticRows > 0) {
      GenerateConditions drawn = GenerateConditions.parse(generate.where(), null, shareText);
      // Fails here, before any work, on a condition no row satisfies.
      TableSampler.of(model, seed, model.columns().stream().map(ColumnModel::name).toList(), syntheticRows,
          Map.of(), drawn);
      partitions = generate.partitions() != null ? generate.partitions()
          : (int) SyntheticSource.defaultPartitions(spark, syntheticRows);
      Dataset<Row> synthetic = spark.read().format(SyntheticSource.NAME)
          .option("model", config.model())
          .option("rows", syntheticRows)
          .option("seed", seed)
          .option("partitions", partitions)
          .option(SyntheticSource.WHERE_OPTION, generate.where() == null ? "" : generate.where())
          .option(SyntheticSource.SHARES_OPTION, shareText)
          .load();
      synthetic = GenerateJob.avoidSourceValues(spark, synthetic, model, config, seed);
      List<Column> typed = new ArrayList<>();
      for (StructField field : real.schema().fields()) {
        typed.add(Arrays.asList(synthetic.columns()).contains(field.name())
            ? Columns.named(field.name()).cast(field.dataType()).as(field.name())
            : functions.lit(null).cast(field.dataType()).as(field.name()));
      }
      synthetic = synthetic.select(typed.toArray(Column[]::new))
          .withColumn(GenerateConfig.SYNTHETIC_COLUMN, functions.lit(true));
      frame = frame.unionByName(synthetic);
    }
    SyntheticWriter.Existing existing = SyntheticWriter.inspect(spark, output);
    String summary = String.format(Locale.ROOT, "augmented: %,d real rows%s + %,d synthetic rows (%s)", realRows,
        model.source().holdout() == null ? "" : " (held-out rows left out)", syntheticRows,
        addedText(added));
    LOG.info("generate augment table={} real-rows={} synthetic-rows={} added={} output={}", model.table(),
        realRows, syntheticRows, added, output.path());
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String group = "synthlake-augment-" + UUID.randomUUID();
    spark.sparkContext().setJobGroup(group, String.format(Locale.ROOT, "augment %s: %,d + %,d rows to %s",
        model.table(), realRows, syntheticRows, output.path()), false);
    long start = System.nanoTime();
    long total = realRows + syntheticRows;
    try (ProgressReporter progress = new ProgressReporter(spark, group, "augment " + model.table(), total)) {
      OutputManifest.Run run = new OutputManifest.Run(SyntheticWriter.AUGMENT_RUN, config.model(),
          GenerateJob.sha256(model), seed, 0, total, Math.max(partitions, 1), started.toString(), null, 0,
          "augment; " + GenerateJob.conditionsText(generate));
      OutputManifest manifest = new OutputManifest(OutputManifest.FORMAT_VERSION, Version.tool(), model.table(),
          output.format().configName(), total, output.partitionBy() == null ? List.of() : output.partitionBy(),
          GenerateJob.columns(frame), List.of(run));
      SyntheticWriter.write(spark, frame, output, existing, manifest);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    double seconds = PhaseTimer.since(start).hundredths();
    return new GenerateJob.Result(output.path(), output.format().configName(), model.table(), total, 0, seed,
        Math.max(partitions, 1), seconds, GenerateJob.describe(conditions), summary);
  }

  /**
   * The target share of each stored label: equal over the model's labels, or as given (a label as the model stores
   * it: {@code TRUE} is the label {@code true}, {@code 1} the label {@code 1.0}).
   */
  private static Map<String, Double> shares(TargetShares target, CategoricalMarginal labels, ColumnModel column,
      String table) {
    if (!target.isEqual()) {
      Map<String, Double> stored = new LinkedHashMap<>();
      target.shares().forEach((label, share) -> {
        String match = LabelMatch.stored(column, table, label);
        if (match == null || stored.containsKey(match)) {
          throw SynthException.config("generate.shares: column %s of table %s %s label '%s'", column.name(), table,
              match == null ? "has no" : "is given twice the", label);
        }
        stored.put(match, share);
      });
      return stored;
    }
    CategoricalScale scale = CategoricalScale.of(labels);
    List<String> stored = new ArrayList<>();
    for (int slot = 0; slot < scale.size(); slot++) {
      if (scale.label(slot) != null) {
        stored.add(scale.label(slot));
      }
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    stored.forEach(label -> shares.put(label, 1.0 / stored.size()));
    return shares;
  }

  /**
   * Synthetic rows per label: the listed labels grow to M = max n_c / s_c rows together, each to its share of M
   * (never below its real rows).
   */
  static Map<String, Long> added(Map<String, Double> shares, Map<String, Long> counts) {
    double total = 0;
    for (Map.Entry<String, Double> share : shares.entrySet()) {
      if (share.getValue() > 0) {
        total = Math.max(total, counts.getOrDefault(share.getKey(), 0L) / share.getValue());
      }
    }
    Map<String, Long> added = new LinkedHashMap<>();
    for (Map.Entry<String, Double> share : shares.entrySet()) {
      long wanted = Math.round(total * share.getValue());
      long more = wanted - counts.getOrDefault(share.getKey(), 0L);
      if (more > 0) {
        added.put(share.getKey(), more);
      }
    }
    return added;
  }

  /** The synthetic rows' shares, in generate.shares' syntax (labels quoted, a quote doubled). */
  private static String shareText(String column, Map<String, Long> added, long rows) {
    List<String> items = new ArrayList<>();
    added.forEach((label, count) -> items.add("'" + label.replace("'", "''") + "':" + ((double) count / rows)));
    return column + "=" + String.join(",", items);
  }

  private static String addedText(Map<String, Long> added) {
    if (added.isEmpty()) {
      return "the labels already have their target shares";
    }
    List<String> items = new ArrayList<>();
    added.forEach((label, count) -> items.add(String.format(Locale.ROOT, "%s +%,d", label, count)));
    return String.join(", ", items);
  }
}
