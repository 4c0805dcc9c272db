package io.synthlake.spark.validate;

import io.synthlake.Version;
import io.synthlake.config.JobConfig;
import io.synthlake.config.ValidateConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.model.Holdout;
import io.synthlake.model.SynthModel;
import io.synthlake.validate.HoldoutPrivacy;
import io.synthlake.validate.MlUtility;
import io.synthlake.validate.TextReport;
import io.synthlake.spark.Failures;
import io.synthlake.spark.io.JobPaths;
import io.synthlake.spark.io.LoadedSource;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.spark.io.SourceReader;
import io.synthlake.spark.io.SyntheticWriter;
import io.synthlake.validate.ClosestRecordSummary;
import io.synthlake.validate.ColumnDistribution;
import io.synthlake.validate.ColumnMetric;
import io.synthlake.validate.ColumnScores;
import io.synthlake.validate.GateCheck;
import io.synthlake.validate.PrivacyChecks;
import io.synthlake.validate.QualitySummary;
import io.synthlake.validate.RuleReport;
import io.synthlake.validate.Sdtype;
import io.synthlake.validate.ValidationReport;
import io.synthlake.validate.ValidationReport.ColumnResult;
import io.synthlake.validate.ValidationReport.Delta;
import io.synthlake.validate.ValidationReport.PairResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import io.synthlake.config.GenerateConfig;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code synth validate}: SDMetrics-compatible fidelity scores and privacy figures of a synthetic table against its
 * source, computed with Spark aggregates on both full tables (only a bounded sample of synthetic rows, for distance
 * to closest record, reaches the driver), written as report.json and report.html, and optionally appended to a
 * score-history table.
 */
public final class ValidateJob {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateJob.class);
  private static final String JOB_GROUP = "synthlake-validate";
  /** SDMetrics' current QualityReport scores a pair only when the real data shows at least this relationship. */
  static final double CURRENT_MIN_CORRELATION = 0.5;
  static final double CURRENT_MIN_ASSOCIATION = 0.3;

  private ValidateJob() {}

  /** The report, the directory it was written to, and the thresholds it breached (one line each). */
  public record Result(ValidationReport report, String reportDirectory, double seconds, List<String> breaches,
      Map<String, Double> phaseSeconds) {}

  public static Result run(SparkSession spark, JobConfig job) {
    long started = System.nanoTime();
    ValidateConfig config = job.validate();
    JobPaths.check(spark, job, JobPaths.Step.VALIDATE);
    String syntheticPath = config.synthetic() != null ? config.synthetic() : job.output().path();
    if (syntheticPath == null) {
      throw SynthException.config("no synthetic table: pass --synthetic PATH, or set validate.synthetic or "
          + "output.path in the job file");
    }
    // Before the source is read: what validate writes must be its own, and a half-committed output is healed.
    checkWritable(spark, job, syntheticPath);
    SyntheticWriter.heal(spark, syntheticPath);
    String reportDirectory = config.report() != null ? config.report()
        : ReportFiles.defaultDirectory(syntheticPath);
    LoadedSource source = SourceReader.load(spark, job.source());
    SynthModel model = readModelIfAny(spark, job);
    Dataset<Row> real = source.frame();
    Dataset<Row> read = SyntheticTableReader.read(spark, syntheticPath, config, job.output(), real.schema());
    // An augmented table: fidelity and privacy judge its synthetic rows; ML utility trains on all of its rows.
    boolean augmented = java.util.Arrays.asList(read.columns()).contains(GenerateConfig.SYNTHETIC_COLUMN)
        && !java.util.Arrays.asList(real.columns()).contains(GenerateConfig.SYNTHETIC_COLUMN);
    Dataset<Row> synthetic = augmented ? read.where(functions.col(GenerateConfig.SYNTHETIC_COLUMN))
        .drop(GenerateConfig.SYNTHETIC_COLUMN) : read;
    Dataset<Row> trainedOn = augmented ? read.drop(GenerateConfig.SYNTHETIC_COLUMN) : synthetic;
    if (augmented) {
      LOG.info("validate: {} is an augmented table; its rows with {} = true are scored, and ML utility trains on "
          + "all of its rows", syntheticPath, GenerateConfig.SYNTHETIC_COLUMN);
    }
    List<ScoredColumn> columns = ColumnRoles.resolve(spark, real, model, config.metadata(), source.tableName());
    checkTarget(config.target(), columns, model, job.model(), source.tableName(), real);
    warnIfSplitMayDiffer(job, model);
    warnIfConditional(spark, job, syntheticPath, augmented);
    spark.sparkContext().setJobGroup(JOB_GROUP, "synthlake validate " + source.tableName(), false);
    try {
      Map<String, Double> phases = new LinkedHashMap<>();
      ValidationReport measured;
      try {
        measured = measure(real, synthetic, columns, source, syntheticPath, privacySettings(job, model), phases,
            model, job.pii().locale(), config.target(), trainedOn, augmented);
      } catch (Exception e) {
        // Spark names the file it failed on, so the table is told by its path.
        String syntheticFiles = new org.apache.hadoop.fs.Path(
            io.synthlake.spark.io.PathResolver.resolve(spark, syntheticPath)).toUri().getPath();
        String unreadable = Failures.mentions(e, syntheticFiles)
            ? "synthetic table " + syntheticPath : "source " + source.location();
        throw Failures.classify(e, job.source().where(), unreadable, "source " + source.location());
      }
      List<String> breaches = GateCheck.breaches(measured, config.gates());
      ValidationReport report = measured.withBreaches(breaches);
      ReportFiles.write(spark, reportDirectory, report);
      if (config.history() != null) {
        ScoreHistory.append(spark, config.history(), config.historyFormat(), report, reportDirectory);
      }
      double seconds = io.synthlake.spark.PhaseTimer.since(started).seconds();
      LOG.info("validate done table={} overall={} seconds={} report={}", source.tableName(),
          report.classic().overall(), String.format("%.2f", seconds), reportDirectory);
      breaches.forEach(breach -> LOG.warn("validate gate breached: {}", breach));
      return new Result(report, reportDirectory, seconds, breaches, phases);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The held-out rows are read back by the model's rule over the source as the job reads it: a different row filter
   * or Delta version moves rows between the two sets, and a fit on a sample saw only part of the training rows.
   */
  /**
   * A table generated under a condition differs from the whole source by design: its scores against every source
   * row measure the condition too. Said once, when the job's source has no row filter of its own.
   */
  private static void warnIfConditional(SparkSession spark, JobConfig job, String syntheticPath, boolean augmented) {
    SyntheticWriter.Stamp stamp = SyntheticWriter.stamp(spark, syntheticPath);
    if (augmented || stamp == null || stamp.conditions() == null || job.source().where() != null) {
      return;
    }
    LOG.warn("validate: {} was generated under a condition ({}), and the job compares it with every source row; "
        + "to score it against the rows that satisfy the condition, give source.where the same condition",
        syntheticPath, stamp.conditions());
  }

  private static void warnIfSplitMayDiffer(JobConfig job, SynthModel model) {
    if (model == null || model.source().holdout() == null) {
      return;
    }
    io.synthlake.model.SourceFingerprint fitted = model.source();
    if (!java.util.Objects.equals(fitted.where(), job.source().where())) {
      LOG.warn("validate: the model was fitted with where {} and this job reads where {}: the held-out rows may not "
          + "be those the fit left out", fitted.where(), job.source().where());
    }
    if (fitted.sampleFraction() != null && fitted.sampleFraction() < 1) {
      LOG.warn("validate: the model's fit profiled a {} sample: training rows it never read count as seen in the "
          + "holdout measures, which then understate what the model reveals", fitted.sampleFraction());
    }
  }

  /**
   * ML utility needs a scored target column, and real rows the model never saw: those its fit held out. Checked
   * before any scan.
   */
  private static void checkTarget(String target, List<ScoredColumn> columns, SynthModel model, String modelPath,
      String table, Dataset<Row> real) {
    if (target == null) {
      return;
    }
    List<String> scored = columns.stream().map(ScoredColumn::name).toList();
    if (!scored.contains(target)) {
      throw SynthException.config("validate.target: table %s has no scored column '%s' (keys, free text and "
          + "personal data are not predicted)%s", table, target, io.synthlake.config.Suggestions.hint(target, scored));
    }
    if (model == null || model.source().holdout() == null) {
      throw SynthException.config("validate.target %s needs real rows the model never saw: fit with --holdout "
          + "(fit.holdout, e.g. 0.2) and pass that model%s", target, model == null ? " (--model)"
          : ", not " + modelPath + ", which holds no rows out");
    }
    List<String> missing = model.source().holdout().columns().stream()
        .filter(c -> !List.of(real.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw SynthException.input("validate.target %s: source %s lacks %s, which model %s's holdout hashes to tell "
          + "the rows it never saw", target, table, String.join(", ", missing), modelPath);
    }
  }

  /**
   * Fails before any work when the report directory or the score history holds something validate would not
   * replace or append to (see ReportFiles and ScoreHistory).
   */
  public static void checkWritable(SparkSession spark, JobConfig job, String syntheticPath) {
    ValidateConfig config = job.validate();
    String synthetic = config.synthetic() != null ? config.synthetic() : syntheticPath;
    String report = config.report() != null ? config.report()
        : synthetic == null ? null : ReportFiles.defaultDirectory(synthetic);
    if (report != null) {
      ReportFiles.checkWritable(spark, report);
    }
    if (config.history() != null) {
      ScoreHistory.checkWritable(spark, config.history());
    }
  }

  /**
   * What the privacy checks compare against: fit's minimum category count and bound rank as the model records
   * them (the job's fit settings without a model), and the DCR sample size.
   */
  record PrivacySettings(int minCategoryCount, int boundRank, int dcrSampleRows) {}

  private static PrivacySettings privacySettings(JobConfig job, SynthModel model) {
    boolean recorded = model != null && model.fit() != null;
    return new PrivacySettings(recorded ? model.fit().minCategoryCount() : job.fit().minCategoryCount(),
        recorded ? model.fit().boundRank() : job.fit().boundRank(), job.validate().dcrSampleRows());
  }

  private static SynthModel readModelIfAny(SparkSession spark, JobConfig job) {
    if (job.model() == null || !ModelStore.exists(spark.sparkContext().hadoopConfiguration(), job.model())) {
      return null;
    }
    return Failures.readingModel(job.model(),
        () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), job.model()));
  }

  /**
   * The report; ML utility trains on {@code trainedOn}: the synthetic rows, or all rows of an augmented table
   * ({@code augmented}).
   */
  static ValidationReport measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      LoadedSource source, String syntheticPath, PrivacySettings privacySettings, Map<String, Double> phases,
      SynthModel model, String locale, String target, Dataset<Row> trainedOn, boolean augmented) {
    TableProfile realProfile = timed(phases, "profile", () -> TableProfile.ofSource(real, columns,
        privacySettings.boundRank()));
    TableProfile syntheticProfile = timed(phases, "profile", () -> TableProfile.ofSynthetic(synthetic, columns,
        realProfile));
    if (realProfile.rows() == 0) {
      throw SynthException.input("source %s has no rows: there is nothing to compare with", source.location());
    }
    if (syntheticProfile.rows() == 0) {
      throw SynthException.input("synthetic table %s has no rows: generate it again, then validate", syntheticPath);
    }
    Map<String, Double> ks = timed(phases, "ks", () -> ExactKs.statistics(real, synthetic, columns, realProfile,
        syntheticProfile));
    Frequencies.ColumnCounts realCounts = timed(phases, "counts", () -> Frequencies.ofColumns(real, columns,
        realProfile));
    Frequencies.ColumnCounts syntheticCounts = timed(phases, "counts", () -> Frequencies.ofColumns(synthetic,
        columns, realProfile));
    Map<String, Map<String, Long>> realFrequencies = realCounts.categories();
    Map<String, Map<String, Long>> syntheticFrequencies = syntheticCounts.categories();

    List<ColumnResult> columnResults = new ArrayList<>();
    List<Double> shapeScores = new ArrayList<>();
    for (ScoredColumn column : columns) {
      ColumnResult result = columnResult(column, realProfile, syntheticProfile, ks, realCounts, syntheticCounts,
          privacySettings.minCategoryCount());
      columnResults.add(result);
      shapeScores.add(result.score());
    }
    List<PairResult> pairs = timed(phases, "pairs", () -> PairTrends.measure(real, synthetic, columns, realProfile,
        syntheticProfile, realFrequencies, syntheticFrequencies));
    List<Double> classic = pairs.stream().map(PairResult::classic).toList();
    List<Double> current = pairs.stream().map(PairResult::current).toList();
    List<Double> floors = pairs.stream().map(PairResult::independence).toList();
    ValidationReport.Privacy privacy = privacy(real, synthetic, columns, realProfile, syntheticProfile,
        realFrequencies, syntheticFrequencies, privacySettings, phases,
        model == null ? null : model.source().holdout());
    // The rules are found on the source itself, with fit's minimum count, whatever the model holds.
    RuleReport rules = timed(phases, "rules", () -> RuleScan.measure(real, synthetic, columns,
        privacySettings.minCategoryCount()));
    TextReport text = timed(phases, "text", () -> TextScan.measure(real, synthetic, model,
        privacySettings.minCategoryCount(), locale));
    MlUtility ml = target == null ? null : timed(phases, "ml-utility", () -> MlUtilityScan.measure(real, trainedOn,
        columns, target, model.source().holdout(), realFrequencies, realProfile, syntheticProfile,
        privacySettings.minCategoryCount(), augmented));
    List<String> notes = new ArrayList<>();
    notes.add("Scores follow SDMetrics 0.29 on the full tables; SDMetrics' current report subsamples 50,000 rows "
        + "for contingency pairs of larger tables, so its figures there carry sampling noise.");
    return new ValidationReport(ValidationReport.FORMAT_VERSION, Version.tool(),
        source.tableName(), source.location(), syntheticPath, realProfile.rows(), syntheticProfile.rows(),
        QualitySummary.of(shapeScores, classic, floors), QualitySummary.of(shapeScores, current, floors), privacy,
        rules, text, ml, columnResults, pairs, notes, List.of());
  }

  private static ValidationReport.Privacy privacy(Dataset<Row> real, Dataset<Row> synthetic,
      List<ScoredColumn> columns, TableProfile realProfile, TableProfile syntheticProfile,
      Map<String, Map<String, Long>> realFrequencies, Map<String, Map<String, Long>> syntheticFrequencies,
      PrivacySettings settings, Map<String, Double> phases, Holdout holdout) {
    long copies = timed(phases, "exact-copies", () -> ExactCopies.count(real, synthetic, columns));
    ClosestRecordSummary dcr = timed(phases, "dcr", () -> ClosestRecords.measure(real, synthetic, columns,
        realProfile, syntheticProfile, realFrequencies, settings.dcrSampleRows()));
    List<PrivacyChecks.BeyondColumn> beyond = new ArrayList<>();
    for (ScoredColumn column : columns) {
      TableProfile.ColumnProfile profile = syntheticProfile.column(column.name());
      if (profile.belowProtected() != null) {
        beyond.add(new PrivacyChecks.BeyondColumn(column.name(), profile.belowProtected(),
            profile.aboveProtected()));
      }
    }
    // The held-out rows are read back by the model's rule; a source that lost a hashed column cannot be split.
    boolean splittable = holdout != null && List.of(real.columns()).containsAll(holdout.columns());
    if (holdout != null && !splittable) {
      LOG.warn("validate: the source lacks columns the model's holdout hashes ({}): no holdout privacy measures",
          holdout.columns());
    }
    HoldoutPrivacy held = !splittable ? null : timed(phases, "holdout", () -> ClosestRecords.holdout(real,
        synthetic, columns, realProfile, syntheticProfile, holdout, settings.dcrSampleRows()));
    return new ValidationReport.Privacy(copies, copies / (double) syntheticProfile.rows(), dcr,
        PrivacyChecks.rareCategories(realFrequencies, syntheticFrequencies, settings.minCategoryCount()),
        PrivacyChecks.beyondBounds(settings.boundRank(), beyond), held);
  }

  /** Runs one phase, adds its time to the phase's total, and logs it: progress on long validations. */
  private static <T> T timed(Map<String, Double> phases, String phase, Supplier<T> work) {
    return io.synthlake.spark.PhaseTimer.timed(work, elapsed -> {
      phases.merge(phase, elapsed.seconds(), Double::sum);
      LOG.info("validate phase={} seconds={}", phase, String.format(java.util.Locale.ROOT, "%.2f",
          elapsed.seconds()));
    });
  }

  private static ColumnResult columnResult(ScoredColumn column, TableProfile realProfile,
      TableProfile syntheticProfile, Map<String, Double> ks, Frequencies.ColumnCounts realCounts,
      Frequencies.ColumnCounts syntheticCounts, int minCategoryCount) {
    TableProfile.ColumnProfile r = realProfile.column(column.name());
    TableProfile.ColumnProfile s = syntheticProfile.column(column.name());
    double realNulls = r.nullShare(realProfile.rows());
    double syntheticNulls = s.nullShare(syntheticProfile.rows());
    double missing = ColumnScores.missingValueSimilarity(realNulls, syntheticNulls);
    Delta nullShare = Delta.of(realNulls, syntheticNulls);
    if (column.sdtype().continuous()) {
      Double d = ks.get(column.name());
      String error = d == null ? "no non-null values in " + (r.values() == 0 ? "the source" : "the synthetic table")
          : null;
      return ColumnResult.builder(column.name(), column.sdtype(), ColumnMetric.KS_COMPLEMENT)
          .score(d == null ? null : 1 - d).error(error).missingValueSimilarity(missing).nullShare(nullShare)
          .boundaryAdherence(s.insideBounds() == null || s.values() == 0 ? null
              : s.insideBounds() / (double) s.values())
          .mean(Delta.of(r.mean(), s.mean())).std(Delta.of(r.std(), s.std()))
          .quartiles(quartile(r, s, 0), quartile(r, s, 1), quartile(r, s, 2))
          .distribution(r.protectedLow() == null ? null : ColumnDistribution.histogram(r.protectedLow(),
              r.protectedHigh(), column.sdtype() == Sdtype.DATETIME, realCounts.bins().get(column.name()),
              syntheticCounts.bins().get(column.name())))
          .build();
    }
    Map<String, Long> real = realCounts.categories().get(column.name());
    Map<String, Long> synthetic = syntheticCounts.categories().get(column.name());
    Double score = null;
    String error = null;
    try {
      score = ColumnScores.tvComplement(real, synthetic);
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
    long syntheticValues = synthetic.values().stream().mapToLong(Long::longValue).sum();
    long adhering = synthetic.entrySet().stream().filter(e -> real.containsKey(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    Double categoryAdherence = syntheticValues == 0 ? null : adhering / (double) syntheticValues;
    return ColumnResult.builder(column.name(), column.sdtype(), ColumnMetric.TV_COMPLEMENT).score(score)
        .error(error).missingValueSimilarity(missing).nullShare(nullShare).categoryAdherence(categoryAdherence)
        .distribution(r.values() == 0 ? null : ColumnDistribution.categories(real, synthetic, minCategoryCount))
        .build();
  }

  private static Delta quartile(TableProfile.ColumnProfile r, TableProfile.ColumnProfile s, int which) {
    return Delta.of(r.quartiles() == null ? null : r.quartiles()[which],
        s.quartiles() == null ? null : s.quartiles()[which]);
  }
}
