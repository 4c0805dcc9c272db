package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.OutputFormat;
import io.synthlake.config.WriteMode;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.Sessions;
import io.synthlake.spark.validate.ValidateJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code synth demo}: the README's first command. Runs the bundled job (fit, generate to Parquet, validate) and
 * writes the same synthetic table as Delta beside it, replacing the outputs of earlier demo runs.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Fits the bundled UCI Adult table (jobs/adult.yaml), generates a synthetic copy as Parquet and as Delta "
            + "(replacing earlier demo outputs) and validates it against the source. Run it from the project "
            + "directory (scripts/synth demo does)."})
final class DemoCommand implements Callable<Integer> {
  static final String DELTA_SUFFIX = "-delta";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "JOB.yaml", defaultValue = "jobs/adult.yaml",
      description = "The demo job (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    JobConfig job = ConfigLoader.load(config, List.of(
        ConfigOverride.of("fit.overwrite-model", true, "demo"),
        ConfigOverride.of("output.mode", WriteMode.OVERWRITE.configName(), "demo")));
    SparkSession spark = Sessions.getOrCreate("synthlake demo");
    PrintWriter out = spec.commandLine().getOut();
    FitCommand.print(out, FitJob.run(spark, job));
    GenerateCommand.print(out, GenerateJob.run(spark, job));
    ValidateJob.Result validated = ValidateJob.run(spark, job);
    ValidateCommand.print(out, validated);
    OutputConfig parquet = job.output();
    OutputConfig delta = new OutputConfig(parquet.path().replaceAll("-parquet$", "") + DELTA_SUFFIX,
        OutputFormat.DELTA, parquet.partitionBy(), WriteMode.OVERWRITE, parquet.rowsPerFile(), null);
    GenerateCommand.print(out, GenerateJob.run(spark, new JobConfig(job.source(), job.model(), job.fit(),
        job.generate(), delta, job.validate(), job.pii())));
    out.printf("Read them with Spark, e.g. spark.read.parquet(\"%s\") or spark.read.format(\"delta\").load(\"%s\").%n",
        parquet.path(), delta.path());
    out.printf("The validation report is %s/report.html (open it in a browser); its figures are in report.json.%n",
        validated.reportDirectory());
    out.flush();
    return 0;
  }
}
