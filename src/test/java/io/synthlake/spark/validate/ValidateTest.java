package io.synthlake.spark.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.errors.ExitCode;
import io.synthlake.spark.SparkTestBase;
import io.synthlake.validate.ColumnDistribution;
import io.synthlake.validate.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** synth validate end to end on the bundled Adult data: exact cases, a shuffled copy, and bad input. */
class ValidateTest extends SparkTestBase {
  private static final String ADULT_SCHEMA = "age INT, workclass STRING, fnlwgt INT, education STRING, "
      + "`education-num` INT, `marital-status` STRING, occupation STRING, relationship STRING, race STRING, "
      + "sex STRING, `capital-gain` INT, `capital-loss` INT, `hours-per-week` INT, `native-country` STRING, "
      + "income STRING";
  private static String source;
  private static Dataset<Row> adult;

  @BeforeAll
  static void writeSource() {
    adult = spark.read().option("header", "true").schema(ADULT_SCHEMA).csv("data/adult/adult.csv").limit(4000)
        .cache();
    source = path("source");
    adult.write().parquet(source);
  }

  private static JsonNode validate(String synthetic, String report) throws IOException {
    CliRun run = synth("validate", "--source", source, "--synthetic", synthetic, "--report", report);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("report written: " + report);
    return new ObjectMapper().readTree(Files.readString(Path.of(report, "report.json")));
  }

  @Test
  void identicalTablesScoreOneEverywhere() throws IOException {
    String copy = path("copy");
    adult.write().parquet(copy);
    JsonNode report = validate(copy, path("identical-report"));
    assertThat(report.at("/classic/overall").asDouble()).isCloseTo(1.0, within(1e-12));
    assertThat(report.at("/current/overall").asDouble()).isCloseTo(1.0, within(1e-12));
    assertThat(report.at("/classic/pairs-scored").asInt()).isEqualTo(105);
    for (JsonNode column : report.get("columns")) {
      assertThat(column.get("score").asDouble()).as(column.get("column").asText()).isCloseTo(1.0, within(1e-12));
      assertThat(column.get("missing-value-similarity").asDouble()).isEqualTo(1.0);
      if (column.get("sdtype").asText().equals("numerical")) {
        assertThat(column.get("boundary-adherence").asDouble()).isEqualTo(1.0);
      } else {
        assertThat(column.get("category-adherence").asDouble()).isEqualTo(1.0);
      }
    }
    for (JsonNode pair : report.get("pairs")) {
      assertThat(pair.get("classic").asDouble()).isCloseTo(1.0, within(1e-12));
    }
    assertThat(report.get("source-rows").asLong()).isEqualTo(4000);
    // Every row of an identical table is a copy (duplicated source rows count once per synthetic row).
    assertThat(report.at("/privacy/exact-copies").asLong()).isEqualTo(4000);
    assertThat(report.at("/privacy/exact-copy-share").asDouble()).isEqualTo(1.0);
  }

  @Test
  void exactCopiesAreCountedWithMissingValuesEqualAndGatedByTheirShare() throws IOException {
    // 300 source rows copied among 1,000 rows whose ages are shifted beyond any source age (never a copy).
    Dataset<Row> copied = adult.limit(300);
    Dataset<Row> shifted = adult.limit(700).withColumn("age", functions.col("age").plus(1000));
    String mixed = path("mixed");
    copied.union(shifted).write().parquet(mixed);
    Path job = tmp.resolve("copies.yaml");
    Files.writeString(job, "validate:\n  gates:\n    max-exact-copy-share: 0.1\n");
    String report = path("mixed-report");
    CliRun run = synth("validate", "--config", job.toString(), "--source", source, "--synthetic", mixed,
        "--report", report);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(run.err()).contains("exact-copy share 0.3000 is above validate.gates.max-exact-copy-share 0.1000");
    JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(report, "report.json")));
    // Some of the 300 copied rows have nulls (workclass, occupation, native-country): they still count.
    assertThat(json.at("/privacy/exact-copies").asLong()).isEqualTo(300);
    // Only the 300 unshifted ages lie inside the source's age range.
    assertThat(json.at("/columns/0/column").asText()).isEqualTo("age");
    assertThat(json.at("/columns/0/boundary-adherence").asDouble()).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void privacyChecksMeasureDistancesRareCategoriesAndProtectedBoundsAndGateOnThem() throws IOException {
    String copy = path("privacy-copy");
    adult.write().parquet(copy);
    Path job = tmp.resolve("privacy.yaml");
    Files.writeString(job, "validate:\n  dcr-sample-rows: 300\n  gates:\n    min-dcr-protection: 0.5\n"
        + "    max-rare-categories: 0\n    max-beyond-bounds: 0\n");
    String report = path("privacy-report");
    String history = path("score-history");
    CliRun run = synth("validate", "--config", job.toString(), "--source", source, "--synthetic", copy,
        "--report", report, "--history", history);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.QUALITY.code());
    JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(report, "report.json")));
    JsonNode privacy = json.get("privacy");
    assertThat(json.get("gate-breaches")).hasSize(3);

    // Every sampled row of a copy is a source record: distance 0, no protection; random rows are far.
    JsonNode dcr = privacy.get("distance-to-closest-record");
    assertThat(dcr.get("sample-rows").asInt()).isEqualTo(300);
    assertThat(dcr.get("synthetic-median").asDouble()).isZero();
    assertThat(dcr.at("/synthetic-deciles/10").asDouble()).isZero();
    assertThat(dcr.get("baseline-median").asDouble()).isBetween(0.2, 1.0);
    assertThat(dcr.get("baseline-protection").asDouble()).isZero();

    // The copy holds every rare category and every value beyond the k-th extremes (k = fit's default, 5).
    long rare = 0;
    long beyond = 0;
    for (org.apache.spark.sql.types.StructField field : adult.schema().fields()) {
      String name = field.name();
      if (field.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
        rare += adult.where(functions.col("`" + name + "`").isNotNull()).groupBy(functions.col("`" + name + "`"))
            .count().where(functions.col("count").lt(5)).count();
      } else {
        List<Integer> sorted = adult.where(functions.col("`" + name + "`").isNotNull())
            .select(functions.col("`" + name + "`")).as(org.apache.spark.sql.Encoders.INT()).collectAsList()
            .stream().sorted().toList();
        int low = sorted.get(4);
        int high = sorted.get(sorted.size() - 5);
        beyond += sorted.stream().filter(v -> v < low || v > high).count();
        // The chart's bins, counted on the cluster, are the core's bins counted here.
        JsonNode distribution = columnNamed(json, name).get("distribution");
        List<String> labels = new ArrayList<>();
        distribution.get("labels").forEach(label -> labels.add(label.asText()));
        double[] shares = new double[labels.size()];
        for (int value : sorted) {
          String bin = ColumnDistribution.binOf(value, low, high);
          int at = bin.equals(ColumnDistribution.BELOW) ? 0 : bin.equals(ColumnDistribution.ABOVE)
              ? labels.size() - 1 : Integer.parseInt(bin) + 1;
          shares[at] += 1.0 / sorted.size();
        }
        for (int i = 0; i < shares.length; i++) {
          assertThat(distribution.at("/source/" + i).asDouble()).as(name + " bin " + i)
              .isCloseTo(shares[i], within(1e-9));
          assertThat(distribution.at("/synthetic/" + i).asDouble()).isCloseTo(shares[i], within(1e-9));
        }
      }
    }
    assertThat(rare).isPositive();
    assertThat(privacy.at("/rare-categories/min-category-count").asInt()).isEqualTo(5);
    assertThat(privacy.at("/rare-categories/categories").asLong()).isEqualTo(rare);
    assertThat(beyond).isPositive();
    assertThat(privacy.at("/beyond-bounds/bound-rank").asInt()).isEqualTo(5);
    assertThat(privacy.at("/beyond-bounds/values").asLong()).isEqualTo(beyond);

    // Each run appends one row to the score history, a Delta table; a run without DCR has none to record.
    CliRun again = synth("validate", "--source", source, "--synthetic", copy, "--report", path("privacy-report-2"),
        "--history", history, "--config", job.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(Files.isDirectory(Path.of(history, "_delta_log"))).isTrue();
    List<Row> runs = spark.read().format("delta").load(history).orderBy("report").collectAsList();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).<String>getAs("report")).isEqualTo(report);
    assertThat(runs.get(0).<Double>getAs("overall_classic")).isCloseTo(1.0, within(1e-12));
    assertThat(runs.get(0).<Double>getAs("dcr_baseline_protection")).isZero();
    assertThat(runs.get(0).<Integer>getAs("gate_breaches")).isEqualTo(3);
    assertThat(runs.get(0).<Long>getAs("values_beyond_bounds")).isEqualTo(beyond);

    assertThat(run.err())
        .contains("DCR baseline protection 0.0000 is below validate.gates.min-dcr-protection 0.5000")
        .contains(rare + " source categories seen fewer than 5 times appear in the output")
        .contains(beyond + " synthetic values lie beyond the source's protected bounds");
  }

  @Test
  void aColumnShuffledCopyKeepsItsShapesAndFallsToTheIndependenceFloor() throws Exception {
    List<Row> rows = adult.collectAsList();
    int width = adult.schema().size();
    List<List<Object>> columns = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      List<Object> values = new ArrayList<>();
      for (Row row : rows) {
        values.add(row.get(c));
      }
      Collections.shuffle(values, new Random(100 + c));
      columns.add(values);
    }
    List<Row> shuffled = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] values = new Object[width];
      for (int c = 0; c < width; c++) {
        values[c] = columns.get(c).get(i);
      }
      shuffled.add(RowFactory.create(values));
    }
    String copy = path("shuffled");
    spark.createDataFrame(shuffled, adult.schema()).write().parquet(copy);
    JsonNode report = validate(copy, path("shuffled-report"));
    assertThat(report.at("/classic/column-shapes").asDouble()).isCloseTo(1.0, within(1e-12));
    double pairs = report.at("/classic/column-pair-trends").asDouble();
    double floor = report.at("/classic/independence-floor").asDouble();
    assertThat(pairs).isLessThan(0.97);
    // A finite shuffled copy sits near the floor (the limit of infinitely many rows), a little below it.
    assertThat(pairs).isCloseTo(floor, within(0.02));
    assertThat(report.at("/current/column-pair-trends").asDouble()).isLessThan(pairs);

    // report.html, rendered in a real browser: its script ran, and every chart is in the final DOM.
    String dom = HeadlessChromium.dumpDom(Path.of(path("shuffled-report"), "report.html"), tmp);
    assertThat(dom).contains("data-rendered=\"yes\"").contains("<h1>Validation report: ");
    assertThat(occurrences(dom, "<svg class=\"chart distribution ")).isEqualTo(15);
    assertThat(occurrences(dom, "<svg class=\"chart distribution histogram\"")).isEqualTo(6);
    for (String matrix : List.of("source", "synthetic", "difference")) {
      assertThat(dom).contains("<svg class=\"chart heatmap\" data-matrix=\"" + matrix + "\"");
    }
    // 15 columns: 15 x 15 cells, each naming its pair, in each of the three heat maps.
    assertThat(occurrences(dom, " × ")).isEqualTo(3 * 15 * 15);
    assertThat(dom).contains("<svg class=\"chart dcr\"").contains("id=\"worst-pairs\"")
        .contains("No quality or privacy gate was breached.");
  }

  private static JsonNode columnNamed(JsonNode report, String name) {
    for (JsonNode column : report.get("columns")) {
      if (column.get("column").asText().equals(name)) {
        return column;
      }
    }
    throw new AssertionError("no column " + name + " in the report");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Test
  void differentSchemasAreRefusedNamingEveryDifference() {
    String other = path("other-schema");
    adult.drop("race").withColumn("age", functions.col("age").cast("string")).withColumn("bonus", functions.lit(1))
        .write().parquet(other);
    CliRun run = synth("validate", "--source", source, "--synthetic", other, "--report", path("r1"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INPUT.code());
    assertThat(run.err()).contains("synthetic table " + other + " does not have the source's columns: "
        + "column age is string, the source's is int; missing column race; extra column bonus");
  }

  @Test
  void emptyOrMissingSyntheticTablesAreRefused() {
    String empty = path("empty");
    adult.limit(0).write().parquet(empty);
    CliRun run = synth("validate", "--source", source, "--synthetic", empty, "--report", path("r2"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INPUT.code());
    assertThat(run.err()).contains("synthetic table " + empty + " has no rows");
    CliRun missing = synth("validate", "--source", source, "--synthetic", path("nothing-here"), "--report",
        path("r3"));
    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(ExitCode.INPUT.code());
    assertThat(missing.err()).contains("nothing-here");
    assertThat(Files.exists(Path.of(path("r3"), "report.json"))).isFalse();
  }

  @Test
  void breachedThresholdsFailWithExitCodeSevenAfterWritingTheReport() throws IOException {
    String copy = path("gated");
    adult.limit(2000).write().parquet(copy);
    Path job = tmp.resolve("gated.yaml");
    Files.writeString(job, "validate:\n  gates:\n    min-overall: 0.5\n    min-column-shapes: 0.9999\n");
    String report = path("gated-report");
    CliRun run = synth("validate", "--config", job.toString(), "--source", source, "--synthetic", copy,
        "--report", report);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(run.err()).containsOnlyOnce("quality gate failed")
        .containsPattern("column shapes 0\\.9\\d{3} is below validate.gates.min-column-shapes 0\\.9999");
    assertThat(Files.exists(Path.of(report, "report.json"))).isTrue();
  }
}
