package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth fit}: profiles a source table and writes a model file. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Learns a Gaussian-copula model of one table with distributed aggregates and writes it as one readable JSON "
            + "file holding aggregates only: per-column marginals (atoms, quantile knots or a parametric family, "
            + "category shares, shapes of keys and text), null shares, and the correlation of normal scores.",
        "",
        "Options override the job file (--config), which overrides the defaults. The job-file key of each option "
            + "is shown in brackets."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  synth fit --source data/adult/adult.csv --model out/adult.model.json",
        "  synth fit --config jobs/adult.yaml --overwrite",
        "  synth fit --source s3a://lake/orders --delta-version 42 \\",
        "      --model s3a://models/orders.json",
        "  synth fit --source sales.orders --where \"day >= '2025-01-01'\" \\",
        "      --sample-fraction 0.1 --kind customer_id=identifier --model orders.json"})
final class FitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--source", paramLabel = "PATH_OR_TABLE",
      description = "Source table: a file or directory (any Hadoop file system; Hive-style partitions become "
          + "columns) or a catalog table name. [source.path / source.table]")
  String source;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "parquet, delta, csv, orc or json; detected from the path when omitted. [source.format]")
  String format;

  @Option(names = "--model", paramLabel = "OUT.json", description = "Where to write the model. [model]")
  String model;

  @Option(names = "--config", paramLabel = "JOB.yaml", description = "Job file (see conf/example-job.yaml).")
  Path config;

  @Option(names = "--overwrite", description = "Replace an existing model file. [fit.overwrite-model]")
  Boolean overwrite;

  @Option(names = "--name", paramLabel = "TABLE",
      description = "Logical table name stored in the model (default: the table or file name). [source.name]")
  String name;

  @Option(names = "--where", paramLabel = "EXPR", description = "Spark SQL row filter. [source.where]")
  String where;

  @Option(names = "--sample-fraction", paramLabel = "F",
      description = "Profile a Bernoulli sample of this fraction of the rows, in (0, 1]. [source.sample-fraction]")
  Double sampleFraction;

  @Option(names = "--delta-version", paramLabel = "N", description = "Delta time travel: read version N. "
      + "[source.version]")
  Long deltaVersion;

  @Option(names = "--delta-timestamp", paramLabel = "TS",
      description = "Delta time travel: read the version current at this timestamp. [source.timestamp]")
  String deltaTimestamp;

  @Option(names = "--schema", paramLabel = "DDL",
      description = "Schema for CSV or JSON, e.g. \"age INT, name STRING\" (default: inferred, which costs an extra "
          + "pass). [source.schema]")
  String schema;

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "Spark reader option, repeatable, e.g. --option nullValue=? --option sep=';'. "
          + "[source.options]")
  Map<String, String> readerOptions = new LinkedHashMap<>();

  @Option(names = "--kind", paramLabel = "COLUMN=KIND",
      description = "Force how a column is modelled, repeatable: continuous, integer, boolean, categorical, date, "
          + "timestamp, constant, identifier or text. [fit.columns.COLUMN.kind]")
  Map<String, String> kinds = new LinkedHashMap<>();

  @Option(names = "--semantic", paramLabel = "COLUMN=TYPE",
      description = "What a string column's made-up values are, repeatable: city, country, country-code, state, "
          + "state-code, street, postcode, company, product, title, code, or none to clear a detected type. "
          + "[fit.columns.COLUMN.semantic]")
  Map<String, String> semantics = new LinkedHashMap<>();

  @Option(names = "--holdout", paramLabel = "F",
      description = "Keep this share of the source rows (0 to 0.5; chosen by a hash of each row and the seed) out "
          + "of every fit aggregate, for validate to read back as real rows the model never saw. [fit.holdout]")
  Double holdout;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the fit's hash-based draws (sampling, randomised ranks); default 0. [fit.seed]")
  Long seed;

  @Option(names = "--marginals", paramLabel = "MODE",
      description = "empirical (default), parametric (best family by KS) or auto (best family when its KS is at "
          + "most fit.parametric-max-ks). [fit.marginals]")
  String marginals;

  @Option(names = "--quantile-knots", paramLabel = "K",
      description = "Knots of empirical quantile functions, 512 to 65536; default 1024. [fit.quantile-knots]")
  Integer quantileKnots;

  @Option(names = "--min-category-count", paramLabel = "N",
      description = "Labels, atoms and characters seen fewer times are never stored; default 5. "
          + "[fit.min-category-count]")
  Integer minCategoryCount;

  @Option(names = "--max-categories", paramLabel = "N",
      description = "Most labels kept per categorical column; default 1000. [fit.max-categories]")
  Integer maxCategories;

  @Option(names = "--bound-rank", paramLabel = "K",
      description = "Numeric bounds are the K-th smallest and largest values, never the extremes; default 5. "
          + "[fit.bound-rank]")
  Integer boundRank;

  @Option(names = "--non-finite", paramLabel = "POLICY",
      description = "NaN and infinite values: keep (default; modelled as special values), null, or error. "
          + "[fit.non-finite]")
  String nonFinite;

  @Option(names = "--unsupported-types", paramLabel = "POLICY",
      description = "Columns of unsupported types (map, array, struct, binary, ...): skip (default) or error. "
          + "[fit.unsupported-types]")
  String unsupportedTypes;

  @Option(names = "--no-discover-rules",
      description = "Discover no rules: keep only those the job file declares. [fit.discover-rules]")
  Boolean noDiscoverRules;

  @Option(names = "--no-label-tables",
      description = "Draw categorical columns from the copula alone, without label tables between associated "
          + "columns (label rules still get theirs). [fit.label-tables]")
  Boolean noLabelTables;

  @Option(names = "--no-label-marginals",
      description = "Give each numeric column one marginal, never one per label of a column it depends on. "
          + "[fit.label-marginals]")
  Boolean noLabelMarginals;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    JobConfig job = ConfigLoader.load(config, overrides());
    warn(spec.commandLine().getErr(), "", job);
    SparkSession spark = Sessions.getOrCreate("synthlake fit");
    print(spec.commandLine().getOut(), FitJob.run(spark, job));
    return 0;
  }

  /** One line on stderr per setting that stores raw source values, before anything runs. */
  static void warn(PrintWriter err, String table, JobConfig job) {
    for (String warning : job.fit().warnings()) {
      err.println("synth: warning: " + table + warning);
    }
    err.flush();
  }

  static void print(PrintWriter out, FitJob.Result result) {
    SynthModel fitted = result.model();
    long copulaColumns = fitted.copula() == null ? 0 : fitted.copula().columns().size();
    long presences = fitted.copula() == null ? 0 : fitted.copula().presence().size();
    out.printf("model written: %s%n", result.modelPath());
    out.printf("  table %s: %d rows profiled, %d columns (%d in the copula%s), %d notes%n", fitted.table(),
        fitted.source().rowsProfiled(), fitted.columns().size(), copulaColumns,
        presences == 0 ? "" : String.format(Locale.ROOT, ", the nulls of %d too", presences),
        fitted.notes().size());
    out.printf("  seconds: %s%n", result.seconds());
    out.flush();
  }

  private List<ConfigOverride> overrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    if (source != null) {
      overrides.add(ConfigOverride.of("source.path", source, "--source"));
      overrides.add(ConfigOverride.of("source.table", null, "--source"));
    }
    GenerateOptions.add(overrides, "source.format", format, "--format");
    GenerateOptions.add(overrides, "model", model, "--model");
    GenerateOptions.add(overrides, "fit.overwrite-model", overwrite, "--overwrite");
    GenerateOptions.add(overrides, "source.name", name, "--name");
    GenerateOptions.add(overrides, "source.where", where, "--where");
    GenerateOptions.add(overrides, "source.sample-fraction", sampleFraction, "--sample-fraction");
    GenerateOptions.add(overrides, "source.version", deltaVersion, "--delta-version");
    GenerateOptions.add(overrides, "source.timestamp", deltaTimestamp, "--delta-timestamp");
    GenerateOptions.add(overrides, "source.schema", schema, "--schema");
    readerOptions.forEach((key, value) ->
        overrides.add(new ConfigOverride(List.of("source", "options", key), value, "--option")));
    kinds.forEach((column, kind) ->
        overrides.add(new ConfigOverride(List.of("fit", "columns", column, "kind"), kind, "--kind")));
    semantics.forEach((column, type) ->
        overrides.add(new ConfigOverride(List.of("fit", "columns", column, "semantic"), type, "--semantic")));
    GenerateOptions.add(overrides, "fit.seed", seed, "--seed");
    GenerateOptions.add(overrides, "fit.holdout", holdout, "--holdout");
    GenerateOptions.add(overrides, "fit.marginals", marginals, "--marginals");
    GenerateOptions.add(overrides, "fit.quantile-knots", quantileKnots, "--quantile-knots");
    GenerateOptions.add(overrides, "fit.min-category-count", minCategoryCount, "--min-category-count");
    GenerateOptions.add(overrides, "fit.max-categories", maxCategories, "--max-categories");
    GenerateOptions.add(overrides, "fit.bound-rank", boundRank, "--bound-rank");
    GenerateOptions.add(overrides, "fit.non-finite", nonFinite, "--non-finite");
    GenerateOptions.add(overrides, "fit.unsupported-types", unsupportedTypes, "--unsupported-types");
    GenerateOptions.add(overrides, "fit.discover-rules", noDiscoverRules == null ? null : !noDiscoverRules,
        "--no-discover-rules");
    GenerateOptions.add(overrides, "fit.label-tables", noLabelTables == null ? null : !noLabelTables,
        "--no-label-tables");
    GenerateOptions.add(overrides, "fit.label-marginals", noLabelMarginals == null ? null : !noLabelMarginals,
        "--no-label-marginals");
    return overrides;
  }
}
