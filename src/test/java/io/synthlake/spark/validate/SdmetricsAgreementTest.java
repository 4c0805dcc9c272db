package io.synthlake.spark.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.spark.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * validate's scores against an independent implementation of SDMetrics 0.29's formulas (quality_score.py, run
 * once on the same files; its output is in src/test/resources/quality): the bundled real tables, synthetic tables
 * that synthlake generated from them, and their SDV metadata.
 */
class SdmetricsAgreementTest extends SparkTestBase {
  private static final double TOLERANCE = 1e-6;

  @ParameterizedTest
  @CsvSource({"seattle_weather, data/seattle_weather/seattle_weather.csv",
      "breast_cancer, data/breast_cancer/breast_cancer.csv",
      "adult, data/adult/adult.csv",
      "communities_crime, data/communities_crime/communities_crime_400.csv"})
  void scoresAgreeWithAnIndependentImplementation(String name, String real) throws IOException {
    String report = path(name + "-report");
    CliRun run = synth("validate", "--source", real, "--synthetic", "src/test/resources/quality/" + name
        + ".synthetic.csv", "--synthetic-format", "csv", "--metadata", "data/" + name + "/" + name
        + ".metadata.json", "--report", report);
    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode ours = json.readTree(Files.readString(Path.of(report, "report.json")));
    JsonNode expected = json.readTree(Files.readString(Path.of("src/test/resources/quality", name
        + ".expected.json")));
    for (String mode : new String[] {"classic", "current"}) {
      assertThat(ours.at("/" + mode + "/overall").asDouble()).as(mode)
          .isCloseTo(expected.at("/" + mode + "/overall").asDouble(), within(TOLERANCE));
      assertThat(ours.at("/" + mode + "/column-shapes").asDouble())
          .isCloseTo(expected.at("/" + mode + "/column_shapes").asDouble(), within(TOLERANCE));
      assertThat(ours.at("/" + mode + "/column-pair-trends").asDouble())
          .isCloseTo(expected.at("/" + mode + "/column_pair_trends").asDouble(), within(TOLERANCE));
      assertThat(ours.at("/" + mode + "/pairs-scored").asInt()).isEqualTo(expected.at("/" + mode
          + "/pairs_scored").asInt());
    }
    for (JsonNode column : ours.get("columns")) {
      assertThat(column.get("score").asDouble()).as(column.get("column").asText())
          .isCloseTo(expected.get("columns").get(column.get("column").asText()).asDouble(), within(TOLERANCE));
    }
    Map<String, JsonNode> pairs = new HashMap<>();
    for (JsonNode pair : ours.get("pairs")) {
      pairs.put(pair.get("column-1").asText() + "|" + pair.get("column-2").asText(), pair);
    }
    for (JsonNode pair : expected.get("pairs")) {
      JsonNode mine = pairs.get(pair.get(0).asText() + "|" + pair.get(1).asText());
      assertThat(mine).as(pair.toString()).isNotNull();
      for (int mode = 0; mode < 2; mode++) {
        JsonNode theirs = pair.get(2 + mode);
        JsonNode score = mine.get(mode == 0 ? "classic" : "current");
        assertThat(score.isNull()).as("%s %s", pair, mode).isEqualTo(theirs.isNull());
        if (!theirs.isNull()) {
          assertThat(score.asDouble()).as(pair.toString()).isCloseTo(theirs.asDouble(), within(TOLERANCE));
        }
      }
    }
  }
}
