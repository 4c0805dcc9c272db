package io.synthlake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelJsonTest {
  @Test
  void roundTripsEveryMarginalType() {
    SynthModel model = TestModels.everyMarginal();
    String json = ModelJson.write(model);
    SynthModel read = ModelJson.read(json, "test.json");
    assertThat(read).isEqualTo(model);
    assertThat(ModelJson.write(read)).isEqualTo(json);
  }

  @Test
  void isReadableJsonWithFormatVersionFirstAndShortTypeNames() {
    String json = ModelJson.write(TestModels.everyMarginal());
    assertThat(json).startsWith("{\n  \"format-version\": 1,\n");
    assertThat(json).contains("\"type\": \"numeric\"", "\"family\": \"empirical\"", "\"family\": \"gamma\"",
        "\"type\": \"categorical\"", "\"type\": \"constant\"", "\"type\": \"identifier\"", "\"type\": \"text\"",
        "\"type\": \"foreign-key\"",
        "\"kind\": \"integer\"", "\"null-fraction\": 0.05", "\"delta-version\": 12");
    assertThat(json).doesNotContain("io.synthlake", "java.", "@class");
    // one line per atom, category, note and correlation row
    assertThat(json).contains("{\"value\": 0.0, \"probability\": 0.9}",
        "{\"value\": \"Lyon \\\"centre\\\"\", \"probability\": 0.3}",
        "{\"column\": \"city\", \"message\": \"a column note\"}",
        "[1.0, 0.3, -0.2]");
    assertThat(json).endsWith("}\n");
  }

  @Test
  void refusesANewerFormatNamingBothVersions() {
    String json = ModelJson.write(TestModels.everyMarginal()).replace("\"format-version\": 1", "\"format-version\": 7");
    assertThatThrownBy(() -> ModelJson.read(json, "m.json"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage("model m.json has format-version 7, but this synthlake reads format-version 1 and older: "
            + "upgrade synthlake to read it");
  }

  @Test
  void explainsWhatIsWrongWithACorruptModel() {
    assertThatThrownBy(() -> ModelJson.read("{\"columns\": [", "m.json"))
        .hasMessageStartingWith("model m.json is not valid JSON");
    assertThatThrownBy(() -> ModelJson.read("[1, 2]", "m.json"))
        .hasMessage("model m.json is not a JSON object: is it a synthlake model file?");
    assertThatThrownBy(() -> ModelJson.read("{\"table\": \"x\"}", "m.json"))
        .hasMessage("model m.json has no integer 'format-version': is it a synthlake model file?");
    String json = ModelJson.write(TestModels.everyMarginal());
    assertThatThrownBy(() -> ModelJson.read(json.replace("\"type\": \"text\"", "\"type\": \"poetry\""), "m.json"))
        .hasMessageStartingWith("model m.json is invalid at columns[6].marginal: ")
        .hasMessageContaining("poetry");
    assertThatThrownBy(() -> ModelJson.read(json.replace("\"probability\": 0.6", "\"probability\": 0.9"), "m.json"))
        .hasMessageContaining("columns[2].marginal")
        .hasMessageContaining("category probabilities must add up to 1");
    assertThatThrownBy(() -> ModelJson.read(json.replace("[1.0, 0.3, -0.2]", "[1.0, 0.4, -0.2]"), "m.json"))
        .hasMessageContaining("the correlation matrix must be symmetric");
    assertThatThrownBy(() -> ModelJson.read(json.replace("\"table\": \"orders\"", "\"tabel\": \"orders\""),
        "m.json"))
        .hasMessage("model m.json is invalid at the top level: table is required");
    assertThatThrownBy(() -> ModelJson.read(json.replace("\"table\": \"orders\",", "\"table\": \"orders\", "
        + "\"colour\": 1,"), "m.json"))
        .hasMessageStartingWith("model m.json is invalid at colour: Unrecognized field \"colour\"");
  }
}
