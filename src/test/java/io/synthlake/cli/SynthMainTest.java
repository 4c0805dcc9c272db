package io.synthlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
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
