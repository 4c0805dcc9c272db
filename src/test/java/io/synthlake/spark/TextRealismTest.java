package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.text.SemanticType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Made-up strings end to end. A crafted table of film titles (capitalised words, most titles unique, some rare
 * words and rare titles that are sensitive), distributors (a few frequent, several rare ones that are sensitive)
 * and lower-case notes; and the bundled airports of the sample lake. Fit builds word models and finds semantic
 * types; generate makes values of real words that never equal a rare source value; validate reports the share of
 * known words beside the source's own.
 */
class TextRealismTest extends SparkTestBase {
  private static final String[] WORDS = {"The", "Last", "Night", "River", "Blue", "Summer", "Long", "Road", "House",
      "Dark", "City", "Lost", "Garden", "King", "Star", "Winter", "Little", "Secret", "Red", "Island"};
  private static final String[] DISTRIBUTORS = {"Paramount Pictures", "Warner Bros", "Universal", "Columbia",
      "Lionsgate", "Miramax"};
  private static final List<String> RARE_DISTRIBUTORS = List.of("Secretive Holdings Ltd", "Quiet Partners LLC",
      "Hollow Oak Films", "Kvorzhak Media", "Mirelund Releasing", "Blackquill Entertainment");
  private static final List<String> RARE_TITLES = List.of("Kvorzhak Mirelund Affair", "Operation Blackquill",
      "The Zhavronok Dossier");
  private static final String[] NOTE_WORDS = {"called", "about", "the", "bill", "no", "answer", "left", "a",
      "message", "will", "call", "back", "asked", "for", "refund", "sent", "invoice", "again"};
  private static final int ROWS = 3000;
  private static final Map<String, Integer> SOURCE_COUNTS = new HashMap<>();
  private static SynthModel films;
  private static List<Row> generated;
  private static JsonNode filmReport;
  private static JsonNode airportReport;

  @BeforeAll
  static void fitGenerateAndValidate() throws Exception {
    Random random = new Random(23);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String title = i < 4 ? RARE_TITLES.get(i % RARE_TITLES.size()) : words(random, WORDS, 2 + random.nextInt(3),
          " ");
      String distributor = i < 8 ? RARE_DISTRIBUTORS.get(i % RARE_DISTRIBUTORS.size())
          : DISTRIBUTORS[random.nextInt(DISTRIBUTORS.length)];
      String note = i == 0 ? "asked jdoe about acct 4417 2231" : words(random, NOTE_WORDS, 3 + random.nextInt(5),
          " ");
      rows.add(RowFactory.create(title, distributor, note, 1 + random.nextInt(50)));
      for (String value : new String[] {title, distributor, note}) {
        SOURCE_COUNTS.merge(value, 1, Integer::sum);
      }
    }
    StructType schema = new StructType().add("title", DataTypes.StringType).add("distributor", DataTypes.StringType)
        .add("summary", DataTypes.StringType).add("screens", DataTypes.IntegerType);
    spark.createDataFrame(rows, schema).write().parquet(path("films-source"));
    Files.writeString(tmp.resolve("films.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        fit: {seed: 3}
        output: {path: %s, format: parquet}
        generate: {rows: 6000}
        validate: {report: %s}
        """.formatted(path("films-source"), path("films.model.json"), path("films-out"), path("films-report")));
    CliRun run = synth("run", "--config", path("films.yaml"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("text: lowest share of known words");
    films = readModel(Path.of(path("films.model.json")));
    Dataset<Row> out = spark.read().parquet(path("films-out"));
    generated = out.collectAsList();
    filmReport = new ObjectMapper().readTree(tmp.resolve("films-report/report.json").toFile()).path("text");

    Files.writeString(tmp.resolve("airports.yaml"), """
        source: {path: data/lake/airports.csv, format: csv, options: {header: "true"}}
        model: %s
        output: {path: %s, format: parquet}
        generate: {scale: 1.0}
        validate: {report: %s}
        """.formatted(path("airports.model.json"), path("airports-out"), path("airports-report")));
    CliRun airports = synth("run", "--config", path("airports.yaml"));
    assertThat(airports.exitCode()).as(airports.err()).isZero();
    airportReport = new ObjectMapper().readTree(tmp.resolve("airports-report/report.json").toFile()).path("text");
  }

  private static String words(Random random, String[] words, int count, String separator) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(words[random.nextInt(words.length)]);
    }
    return String.join(separator, picked);
  }

  @Test
  void fitBuildsWordModelsAndFindsSemanticTypesWithoutStoringARareWord() throws Exception {
    TextMarginal title = (TextMarginal) films.column("title").orElseThrow().marginal();
    assertThat(title.words()).isNotNull();
    assertThat(title.semantic().type()).isEqualTo(SemanticType.TITLE);
    CategoricalMarginal distributor = (CategoricalMarginal) films.column("distributor").orElseThrow().marginal();
    assertThat(distributor.other().semantic().type()).isEqualTo(SemanticType.COMPANY);
    assertThat(((TextMarginal) films.column("summary").orElseThrow().marginal()).semantic()).isNull();
    String json = Files.readString(Path.of(path("films.model.json")));
    for (String rare : new String[] {"Kvorzhak", "Mirelund", "Blackquill", "Zhavronok", "Dossier", "Secretive",
        "jdoe", "4417", "Hollow"}) {
      assertThat(json).as(rare).doesNotContain(rare);
    }
  }

  @Test
  void noGeneratedValueEqualsARareSourceValue() {
    Set<String> rare = SOURCE_COUNTS.entrySet().stream().filter(e -> e.getValue() < 5).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    assertThat(rare).hasSizeGreaterThan(1000).containsAll(RARE_TITLES).containsAll(RARE_DISTRIBUTORS);
    assertThat(generated).hasSize(6000);
    int madeUpDistributors = 0;
    for (Row row : generated) {
      for (int column = 0; column < 3; column++) {
        assertThat(rare).as("column %d", column).doesNotContain(row.getString(column));
      }
      if (!List.of(DISTRIBUTORS).contains(row.getString(1))) {
        madeUpDistributors++;
      }
    }
    // The folded share (8 of 3,000 rows) comes back as made-up company names, not as the rare ones.
    assertThat(madeUpDistributors).isBetween(2, 60);
  }

  @Test
  void madeUpWordLikeValuesAreRealWordsAndTheReportSaysSo() {
    Map<String, JsonNode> byColumn = columns(filmReport);
    assertThat(byColumn.keySet()).containsExactlyInAnyOrder("title", "distributor", "summary");
    for (String column : List.of("title", "summary", "distributor")) {
      JsonNode text = byColumn.get(column);
      assertThat(text.path("synthetic-share").asDouble()).as(column).isGreaterThanOrEqualTo(0.95);
      assertThat(text.path("synthetic-without-known-word").asDouble()).as(column).isZero();
    }
    assertThat(byColumn.get("title").path("made-up-by").asText()).isEqualTo("word model");
    assertThat(byColumn.get("distributor").path("made-up-by").asText()).isEqualTo("semantic company");
    // Common source values are each seen at least min-count times: never a rare one.
    for (JsonNode value : byColumn.get("distributor").path("common-source-values")) {
      assertThat(SOURCE_COUNTS.get(value.asText())).isGreaterThanOrEqualTo(5);
    }
    assertThat(byColumn.get("distributor").path("synthetic-sample")).isNotEmpty()
        .allSatisfy(v -> assertThat(List.of(DISTRIBUTORS)).doesNotContain(v.asText()));
  }

  @Test
  void airportNamesAndCitiesScoreAtLeastTheSourcesOwnShareOfKnownWords() {
    Map<String, JsonNode> byColumn = columns(airportReport);
    for (String column : List.of("name", "city")) {
      JsonNode text = byColumn.get(column);
      double source = text.path("source-share").asDouble();
      assertThat(source).as(column).isBetween(0.5, 0.9);
      assertThat(text.path("synthetic-share").asDouble()).as(column).isGreaterThanOrEqualTo(source - 0.05);
      assertThat(text.path("synthetic-without-known-word").asDouble()).as(column).isLessThan(0.01);
    }
    assertThat(byColumn.get("city").path("made-up-by").asText()).isEqualTo("semantic city");
  }

  private static Map<String, JsonNode> columns(JsonNode report) {
    Map<String, JsonNode> byColumn = new HashMap<>();
    report.path("columns").forEach(c -> byColumn.put(c.path("column").asText(), c));
    return byColumn;
  }
}
