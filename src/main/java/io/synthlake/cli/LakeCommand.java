package io.synthlake.cli;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.LakeConfig;
import io.synthlake.config.TableMode;
import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.lake.KeyProposal;
import io.synthlake.pii.PiiColumn;
import io.synthlake.spark.lake.KeyProposer;
import io.synthlake.spark.lake.LakeJob;
import io.synthlake.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth lake}: refreshes the tables of a lake job file in one Spark application. */
@Command(
    name = "lake",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Refreshes a lake: for every table of the lake job file, in its order, fit, generate and validate "
            + "(mode synthesize, the default), copy the source as it is (mode copy, for small reference tables "
            + "within lake.copy-max-rows), keep its rows with personal data replaced (mode mask), or leave it "
            + "(mode skip), all in one Spark application.",
        "",
        "A table whose output is already complete for its current model and seed is skipped, so running a failed "
            + "refresh again resumes it. Each table's output is replaced atomically; a failure stops the refresh "
            + "and leaves the tables written so far, and the failed table's previous output, intact.",
        "",
        "Exit codes: 0 done, 7 a validate gate was breached (every table is still refreshed), 3 bad lake file, "
            + "4 unusable source, 5 output problem, 6 unreadable model."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  synth lake --config jobs/lake-demo.yaml",
        "  synth lake --config jobs/lake-demo.yaml --only flights --phase generate",
        "  synth lake --config jobs/lake-demo.yaml --propose"})
final class LakeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "LAKE.yaml", required = true,
      description = "Lake job file with lake, defaults and tables sections (see jobs/lake-demo.yaml).")
  Path config;

  @Option(names = "--only", paramLabel = "TABLE", split = ",",
      description = "Refresh only these tables (comma-separated names from the lake file).")
  List<String> only;

  @Option(names = "--phase", paramLabel = "PHASE",
      description = "Run one phase only: fit, generate or validate (default: all, in that order).")
  String phase;

  @Option(names = "--propose", description = "Write nothing: print the foreign keys and personal data found in "
      + "the sources, as lake-file entries to review and paste.")
  boolean propose;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    LakeJob.Phase chosen = phase(phase);
    LakeConfig lake = ConfigLoader.loadLake(config);
    if (propose) {
      if (only != null || phase != null) {
        throw new SynthException(ExitCode.USAGE, "--propose looks at every table and writes nothing; leave out "
            + "--only and --phase");
      }
      printProposals(KeyProposer.propose(Sessions.getOrCreate("synthlake lake --propose"), lake),
          spec.commandLine().getOut());
      return ExitCode.OK.code();
    }
    Set<String> tables = only == null ? Set.of() : new LinkedHashSet<>(only);
    if (chosen == null || chosen == LakeJob.Phase.FIT) {
      lake.tables().values().stream()
          .filter(t -> t.mode() == TableMode.SYNTHESIZE && (tables.isEmpty() || tables.contains(t.name())))
          .forEach(t -> FitCommand.warn(spec.commandLine().getErr(), "table " + t.name() + ": ", t.job()));
    }
    List<LakeJob.TableOutcome> outcomes = LakeJob.run(Sessions.getOrCreate("synthlake lake"), lake, tables, chosen);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "lake %s: %d %s%n", config, outcomes.size(), outcomes.size() == 1 ? "table" : "tables");
    for (LakeJob.TableOutcome outcome : outcomes) {
      out.printf(Locale.ROOT, "  %s (%s): %s%s%n", outcome.table(), outcome.mode().configName(), outcome.done(),
          outcome.seconds() > 0 ? String.format(Locale.ROOT, " in %.1f s", outcome.seconds()) : "");
      if (outcome.validation() != null) {
        out.printf(Locale.ROOT, "    report: %s/report.html%n", outcome.validation().reportDirectory());
      }
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    int breaches = 0;
    for (LakeJob.TableOutcome outcome : outcomes) {
      for (String breach : outcome.breaches()) {
        err.println("synth: quality gate failed: table " + outcome.table() + ": " + breach);
        breaches++;
      }
    }
    err.flush();
    return breaches == 0 ? 0 : ExitCode.QUALITY.code();
  }

  private void printProposals(KeyProposer.Proposals proposals, PrintWriter out) {
    out.printf("Found in the sources of %s. Review it, then paste what is right into the lake file.%n%n", config);
    if (proposals.keys().isEmpty()) {
      out.println("Foreign keys: none found beyond the declared ones (no other column has 95% of its values among "
          + "another table's unique keys).");
    } else {
      out.println("Foreign keys (at least 95% of the column's values are among another table's unique keys):");
      out.println("tables:");
      String table = null;
      for (KeyProposal key : proposals.keys()) {
        if (!key.childTable().equals(table)) {
          table = key.childTable();
          out.printf("  %s:%n    foreign-keys:%n", table);
        }
        out.println(key.yaml());
      }
    }
    out.println();
    out.println("Personal data (replaced by fake values; declare more in pii.columns, or clear a find with none):");
    proposals.personal().forEach((table, columns) -> {
      if (!columns.isEmpty()) {
        out.printf("  %s:%n    pii:%n      columns:%n", table);
        for (PiiColumn column : columns) {
          out.printf("        %s: %s  # by %s%n", column.column(), column.type().configName(),
              column.detectedBy());
        }
      }
    });
    if (proposals.personal().values().stream().allMatch(List::isEmpty)) {
      out.println("  none found");
    }
    out.flush();
  }

  private static LakeJob.Phase phase(String text) {
    if (text == null) {
      return null;
    }
    for (LakeJob.Phase candidate : LakeJob.Phase.values()) {
      if (candidate.configName().equals(text)) {
        return candidate;
      }
    }
    throw new SynthException(ExitCode.USAGE, "--phase must be fit, generate or validate, got '" + text + "'");
  }
}
