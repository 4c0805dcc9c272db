package io.synthlake.spark;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.errors.ExitCode;
import io.synthlake.model.Holdout;
import io.synthlake.model.SynthModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fit --holdout keeps a hash-chosen share of the rows out of every aggregate and records the rule; validate reads
 * exactly those rows back and measures the DCR share and a membership attack against them.
 */
class HoldoutTest extends SparkTestBase {
  private static final long ROWS = 4000;
  private static SynthModel model;
  private static JsonNode report;
  private static CliRun run;

  @BeforeAll
  static void fitGenerateAndValidate() throws Exception {
    spark.range(0, ROWS).select(expr("cast(id % 53 + 18 as int) as age"),
        expr("round(1000 * exp(0.3 * randn(3)), 2) as amount"),
        expr("element_at(array('a', 'b', 'c', 'd'), cast(pmod(id * 7, 4) as int) + 1) as segment"),
        expr("cast(rand(5) * 100 as int) as score"))
        .write().parquet(path("holdout-source"));
    Files.writeString(tmp.resolve("holdout.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        fit: {seed: 11, holdout: 0.2}
        output: {path: %s, format: parquet}
        generate: {scale: 1.0}
        validate: {report: %s}
        """.formatted(path("holdout-source"), path("holdout.model.json"), path("holdout-out"),
        path("holdout-report")));
    run = synth("run", "--config", path("holdout.yaml"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    model = readModel(Path.of(path("holdout.model.json")));
    report = new ObjectMapper().readTree(tmp.resolve("holdout-report/report.json").toFile()).path("privacy")
        .path("holdout");
  }

  @Test
  void theModelRecordsTheRuleAndSawOnlyTheRestOfTheRows() {
    Holdout holdout = model.source().holdout();
    assertThat(holdout.fraction()).isEqualTo(0.2);
    assertThat(holdout.columns()).containsExactly("age", "amount", "segment", "score");
    // Spark SQL's own xxhash64 over the same seed and columns, written as text: the rows fit did not see.
    long held = spark.read().parquet(path("holdout-source")).where(String.format(
        "pmod(xxhash64(cast(%d as bigint), age, amount, segment, score), %d) < %d", holdout.seed(),
        Holdout.BUCKETS, (long) (0.2 * Holdout.BUCKETS))).count();
    assertThat(held).isBetween((long) (0.2 * ROWS - 3 * Math.sqrt(ROWS * 0.16)),
        (long) (0.2 * ROWS + 3 * Math.sqrt(ROWS * 0.16)));
    assertThat(model.source().rowsProfiled()).isEqualTo(ROWS - held);
    assertThat(model.source().rowCount()).isEqualTo(ROWS - held);
    assertThat(report.path("holdout-rows").asLong()).isEqualTo(held);
    assertThat(report.path("training-rows").asLong()).isEqualTo(ROWS - held);
  }

  @Test
  void validateMeasuresTheDcrShareAndAMembershipAttackAgainstTheHeldOutRows() {
    assertThat(report.path("dcr-sample-rows").asInt()).isEqualTo(1000);
    assertThat(report.path("dcr-share").asDouble()).isBetween(0.4, 0.6);
    double auc = report.path("mia-auc").asDouble();
    assertThat(report.path("mia-advantage").asDouble()).isCloseTo(2 * auc - 1, within(1e-12));
    assertThat(Math.abs(report.path("mia-advantage").asDouble())).isLessThan(0.15);
    assertThat(run.out()).contains("privacy: against the").contains("held-out rows: DCR share");
  }

  @Test
  void theGatesBreachWithExitSevenAndAHoldoutOutOfRangeIsRefused() throws Exception {
    Files.writeString(tmp.resolve("holdout-gates.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        validate: {synthetic: %s, report: %s, gates: {max-dcr-share: 0.01, max-mia-advantage: 0.9}}
        """.formatted(path("holdout-source"), path("holdout.model.json"), path("holdout-out"),
        path("holdout-gated-report")));
    CliRun gated = synth("validate", "--config", path("holdout-gates.yaml"));
    assertThat(gated.exitCode()).as(gated.err()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(gated.err()).contains("is above validate.gates.max-dcr-share 0.0100")
        .doesNotContain("max-mia-advantage 0.9");
    CliRun refused = synth("fit", "--source", path("holdout-source"), "--model", path("never.json"), "--holdout",
        "0.7");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(refused.err()).contains("option --holdout: holdout must be between 0 (none) and 0.5, got 0.7");
    assertThat(Files.exists(Path.of(path("never.json")))).isFalse();
  }
}
