package io.synthlake.spark.lake;

import io.synthlake.Version;
import io.synthlake.config.JobConfig;
import io.synthlake.config.LakeConfig;
import io.synthlake.config.LakeConfig.LakeTable;
import io.synthlake.config.PiiConfig;
import io.synthlake.config.PiiStrategy;
import io.synthlake.config.TableMode;
import io.synthlake.model.SynthModel;
import io.synthlake.generate.ScoreCalibrator;
import io.synthlake.pii.PiiColumn;
import io.synthlake.pii.PiiType;
import io.synthlake.pii.PseudonymKey;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Failures;
import io.synthlake.spark.PhaseTimer;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.fit.PiiScan;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.generate.PiiReplacement;
import io.synthlake.spark.io.JobPaths;
import io.synthlake.spark.io.LoadedSource;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.spark.io.OutputManifest;
import io.synthlake.spark.io.SourceReader;
import io.synthlake.spark.io.SyntheticWriter;
import io.synthlake.spark.validate.ValidateJob;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.sketch.BloomFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code synth lake}: refreshes many tables in one Spark application, table by table in the file's order. A
 * synthesized table is fitted, generated and validated; a copied one is copied as it is (within a row limit); a
 * masked one keeps its rows with its personal data replaced; a skipped one is left alone. A table whose output is
 * already complete for its current model and seed is skipped, so a refresh that failed half-way resumes where it
 * stopped; a failure stops the refresh and leaves every table written so far, and the failed table's previous
 * output, intact.
 */
public final class LakeJob {
  private static final Logger LOG = LoggerFactory.getLogger(LakeJob.class);

  private LakeJob() {}

  /** One phase, or every phase in order when none is given. */
  public enum Phase {
    FIT, GENERATE, VALIDATE;

    public String configName() {
      return io.synthlake.config.ConfigEnum.nameOf(this);
    }
  }

  /** What happened to one table: its mode, what was done or why nothing was, and its gate breaches. */
  public record TableOutcome(String table, TableMode mode, String done, double seconds, List<String> breaches,
      ValidateJob.Result validation) {}

  /**
   * @param only the tables to refresh (all when empty); an unknown name fails before any work
   * @param phase the one phase to run, or null for all
   */
  public static List<TableOutcome> run(SparkSession spark, LakeConfig lake, Set<String> only, Phase phase) {
    for (String name : only) {
      if (!lake.tables().containsKey(name)) {
        throw SynthException.config("--only names table '%s', which the lake file does not have%s", name,
            io.synthlake.config.Suggestions.hint(name, lake.tables().keySet()));
      }
    }
    JobPaths.check(spark, lake);
    for (LakeTable table : lake.tables().values()) {
      if (table.mode() == TableMode.SYNTHESIZE) {
        ValidateJob.checkWritable(spark, table.job(), table.job().output().path());
      }
    }
    if (phase == null || phase == Phase.GENERATE) {
      // Whose output is there is checked for every table before the first is refreshed.
      for (LakeTable table : lake.tables().values()) {
        if (table.mode() != TableMode.SKIP && (only.isEmpty() || only.contains(table.name()))
            && table.job().output().mode() != io.synthlake.config.WriteMode.ERROR) {
          SyntheticWriter.inspect(spark, table.job().output());
        }
      }
    }
    List<TableOutcome> outcomes = new ArrayList<>();
    Masking masking = new Masking(spark, lake);
    // Tables generated in this run: their children's keys must be drawn again, even from complete outputs.
    Set<String> regenerated = new java.util.HashSet<>();
    for (LakeTable table : lake.refreshOrder()) {
      if (!only.isEmpty() && !only.contains(table.name())) {
        continue;
      }
      long started = System.nanoTime();
      LOG.info("lake table={} mode={} phase={}", table.name(), table.mode().configName(),
          phase == null ? "all" : phase.configName());
      TableOutcome outcome = switch (table.mode()) {
        case SKIP -> new TableOutcome(table.name(), table.mode(), "skipped (mode skip)", 0, List.of(), null);
        case COPY -> copy(spark, table, lake.lake().copyMaxRows(), phase, started);
        case SYNTHESIZE -> synthesize(spark, table, phase, started, lake, regenerated);
        case MASK -> mask(spark, table, phase, started, masking);
      };
      LOG.info("lake table={} done: {}", table.name(), outcome.done());
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private static TableOutcome synthesize(SparkSession spark, LakeTable table, Phase phase, long started,
      LakeConfig lake, Set<String> regenerated) {
    JobConfig job = table.job();
    List<String> done = new ArrayList<>();
    String stale = phase == Phase.FIT ? "fit asked for" : GenerateJob.notUpToDate(spark, job);
    for (io.synthlake.config.LakeConfig.ForeignKey key : table.foreignKeys()) {
      if (stale == null && regenerated.contains(key.references().table())) {
        stale = "its parent " + key.references().table() + " was generated again";
      }
    }
    boolean complete = stale == null;
    if (!complete) {
      LOG.info("lake table={} will be refreshed: {}", table.name(), stale);
    }
    if (phase == null || phase == Phase.FIT) {
      if (complete) {
        done.add("fit skipped (output complete for the current model)");
      } else {
        FitJob.run(spark, job);
        if (!table.foreignKeys().isEmpty()) {
          org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
          // Keys leave the copula and the rules that involve them: the label columns that remain may now carry
          // other rows, so the within-label scores are calibrated again.
          SynthModel keyed = ForeignKeyFit.apply(spark, table, ModelStore.read(conf, job.model()), lake.tables());
          ModelStore.write(conf, job.model(), ScoreCalibrator.calibrate(keyed, keyed.fit().seed()));
        }
        done.add("fitted");
      }
    }
    if (phase == null || phase == Phase.GENERATE) {
      if (complete) {
        done.add("generate skipped (output complete for the current model and seed)");
      } else {
        GenerateJob.Result generated = GenerateJob.run(spark, job, parents(spark, table, lake));
        regenerated.add(table.name());
        done.add(String.format(Locale.ROOT, "generated %,d rows", generated.rows()));
      }
    }
    ValidateJob.Result validation = null;
    if (phase == null || phase == Phase.VALIDATE) {
      if (complete && phase == null && reportExists(spark, job)) {
        done.add("validate skipped (report exists)");
      } else {
        validation = ValidateJob.run(spark, job);
        done.add(String.format(Locale.ROOT, "validated (overall %.4f)", validation.report().classic().overall()));
      }
    }
    return new TableOutcome(table.name(), table.mode(), String.join(", ", done), seconds(started),
        validation == null ? List.of() : validation.breaches(), validation);
  }

  /** The generated parents of the table's foreign keys, for the data source: model path, seed and rows. */
  private static String parents(SparkSession spark, LakeTable table, LakeConfig lake) {
    if (table.foreignKeys().isEmpty()) {
      return null;
    }
    java.util.Map<String, String> models = new java.util.LinkedHashMap<>();
    java.util.Map<String, long[]> seedAndRows = new java.util.HashMap<>();
    for (io.synthlake.config.LakeConfig.ForeignKey key : table.foreignKeys()) {
      LakeTable parent = lake.tables().get(key.references().table());
      SyntheticWriter.Stamp stamp = SyntheticWriter.stamp(spark, parent.job().output().path());
      if (stamp == null) {
        throw SynthException.input("table %s: its parent %s has no complete synthetic output at %s; refresh %s "
            + "first", table.name(), parent.name(), parent.job().output().path(), parent.name());
      }
      models.put(parent.name(), parent.job().model());
      seedAndRows.put(parent.name(), new long[] {stamp.seed(), stamp.rows()});
    }
    return io.synthlake.spark.source.SyntheticSource.parentsOption(models, seedAndRows);
  }

  /** Copies the source as it is, through the same atomic writer as generated tables. */
  private static TableOutcome copy(SparkSession spark, LakeTable table, long maxRows, Phase phase, long started) {
    if (phase == Phase.FIT || phase == Phase.VALIDATE) {
      return new TableOutcome(table.name(), table.mode(), "nothing to " + phase.configName() + " (mode copy)", 0,
          List.of(), null);
    }
    JobConfig job = table.job();
    LoadedSource source = SourceReader.load(spark, job.source());
    long rows = count(source, job);
    if (rows > maxRows) {
      throw SynthException.config("table %s has %,d rows, more than lake.copy-max-rows %,d allows for mode copy: "
          + "synthesize it, or raise the limit if it truly is a reference table", table.name(), rows, maxRows);
    }
    writeRows(spark, table, source, source.frame(), rows, SyntheticWriter.COPY_RUN);
    return new TableOutcome(table.name(), table.mode(), String.format(Locale.ROOT, "copied %,d rows", rows),
        seconds(started), List.of(), null);
  }

  /** Keeps the source's rows and replaces their personal data, through the same atomic writer. */
  private static TableOutcome mask(SparkSession spark, LakeTable table, Phase phase, long started,
      Masking masking) {
    if (phase == Phase.FIT || phase == Phase.VALIDATE) {
      return new TableOutcome(table.name(), table.mode(), "nothing to " + phase.configName() + " (mode mask)", 0,
          List.of(), null);
    }
    JobConfig job = table.job();
    PiiConfig pii = job.pii();
    List<PiiColumn> columns = masking.columns(table.name());
    LoadedSource source = masking.source(table.name());
    PseudonymKey key = null;
    if (pii.strategy() == PiiStrategy.PSEUDONYMIZE && !columns.isEmpty()) {
      try {
        key = PseudonymKey.load(pii.keyEnv(), pii.keyFile(), System.getenv(), "table " + table.name());
      } catch (IllegalArgumentException e) {
        throw SynthException.config(e, "%s", e.getMessage());
      }
    }
    long seed = job.generate().seedOr(job.fit().seed());
    Dataset<Row> masked = PiiReplacement.mask(source.frame(), table.name(), columns, pii.locale(), pii.strategy(),
        seed, key, masking.taken());
    long rows = count(source, job);
    writeRows(spark, table, source, masked, rows, SyntheticWriter.MASK_RUN);
    String replaced = columns.isEmpty() ? "no column of personal data found (declare them in pii.columns)"
        : columns.stream().map(c -> c.column() + " (" + c.type().configName() + ", by " + c.detectedBy() + ")")
            .collect(Collectors.joining(", "));
    return new TableOutcome(table.name(), table.mode(), String.format(Locale.ROOT, "masked %,d rows with %s: %s",
        rows, pii.strategy().configName(), replaced), seconds(started), List.of(), null);
  }

  /** The source's rows, with a corrupt file or a failing where classified as in fit. */
  private static long count(LoadedSource source, JobConfig job) {
    try {
      return source.frame().count();
    } catch (Exception e) {
      throw Failures.classify(e, job.source().where(), "source " + source.location(),
          "source " + source.location());
    }
  }

  private static void writeRows(SparkSession spark, LakeTable table, LoadedSource source, Dataset<Row> frame,
      long rows, String runMode) {
    JobConfig job = table.job();
    SyntheticWriter.Existing existing = SyntheticWriter.inspect(spark, job.output());
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    OutputManifest.Run run = new OutputManifest.Run(runMode, source.location(), null, 0, 0, rows,
        frame.rdd().getNumPartitions(), now, null, 0);
    OutputManifest manifest = new OutputManifest(OutputManifest.FORMAT_VERSION, Version.tool(), table.name(),
        job.output().format().configName(), rows, List.of(), GenerateJob.columns(frame), List.of(run));
    SyntheticWriter.write(spark, frame, job.output(), existing, manifest);
  }

  /**
   * The personal data of the lake's masked tables, found once, and per kind one filter of the source values no
   * output value may equal. The filter spans every masked table of the lake file, whichever this run writes: a
   * pseudonym then depends on the value and the key alone, the same in every table, and a table masked alone
   * (--only) comes out as in a full refresh.
   */
  private static final class Masking {
    private final SparkSession spark;
    private final LakeConfig lake;
    private Map<String, List<PiiColumn>> columns;
    private final Map<String, LoadedSource> sources = new LinkedHashMap<>();
    private Map<PiiType, Broadcast<BloomFilter>> taken;

    Masking(SparkSession spark, LakeConfig lake) {
      this.spark = spark;
      this.lake = lake;
    }

    List<PiiColumn> columns(String table) {
      if (columns == null) {
        columns = new LinkedHashMap<>();
        for (LakeTable masked : lake.tables().values()) {
          if (masked.mode() == TableMode.MASK) {
            LoadedSource source = SourceReader.load(spark, masked.job().source());
            sources.put(masked.name(), source);
            columns.put(masked.name(), PiiScan.detect(source.frame(), masked.name(), masked.job().pii(),
                Set.of()));
          }
        }
      }
      return columns.getOrDefault(table, List.of());
    }

    /** A masked table's source, as loaded to find its personal data. */
    LoadedSource source(String table) {
      columns(table);
      return sources.get(table);
    }

    Map<PiiType, Broadcast<BloomFilter>> taken() {
      if (taken == null) {
        Map<PiiType, List<PiiReplacement.SourceColumn>> byType = new LinkedHashMap<>();
        columns.forEach((table, found) -> {
          if (found.isEmpty()) {
            return;
          }
          Dataset<Row> frame = sources.get(table).frame();
          Map<String, Long> distinct = PiiReplacement.distinctCounts(frame,
              found.stream().map(PiiColumn::column).toList());
          for (PiiColumn column : found) {
            byType.computeIfAbsent(column.type(), t -> new ArrayList<>())
                .add(new PiiReplacement.SourceColumn(frame, column.column(), distinct.get(column.column())));
          }
        });
        taken = new LinkedHashMap<>();
        byType.forEach((type, typed) -> taken.put(type, PiiReplacement.sourceValues(spark, typed)));
      }
      return taken;
    }
  }

  private static boolean reportExists(SparkSession spark, JobConfig job) {
    String report = job.validate().report();
    if (report == null) {
      return false;
    }
    Path path = new Path(report, "report.json");
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static double seconds(long started) {
    return PhaseTimer.since(started).hundredths();
  }
}
