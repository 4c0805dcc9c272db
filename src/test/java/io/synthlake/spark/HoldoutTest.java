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
  private static JsonNode ml;
  private static CliRun run;

  @BeforeAll
  static void fitGenerateAndValidate() throws Exception {
    spark.range(0, ROWS).select(expr("cast(id % 53 + 18 as int) as age"),
        expr("round(1000 * exp(0.3 * randn(3)), 2) as amount"),
        expr("element_at(array('a', 'b', 'c', 'd'), cast(pmod(id * 7, 4) as int) + 1) as segment"),
        expr("cast(rand(5) * 100 as int) as score"),
        expr("case when (id % 53 + 18) + 8 * randn(9) > 45 then 'high' else 'low' end as band"))
        .write().parquet(path("holdout-source"));
    Files.writeString(tmp.resolve("holdout.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        fit: {seed: 11, holdout: 0.2}
        output: {path: %s, format: parquet}
        generate: {scale: 1.0}
        validate: {report: %s, target: band}
        """.formatted(path("holdout-source"), path("holdout.model.json"), path("holdout-out"),
        path("holdout-report")));
    run = synth("run", "--config", path("holdout.yaml"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    model = readModel(Path.of(path("holdout.model.json")));
    JsonNode json = new ObjectMapper().readTree(tmp.resolve("holdout-report/report.json").toFile());
    report = json.path("privacy").path("holdout");
    ml = json.path("ml-utility");
  }

  @Test
  void theModelRecordsTheRuleAndSawOnlyTheRestOfTheRows() {
    Holdout holdout = model.source().holdout();
    assertThat(holdout.fraction()).isEqualTo(0.2);
    assertThat(holdout.columns()).containsExactly("age", "amount", "segment", "score", "band");
    // Spark SQL's own xxhash64 over the same seed and columns, written as text: the rows fit did not see.
    long held = spark.read().parquet(path("holdout-source")).where(String.format(
        "pmod(xxhash64(cast(%d as bigint), age, amount, segment, score, band), %d) < %d", holdout.seed(),
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
  void modelsTrainedOnSyntheticRowsPredictTheHeldOutRowsAlmostAsWellAsModelsTrainedOnRealOnes() {
    assertThat(ml.path("task").asText()).isEqualTo("classification");
    assertThat(ml.path("test-rows").asLong()).isEqualTo(report.path("holdout-rows").asLong());
    assertThat(ml.path("features")).hasSize(4);
    assertThat(ml.path("models")).hasSize(2).allSatisfy(model -> {
      assertThat(model.path("measure").asText()).isEqualTo("auc");
      // age decides band up to noise: real training rows give an AUC near 0.9.
      assertThat(model.path("real").path("auc").asDouble()).as(model.toString()).isGreaterThan(0.8);
      assertThat(model.path("ratio").asDouble()).as(model.toString()).isGreaterThan(0.9);
      assertThat(model.path("synthetic").path("recall:high").asDouble()).isBetween(0.0, 1.0);
    });
    assertThat(ml.path("models").get(0).path("model").asText()).isEqualTo("logistic-regression");
    assertThat(ml.path("models").get(1).path("model").asText()).isEqualTo("gradient-boosted-trees");
    assertThat(run.out()).contains("ml utility: gradient-boosted-trees auc of band");
  }

  @Test
  void aTargetOfSeveralLabelsIsJudgedByF1WithARandomForest() throws Exception {
    CliRun several = synth("validate", "--source", path("holdout-source"), "--synthetic", path("holdout-out"),
        "--model", path("holdout.model.json"), "--target", "segment", "--report", path("segment-report"));
    assertThat(several.exitCode()).as(several.err()).isZero();
    JsonNode segment = new ObjectMapper().readTree(tmp.resolve("segment-report/report.json").toFile())
        .path("ml-utility");
    assertThat(segment.path("models")).extracting(m -> m.path("model").asText() + ":" + m.path("measure").asText())
        .containsExactly("logistic-regression:f1", "random-forest:f1");
    // segment is a function of the row index alone: no column predicts it, real or synthetic.
    assertThat(segment.path("models").get(0).path("real").path("recall:a").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void mlUtilityNeedsAScoredTargetAndAModelThatHeldRowsOut() throws Exception {
    CliRun plain = synth("fit", "--source", path("holdout-source"), "--model", path("plain.model.json"));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    CliRun noHoldout = synth("validate", "--source", path("holdout-source"), "--synthetic", path("holdout-out"),
        "--model", path("plain.model.json"), "--target", "band", "--report", path("never-report"));
    assertThat(noHoldout.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(noHoldout.err()).contains("validate.target band needs real rows the model never saw: fit with "
        + "--holdout");
    CliRun missing = synth("validate", "--source", path("holdout-source"), "--synthetic", path("holdout-out"),
        "--model", path("holdout.model.json"), "--target", "bnad", "--report", path("never-report"));
    assertThat(missing.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(missing.err()).contains("has no scored column 'bnad'").contains("did you mean 'band'?");
    assertThat(Files.exists(Path.of(path("never-report")))).isFalse();
  }

  @Test
  void theGatesBreachWithExitSevenAndAHoldoutOutOfRangeIsRefused() throws Exception {
    Files.writeString(tmp.resolve("holdout-gates.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        validate: {synthetic: %s, report: %s, gates: {max-dcr-share: 0.01, max-mia-advantage: 0.9,
          min-ml-utility: 0.5}}
        """.formatted(path("holdout-source"), path("holdout.model.json"), path("holdout-out"),
        path("holdout-gated-report")));
    CliRun gated = synth("validate", "--config", path("holdout-gates.yaml"));
    assertThat(gated.exitCode()).as(gated.err()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(gated.err()).contains("is above validate.gates.max-dcr-share 0.0100")
        .doesNotContain("max-mia-advantage 0.9")
        .contains("ML utility was not measured (validate.target is not set); validate.gates.min-ml-utility");
    CliRun refused = synth("fit", "--source", path("holdout-source"), "--model", path("never.json"), "--holdout",
        "0.7");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(refused.err()).contains("option --holdout: holdout must be between 0 (none) and 0.5, got 0.7");
    assertThat(Files.exists(Path.of(path("never.json")))).isFalse();
  }
}
