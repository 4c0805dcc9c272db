package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.errors.ExitCode;
import io.synthlake.spark.Sessions;
import io.synthlake.spark.validate.ValidateJob;
import io.synthlake.validate.QualitySummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.synthlake.validate.ClosestRecordSummary;
import io.synthlake.validate.HoldoutPrivacy;
import io.synthlake.validate.MlUtility;
import io.synthlake.validate.RuleReport;
import io.synthlake.validate.TextReport;
import io.synthlake.validate.ValidationReport;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth validate}: scores a synthetic table against its source. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Compares a synthetic table with its source on the cluster and writes report.json and report.html: "
            + "SDMetrics-compatible scores (KSComplement, TVComplement, Column Shapes, CorrelationSimilarity, "
            + "ContingencySimilarity, Column Pair Trends over all pairs and with SDMetrics' current relevance "
            + "rules, the overall score) "
            + "beside the independence floor, per-column diagnostics and charts, and privacy figures (exact copies, "
            + "distance to closest record against a random baseline, rare categories, values beyond the protected "
            + "bounds), and the share of synthetic rows obeying each rule found on the source (dependencies, "
            + "orders, sums, null patterns, implications, exclusions). Both tables are read in full; only a bounded "
            + "sample of synthetic rows reaches the driver.",
        "",
        "Exit codes: 0 passed, 7 a validate.gates threshold was breached (one line each; the report is written), "
            + "3 bad configuration, 4 unusable source or synthetic table, 5 report not writable.",
        "",
        "Columns are scored by their SDV metadata sdtype (--metadata), else by the model's column kinds (--model), "
            + "else by their Spark types. Options override the job file (--config); the job-file key of each "
            + "option is shown in brackets."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  synth validate --source data/adult/adult.csv --synthetic out/adult/synthetic-parquet",
        "  synth validate --config jobs/adult.yaml --report out/adult/report",
        "  synth validate --source s3a://lake/orders --synthetic s3a://dev-lake/orders --model orders.json"})
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--source", paramLabel = "PATH_OR_TABLE",
      description = "The real table: a path or a catalog table name. [source.path / source.table]")
  String source;

  @Option(names = "--synthetic", paramLabel = "PATH",
      description = "The synthetic table (default: the job's output path). [validate.synthetic]")
  String synthetic;

  @Option(names = "--synthetic-format", paramLabel = "FORMAT",
      description = "parquet, delta or csv; detected when omitted. [validate.synthetic-format]")
  String syntheticFormat;

  @Option(names = "--model", paramLabel = "MODEL.json",
      description = "The model, whose column kinds decide how columns are scored. [model]")
  String model;

  @Option(names = "--metadata", paramLabel = "METADATA.json",
      description = "SDV single-table metadata whose sdtypes decide how columns are scored. [validate.metadata]")
  String metadata;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Directory for report.json and report.html (default: beside the synthetic table, named "
          + "after it with \"-report\"). [validate.report]")
  String report;

  @Option(names = "--target", paramLabel = "COLUMN",
      description = "Measure ML utility for predicting this column with Spark MLlib: train on the synthetic rows "
          + "and on the real training rows, test both on the rows the model's fit held out (fit --holdout). "
          + "[validate.target]")
  String target;

  @Option(names = "--history", paramLabel = "PATH",
      description = "A Delta (or existing Parquet) table to append this run's scores to. [validate.history]")
  String history;

  @Option(names = "--config", paramLabel = "JOB.yaml", description = "Job file (see conf/example-job.yaml).")
  Path config;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    List<ConfigOverride> overrides = new ArrayList<>();
    if (source != null) {
      overrides.add(ConfigOverride.of("source.path", source, "--source"));
      overrides.add(ConfigOverride.of("source.table", null, "--source"));
    }
    GenerateOptions.add(overrides, "validate.synthetic", synthetic, "--synthetic");
    GenerateOptions.add(overrides, "validate.synthetic-format", syntheticFormat, "--synthetic-format");
    GenerateOptions.add(overrides, "model", model, "--model");
    GenerateOptions.add(overrides, "validate.metadata", metadata, "--metadata");
    GenerateOptions.add(overrides, "validate.report", report, "--report");
    GenerateOptions.add(overrides, "validate.history", history, "--history");
    GenerateOptions.add(overrides, "validate.target", target, "--target");
    JobConfig job = ConfigLoader.load(config, overrides);
    ValidateJob.Result result = ValidateJob.run(Sessions.getOrCreate("synthlake validate"), job);
    print(spec.commandLine().getOut(), result);
    return gateExit(spec.commandLine().getErr(), result);
  }

  /** Prints each breached threshold on its own line; exit code 7 when there is any. */
  static int gateExit(PrintWriter err, ValidateJob.Result result) {
    result.breaches().forEach(breach -> err.println("synth: quality gate failed: " + breach));
    err.flush();
    return result.breaches().isEmpty() ? 0 : ExitCode.QUALITY.code();
  }

  static void print(PrintWriter out, ValidateJob.Result result) {
    out.printf(Locale.ROOT, "report written: %s%n", result.reportDirectory());
    out.printf(Locale.ROOT, "  %s: %,d source rows, %,d synthetic rows%n", result.report().table(),
        result.report().sourceRows(), result.report().syntheticRows());
    line(out, "classic", result.report().classic());
    line(out, "current", result.report().current());
    ValidationReport.Privacy privacy = result.report().privacy();
    out.printf(Locale.ROOT, "  privacy: %,d synthetic rows (%.4f%%) equal a source row on every scored column%n",
        privacy.exactCopies(), 100 * privacy.exactCopyShare());
    ClosestRecordSummary dcr = privacy.distanceToClosestRecord();
    if (dcr != null) {
      out.printf(Locale.ROOT, "  privacy: DCR baseline protection %s (median distance to closest record %.4f, "
          + "random rows %.4f; %,d sampled)%n", dcr.baselineProtection() == null ? "n/a"
              : String.format(Locale.ROOT, "%.4f", dcr.baselineProtection()), dcr.syntheticMedian(),
          dcr.baselineMedian(), dcr.sampleRows());
    }
    out.printf(Locale.ROOT, "  privacy: %,d rare source categories (seen < %d times) in the output, %,d values "
        + "beyond the protected bounds%n", privacy.rareCategories().categories(),
        privacy.rareCategories().minCategoryCount(), privacy.beyondBounds().values());
    HoldoutPrivacy held = privacy.holdout();
    if (held != null && held.dcrShare() != null) {
      out.printf(Locale.ROOT, "  privacy: against the %,d held-out rows: DCR share %.4f (0.5 is ideal; %,d sampled), "
          + "membership inference AUC %.4f (advantage %.4f)%n", held.holdoutRows(), held.dcrShare(),
          held.dcrSampleRows(), held.miaAuc(), held.miaAdvantage());
    }
    RuleReport rules = result.report().rules();
    if (rules != null) {
      out.printf(Locale.ROOT, "  rules: %s%n", rulesLine(rules));
    }
    MlUtility ml = result.report().mlUtility();
    if (ml != null) {
      for (MlUtility.ModelResult model : ml.models()) {
        out.printf(Locale.ROOT, "  ml utility: %s %s of %s: %s trained on real rows, %s on %s "
            + "(TSTR/TRTR %s; %,d held-out rows)%n", model.model(), model.measure(), ml.target(),
            decimal(model.real().get(model.measure())), decimal(model.synthetic().get(model.measure())),
            ml.augmented() ? "the augmented table" : "synthetic rows", decimal(model.ratio()), ml.testRows());
      }
      for (MlUtility.MinorityRecall recall : ml.minorityRecalls()) {
        out.printf(Locale.ROOT, "  ml utility: %s recall of the rarest label '%s': %s trained on real rows, %s on "
            + "%s%n", recall.model(), ml.minorityLabel(), decimal(recall.real()), decimal(recall.synthetic()),
            ml.augmented() ? "the augmented table" : "synthetic rows");
      }
    }
    TextReport text = result.report().text();
    if (text != null && !text.columns().isEmpty()) {
      out.printf(Locale.ROOT, "  text: %s%n", textLine(text));
    }
    out.printf(Locale.ROOT, "  seconds: %.2f%n", result.seconds());
    out.flush();
  }

  private static String decimal(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** "known words 97.1% (name), source 74.0%; 2 columns of made-up strings". */
  static String textLine(TextReport text) {
    String columns = String.format(Locale.ROOT, "%,d %s of made-up strings", text.columns().size(),
        text.columns().size() == 1 ? "column" : "columns");
    if (text.lowestShare() == null) {
      return columns + ", no words to check";
    }
    TextReport.TextColumn lowest = text.columns().stream().filter(c -> c.column().equals(text.lowest()))
        .findFirst().orElseThrow();
    return "lowest share of known words " + percent(text.lowestShare()) + " (" + text.lowest() + "; the source's own "
        + (lowest.sourceShare() == null ? "n/a" : percent(lowest.sourceShare())) + "), " + columns;
  }

  /** "12 found on the source, lowest adherence 99.8% (education -> education-num)". */
  static String rulesLine(RuleReport rules) {
    if (rules.rules().isEmpty()) {
      return String.format(Locale.ROOT, "none found on the source (%,d candidates tested)", rules.tested().total());
    }
    String found = String.format(Locale.ROOT, "%,d found on the source", rules.rules().size());
    if (rules.ruleAdherence() == null) {
      return found + ", none applies to a synthetic row";
    }
    return found + ", lowest adherence " + percent(rules.ruleAdherence()) + " (" + rules.lowest() + ")";
  }

  /** One decimal, or as many more as it takes (up to four) for a share below 1 not to read 100%. */
  static String percent(double share) {
    for (int decimals = 1; decimals < 4; decimals++) {
      String text = String.format(Locale.ROOT, "%." + decimals + "f", 100 * share);
      if (share >= 1 || !text.equals(String.format(Locale.ROOT, "%." + decimals + "f", 100.0))) {
        return text + "%";
      }
    }
    return String.format(Locale.ROOT, "%.4f%%", 100 * share);
  }

  private static void line(PrintWriter out, String mode, QualitySummary summary) {
    out.printf(Locale.ROOT, "  %s: overall %s, column shapes %s, column pair trends %s over %d pairs "
        + "(independence floor %s)%n", mode, score(summary.overall()), score(summary.columnShapes()),
        score(summary.columnPairTrends()), summary.pairsScored(), score(summary.independenceFloor()));
  }

  private static String score(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }
}
