package io.synthlake.spark.generate;

import io.synthlake.Version;
import io.synthlake.condition.GenerateConditions;
import io.synthlake.config.GenerateConfig;
import io.synthlake.config.JobConfig;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.Suggestions;
import io.synthlake.config.WriteMode;
import io.synthlake.errors.SynthException;
import io.synthlake.generate.TableSampler;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ModelJson;
import io.synthlake.model.PiiMarginal;
import io.synthlake.pii.PiiColumn;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.Failures;
import io.synthlake.spark.PhaseTimer;
import io.synthlake.spark.SparkTypes;
import io.synthlake.spark.io.ColumnNames;
import io.synthlake.spark.io.JobPaths;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.spark.io.OutputManifest;
import io.synthlake.spark.io.SourceReader;
import io.synthlake.spark.io.SyntheticWriter;
import io.synthlake.spark.source.SyntheticSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code synth generate}: reads a model, samples the rows on the executors through the synthlake data source
 * (a pure function of model, seed and row index) and writes them atomically with {@link SyntheticWriter}.
 * Everything that can be checked is checked before Spark does any work.
 */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private GenerateJob() {}

  /** What was written. */
  /**
   * What was written; {@code conditions} is the condition and target shares the rows hold (null for none), and
   * {@code augmented} says how many real and synthetic rows an augmented table holds.
   */
  public record Result(String output, String format, String table, long rows, long firstRow, long seed,
      int partitions, double seconds, String conditions, String augmented) {
    public Result(String output, String format, String table, long rows, long firstRow, long seed, int partitions,
        double seconds) {
      this(output, format, table, rows, firstRow, seed, partitions, seconds, null, null);
    }

    public double rowsPerSecond() {
      return rows / Math.max(seconds, 1e-9);
    }
  }

  public static Result run(SparkSession spark, JobConfig config) {
    return run(spark, config, null);
  }

  /**
   * @param parents the generated parents of the model's foreign keys, as the data source's {@code parents}
   *     option ({@link SyntheticSource#parentsOption}), or null
   */
  public static Result run(SparkSession spark, JobConfig config, String parents) {
    if (config.model() == null) {
      throw SynthException.config("no model: pass --model MODEL.json or set model in the job file");
    }
    OutputConfig output = config.output();
    if (output.path() == null) {
      throw SynthException.config("no output: pass --output PATH or set output.path in the job file");
    }
    JobPaths.check(spark, config, JobPaths.Step.GENERATE);
    SynthModel model = Failures.readingModel(config.model(),
        () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), config.model()));
    GenerateConfig generate = config.generate();
    if (generate.augments()) {
      return AugmentJob.run(spark, config, model);
    }
    long rows = rowsOf(generate, model, config.model());
    long seed = generate.seedFor(model);
    List<String> partitionBy = partitionColumns(output, model, config.model());
    ColumnNames.requireWritable(spark, model.columns().stream().map(ColumnModel::name).toList(), output.format(),
        output.path());
    SyntheticWriter.Existing existing = SyntheticWriter.inspect(spark, output);
    long firstRow = output.mode() == WriteMode.APPEND ? existing.rows() : 0;
    GenerateConfig.checkTotalRows(firstRow, rows, "generate " + model.table());
    GenerateConditions conditions = generate.conditions();
    // Fails here, not on an executor, when a key column's type cannot hold the keys of this many rows, or when the
    // condition names an unknown column or label, or no row can satisfy it.
    TableSampler.of(model, seed, model.columns().stream().map(io.synthlake.model.ColumnModel::name).toList(),
        firstRow + rows, SyntheticSource.parents(spark, parents), conditions);

    int partitions = generate.partitions() != null ? generate.partitions()
        : (int) SyntheticSource.defaultPartitions(spark, rows);
    Dataset<Row> frame = spark.read().format(SyntheticSource.NAME)
        .option("model", config.model())
        .option("rows", rows)
        .option("seed", seed)
        .option("first-row", firstRow)
        .option("partitions", partitions)
        .option(SyntheticSource.PARENTS_OPTION, parents == null ? "" : parents)
        .option(SyntheticSource.WHERE_OPTION, nonNull(generate.where()))
        .option(SyntheticSource.REBALANCE_OPTION, nonNull(generate.rebalance()))
        .option(SyntheticSource.SHARES_OPTION, nonNull(generate.shares()))
        .load();
    frame = avoidSourceValues(spark, frame, model, config, seed);
    if (existing.manifest() != null && output.mode() == WriteMode.APPEND
        && !existing.manifest().columns().equals(columns(frame))) {
      throw SynthException.output("cannot append to %s: its columns %s differ from the model's %s", output.path(),
          existing.manifest().columns(), columns(frame));
    }
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String label = String.format(Locale.ROOT, "generate %s", model.table());
    String group = "synthlake-generate-" + UUID.randomUUID();
    spark.sparkContext().setJobGroup(group, String.format(Locale.ROOT, "generate %s: %,d rows to %s (%s)",
        model.table(), rows, output.path(), output.format().configName()), false);
    LOG.info("generate start table={} rows={} seed={} first-row={} partitions={} output={} format={} mode={}{}",
        model.table(), rows, seed, firstRow, partitions, output.path(), output.format().configName(),
        output.mode().configName(), conditions.isEmpty() ? "" : " conditions=" + conditionsText(generate));
    long start = System.nanoTime();
    try (ProgressReporter progress = new ProgressReporter(spark, group, label, rows)) {
      OutputManifest.Run run = new OutputManifest.Run(output.mode().configName(), config.model(),
          sha256(model), seed, firstRow, rows, partitions, started.toString(), null, 0, conditionsText(generate));
      OutputManifest manifest = existing.manifest() != null && output.mode() == WriteMode.APPEND
          ? existing.manifest().plus(run)
          : new OutputManifest(OutputManifest.FORMAT_VERSION, Version.tool(), model.table(),
              output.format().configName(), rows + firstRow, partitionBy, columns(frame), List.of(run));
      SyntheticWriter.write(spark, frame, output, existing, manifest);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    double seconds = PhaseTimer.since(start).hundredths();
    Result result = new Result(output.path(), output.format().configName(), model.table(), rows, firstRow, seed,
        partitions, seconds, conditions.isEmpty() ? null : describe(conditions), null);
    LOG.info(String.format(Locale.ROOT, "generate done table=%s rows=%d seconds=%.2f rows-per-second=%.0f "
        + "output=%s", model.table(), rows, seconds, result.rowsPerSecond(), output.path()));
    return result;
  }

  /** "every row: sex = 'Female'; label shares of income: equal" for the console. */
  static String describe(GenerateConditions conditions) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (!conditions.where().isEmpty()) {
      parts.add("every row satisfies " + conditions.whereText());
    }
    if (conditions.shares() != null) {
      parts.add("label shares of " + conditions.shares().column() + ": " + (conditions.shares().isEqual() ? "equal"
          : String.join(", ", conditions.shares().shares().entrySet().stream().map(e -> String.format(Locale.ROOT,
              "%s %.1f%%", e.getKey(), 100 * e.getValue())).toList())));
    }
    return String.join("; ", parts);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  /**
   * The job's condition and target shares as the manifest records them ({@code where W; rebalance C} or
   * {@code where W; shares S}), or null for a plain generate.
   */
  static String conditionsText(GenerateConfig generate) {
    if (generate.where() == null && generate.rebalance() == null && generate.shares() == null) {
      return null;
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (generate.where() != null) {
      parts.add("where " + generate.where());
    }
    if (generate.rebalance() != null) {
      parts.add("rebalance " + generate.rebalance());
    }
    if (generate.shares() != null) {
      parts.add("shares " + generate.shares());
    }
    return String.join("; ", parts);
  }

  /**
   * Fake personal data and made-up strings (free text, folded labels) that might equal a value of their source
   * column are drawn again, when the job names its source; without one, nothing can be checked, and the log says
   * so.
   */
  static Dataset<Row> avoidSourceValues(SparkSession spark, Dataset<Row> frame, SynthModel model,
      JobConfig config, long seed) {
    List<PiiColumn> personal = new java.util.ArrayList<>();
    String locale = null;
    for (ColumnModel column : model.columns()) {
      if (column.marginal() instanceof PiiMarginal pii) {
        personal.add(new PiiColumn(column.name(), pii.fake(), pii.detectedBy()));
        locale = pii.locale();
      }
    }
    List<MadeUpValues.MadeUpColumn> madeUp = MadeUpValues.columns(model);
    if (personal.isEmpty() && madeUp.isEmpty()) {
      return frame;
    }
    List<String> checked = new java.util.ArrayList<>(personal.stream().map(PiiColumn::column).toList());
    madeUp.forEach(c -> checked.add(c.column()));
    if (config.source().path() == null && config.source().table() == null) {
      LOG.warn("generate table={}: no source given, so the fake and made-up values of {} are not checked against "
          + "the source's values; set source in the job file (synth run and synth lake do) to check them",
          model.table(), checked);
      return frame;
    }
    Dataset<Row> source = SourceReader.load(spark, config.source()).frame();
    java.util.Set<String> sourceColumns = java.util.Set.of(source.columns());
    for (String column : checked) {
      if (!sourceColumns.contains(column)) {
        LOG.warn("generate table={}: the source has no column {} any more, so its fake or made-up values are not "
            + "checked against source values", model.table(), column);
      }
    }
    List<PiiColumn> present = personal.stream().filter(c -> sourceColumns.contains(c.column())).toList();
    Dataset<Row> result = PiiReplacement.avoidSourceValues(spark, frame, source, present, locale, seed);
    return MadeUpValues.avoidSourceValues(spark, result, source,
        madeUp.stream().filter(c -> sourceColumns.contains(c.column())).toList(), seed);
  }

  /**
   * Why the job's output is not complete for its model and seed, or null when it is: written by one run of this
   * very model (same content hash), with this seed and the rows asked for. A lake refresh that failed half-way
   * skips such tables when it runs again.
   */
  public static String notUpToDate(SparkSession spark, JobConfig config) {
    if (config.model() == null || config.output().path() == null) {
      return "no model or output path";
    }
    if (!ModelStore.exists(spark.sparkContext().hadoopConfiguration(), config.model())) {
      return "no model at " + config.model();
    }
    SynthModel model = Failures.readingModel(config.model(),
        () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), config.model()));
    GenerateConfig generate = config.generate();
    long rows = rowsOf(generate, model, config.model());
    long seed = generate.seedFor(model);
    SyntheticWriter.Stamp stamp = SyntheticWriter.stamp(spark, config.output().path());
    if (stamp == null) {
      return "no complete synthlake output at " + config.output().path();
    }
    if (!sha256(model).equals(stamp.modelSha256())) {
      return "the output was generated from another model";
    }
    if (!java.util.Objects.equals(stamp.conditions(), conditionsText(generate))) {
      return "the output was generated under another condition or other target shares";
    }
    if (stamp.seed() != seed || stamp.rows() != rows) {
      return String.format(Locale.ROOT, "the output has seed %d and %,d rows, the job asks for seed %d and %,d rows",
          stamp.seed(), stamp.rows(), seed, rows);
    }
    return null;
  }

  private static long rowsOf(GenerateConfig generate, SynthModel model, String modelPath) {
    if (generate.rows() != null) {
      return generate.rows();
    }
    if (generate.scale() == null) {
      throw SynthException.config("how many rows? pass --rows N or --scale F (a multiple of the source's %,d rows), "
          + "or set generate.rows or generate.scale", model.source().rowCount());
    }
    // Math.round saturates at Long.MAX_VALUE, which the limit refuses.
    long rows = Math.round(generate.scale() * model.source().rowCount());
    GenerateConfig.checkTotalRows(0, rows, "--scale " + generate.scale() + " of the " + model.source().rowCount()
        + " source rows");
    if (rows < 1) {
      throw SynthException.config("--scale %s of the %d source rows in model %s is less than one row: use --rows",
          generate.scale(), model.source().rowCount(), modelPath);
    }
    return rows;
  }

  static List<String> partitionColumns(OutputConfig output, SynthModel model, String modelPath) {
    List<String> names = model.columns().stream().map(ColumnModel::name).toList();
    List<String> requested = output.partitionBy() != null ? output.partitionBy()
        : model.source().partitionColumns().stream().filter(names::contains).toList();
    for (String column : requested) {
      if (!names.contains(column)) {
        throw SynthException.config("output.partition-by: model %s has no column '%s'%s", modelPath, column,
            Suggestions.hint(column, names));
      }
    }
    for (String column : requested) {
      // Readers skip directories whose names start with '.' or '_': such partitions would be invisible.
      if (column.startsWith(".") || column.startsWith("_")) {
        throw SynthException.config("output.partition-by: column '%s' starts with '%s', and readers skip "
            + "partition directories named so; partition by another column", column, column.substring(0, 1));
      }
    }
    if (!requested.isEmpty() && requested.size() == names.size()) {
      throw SynthException.config("output.partition-by: cannot partition by every column of the table");
    }
    return requested;
  }

  public static List<OutputManifest.Column> columns(Dataset<Row> frame) {
    return java.util.Arrays.stream(frame.schema().fields())
        .map(f -> new OutputManifest.Column(f.name(), SparkTypes.ddlName(f.dataType()))).toList();
  }

  static String sha256(SynthModel model) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(ModelJson.write(model).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

}
