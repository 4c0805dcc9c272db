package io.synthlake.cli;

import io.synthlake.Version;
import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Failures;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code synth} command. Every failure ends in one line on stderr and a documented exit code (see
 * {@link ExitCode}); {@code --verbose} adds the stack trace.
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    versionProvider = SynthMain.VersionProvider.class,
    subcommands = {FitCommand.class, GenerateCommand.class, ValidateCommand.class, RunCommand.class,
        LakeCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
    description = {
        "Learns a statistical model of production tables with Spark and fills non-production lakes with synthetic "
            + "tables.",
        "",
        "Runs on the cluster given by spark-submit, or on an embedded local Spark using every core when no master "
            + "is configured (set spark.master, e.g. -Dspark.master=local[2], to choose)."},
    footerHeading = "%nExit codes:%n")
public final class SynthMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    SparkSession.getActiveSession().foreach(session -> {
      session.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs a command line, writing to the given streams; returns the exit code. Does not stop Spark. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new SynthMain())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(SynthMain::handleFailure)
        .setParameterExceptionHandler(SynthMain::handleUsageError);
    commandLine.getCommandSpec().usageMessage().footer(exitCodeTable());
    ConsoleLogging.quietUnlessVerbose(Arrays.asList(args).contains("--verbose"));
    boolean verbose = Arrays.asList(args).contains("--verbose");
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to handleFailure; an Error would end the JVM with a stack trace.
      return outOfMemory(e, err, verbose);
    } catch (Error e) {
      // A StackOverflowError in a parser, a LinkageError from a mismatched jar: still one line.
      return unexpected(e, err, verbose);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String exitCodeTable() {
    return Arrays.stream(ExitCode.values())
        .map(code -> String.format("  %d  %s", code.code(), code.meaning()))
        .collect(Collectors.joining("%n"));
  }

  private static int handleFailure(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = isVerbose(parseResult);
    if (error instanceof SynthException synth) {
      err.println("synth: error: " + synth.getMessage());
      if (verbose && synth.getCause() != null) {
        synth.getCause().printStackTrace(err);
      }
      err.flush();
      return synth.exitCode().code();
    }
    Optional<Failures.DataError> data = Failures.dataError(error);
    if (data.isPresent()) {
      // A value an expression could not process: Spark's message quotes it, so it is not printed.
      SynthException classified = data.get().toSynth(error, null, null);
      err.println("synth: error: " + classified.getMessage());
      if (verbose) {
        error.printStackTrace(err);
      }
      err.flush();
      return classified.exitCode().code();
    }
    if (Failures.causedBy(error, OutOfMemoryError.class)) {
      return outOfMemory(error, err, verbose);
    }
    return unexpected(error, err, verbose);
  }

  private static int unexpected(Throwable error, PrintWriter err, boolean verbose) {
    err.println("synth: unexpected failure: " + Failures.reason(error)
        + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
    if (verbose) {
      error.printStackTrace(err);
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }

  private static int outOfMemory(Throwable error, PrintWriter err, boolean verbose) {
    err.println("synth: unexpected failure: the driver ran out of memory (" + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB heap): raise it (SYNTH_DRIVER_MEMORY, spark-submit --driver-memory)"
        + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
    if (verbose) {
      error.printStackTrace(err);
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }

  private static boolean isVerbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static int handleUsageError(CommandLine.ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("synth: error: " + error.getMessage());
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCode.USAGE.code();
  }

  /** Prints the build's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.tool() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
    }
  }
}
