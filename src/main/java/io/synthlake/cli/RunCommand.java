package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.io.JobPaths;
import io.synthlake.spark.Sessions;
import io.synthlake.spark.io.SyntheticWriter;
import io.synthlake.spark.validate.ValidateJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code synth run}: fit, generate and validate the table of one job file, in one Spark application. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs a job file end to end in one Spark application: fit (source -> model), generate (model -> "
            + "synthetic table), then validate (synthetic vs source -> report.json). Options override the job "
            + "file; the job-file key of each is shown in brackets."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  synth run --config jobs/adult.yaml --overwrite --mode overwrite",
        "  synth run --config jobs/adult.yaml --overwrite --scale 0.1 --format delta --mode overwrite "
            + "--output out/adult/sample-delta"})
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "JOB.yaml", required = true,
      description = "Job file with source, model, fit, generate and output sections (see conf/example-job.yaml).")
  Path config;

  @Option(names = "--overwrite", description = "Replace an existing model file. [fit.overwrite-model]")
  Boolean overwrite;

  @Mixin GenerateOptions options;

  @Option(names = "--skip-validate", description = "Stop after generate; write no report.")
  boolean skipValidate;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    List<ConfigOverride> overrides = new ArrayList<>(options.overrides());
    GenerateOptions.add(overrides, "fit.overwrite-model", overwrite, "--overwrite");
    JobConfig job = ConfigLoader.load(config, overrides);
    if (job.output().path() == null) {
      throw io.synthlake.errors.SynthException.config("config %s: run needs output.path (or --output PATH)",
          config);
    }
    FitCommand.warn(spec.commandLine().getErr(), "", job);
    SparkSession spark = Sessions.getOrCreate("synthlake run");
    PrintWriter out = spec.commandLine().getOut();
    // Every path of every step, and the output's owner, are checked before the fit scans anything.
    JobPaths.check(spark, job, skipValidate ? EnumSet.of(JobPaths.Step.FIT, JobPaths.Step.GENERATE)
        : EnumSet.allOf(JobPaths.Step.class));
    if (!skipValidate) {
      ValidateJob.checkWritable(spark, job, job.output().path());
    }
    SyntheticWriter.inspect(spark, job.output());
    FitJob.Result fitted = FitJob.run(spark, job);
    FitCommand.print(out, fitted);
    GenerateJob.Result generated = GenerateJob.run(spark, job);
    GenerateCommand.print(out, generated);
    if (skipValidate) {
      return 0;
    }
    ValidateJob.Result validated = ValidateJob.run(spark, job);
    ValidateCommand.print(out, validated);
    return ValidateCommand.gateExit(spec.commandLine().getErr(), validated);
  }
}
