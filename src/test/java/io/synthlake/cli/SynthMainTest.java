package io.synthlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import io.synthlake.validate.RuleKind;
import io.synthlake.validate.RuleReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthMainTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SynthMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theRulesLineNamesTheLowestAdherenceAndNeverRoundsABreakTo100Percent() {
    RuleReport.KindCounts tested = new RuleReport.KindCounts(4, 3, 2, 1, 0, 0);
    RuleReport.LeftOut none = new RuleReport.LeftOut(0, 0, 0, 0, 0, 0, 0, 0);
    RuleReport.RuleResult rule = new RuleReport.RuleResult("a -> b", RuleKind.DEPENDENCY, 10, 0, 10_000, 1,
        0.9999);
    assertThat(ValidateCommand.rulesLine(new RuleReport(5, 0.9999, 0.9999, "a -> b", tested, tested, 0, none,
        List.of(rule)))).isEqualTo("1 found on the source, lowest adherence 99.99% (a -> b)");
    assertThat(ValidateCommand.rulesLine(new RuleReport(5, null, null, null, tested, tested, 0, none,
        List.of(rule)))).isEqualTo("1 found on the source, none applies to a synthetic row");
    assertThat(ValidateCommand.rulesLine(new RuleReport(5, null, null, null, tested, tested, 0, none,
        List.of()))).isEqualTo("none found on the source (10 candidates tested)");
    assertThat(ValidateCommand.percent(0.998)).isEqualTo("99.8%");
    assertThat(ValidateCommand.percent(1.0)).isEqualTo("100.0%");
  }

  @Test
  void helpListsCommandsAndEveryExitCode() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: synth", "fit", "Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(help.out()).contains(code.code() + "  " + code.meaning());
    }
    assertThat(run().out()).contains("Usage: synth");
  }

  @Test
  void fitHelpDocumentsEveryOptionWithItsJobFileKey() {
    Run help = run("fit", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--source", "--format", "--model", "--config", "--overwrite", "--where",
        "--sample-fraction", "--delta-version", "--delta-timestamp", "--schema", "--option", "--kind", "--seed",
        "--marginals", "--quantile-knots", "--min-category-count", "--max-categories", "--bound-rank",
        "--non-finite", "--unsupported-types", "--no-discover-rules", "[fit.min-category-count]",
        "[fit.discover-rules]", "Examples:");
  }

  @Test
  void versionNamesTheToolAndSpark() {
    Run version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("synthlake ")
        .contains("(Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run wrong = run("fitt");
    assertThat(wrong.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(wrong.err()).startsWith("synth: error: Unmatched argument at index 0: 'fitt'");
  }
}
