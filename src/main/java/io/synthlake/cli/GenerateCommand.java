package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code synth generate}: samples a synthetic table from a model and writes it. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Samples rows from a model on the executors and writes them as Parquet, Delta or CSV. Every value is a pure "
            + "function of (model, seed, row index): the same command gives the same table for any partition count, "
            + "cluster size or task retry.",
        "",
        "Outputs are written atomically: Delta in one transaction; Parquet and CSV into a hidden staging directory "
            + "moved into place when complete, with _SUCCESS and a _synthlake.json manifest. A failed run leaves "
            + "the previous output untouched.",
        "",
        "Options override the job file (--config). The job-file key of each option is shown in brackets."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  synth generate --model out/adult/adult.model.json --rows 1000000 --output out/adult/synthetic",
        "  synth generate --config jobs/adult.yaml --scale 10 --format delta --mode overwrite",
        "  synth generate --model orders.json --rows 2000000000 --output s3a://dev-lake/orders \\",
        "      --format delta --partition-by day --mode overwrite --seed 7"})
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL.json", description = "The model to sample. [model]")
  String model;

  @Option(names = "--config", paramLabel = "JOB.yaml", description = "Job file (see conf/example-job.yaml).")
  Path config;

  @Option(names = "--source", paramLabel = "PATH_OR_TABLE",
      description = "The model's source table: with --augment, its rows are written too; otherwise made-up and "
          + "fake values are checked against it. [source.path / source.table]")
  String source;

  @Mixin GenerateOptions options;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    List<ConfigOverride> overrides = new java.util.ArrayList<>(options.overrides());
    GenerateOptions.add(overrides, "model", model, "--model");
    if (source != null) {
      overrides.add(ConfigOverride.of("source.path", source, "--source"));
      overrides.add(ConfigOverride.of("source.table", null, "--source"));
    }
    JobConfig job = ConfigLoader.load(config, overrides);
    GenerateJob.Result result = GenerateJob.run(Sessions.getOrCreate("synthlake generate"), job);
    print(spec.commandLine().getOut(), result);
    return 0;
  }

  static void print(PrintWriter out, GenerateJob.Result result) {
    out.printf(Locale.ROOT, "table written: %s%n", result.output());
    out.printf(Locale.ROOT, "  %s, %,d rows of %s (rows %,d to %,d), seed %d, %d partitions%n", result.format(),
        result.rows(), result.table(), result.firstRow(), result.firstRow() + result.rows() - 1, result.seed(),
        result.partitions());
    if (result.conditions() != null) {
      out.printf(Locale.ROOT, "  %s%n", result.conditions());
    }
    if (result.augmented() != null) {
      out.printf(Locale.ROOT, "  %s%n", result.augmented());
    }
    out.printf(Locale.ROOT, "  seconds: %s (%,.0f rows/s)%n", result.seconds(), result.rowsPerSecond());
    out.flush();
  }
}
