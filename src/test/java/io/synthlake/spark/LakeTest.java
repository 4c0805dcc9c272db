package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** synth lake on the bundled sample lake: modes, resume, --only and --phase, and bad lake files. */
class LakeTest extends SparkTestBase {
  private static Path flights;

  @BeforeAll
  static void sampleFlights() throws IOException {
    // The first 3,000 of the 20,000 flights keep the test quick.
    flights = tmp.resolve("flights-3000.csv");
    Files.write(flights, Files.readAllLines(Path.of("data/lake/flights.csv")).subList(0, 3001));
  }

  private static Path lakeFile(String name, String lakeSettings, String tables) throws IOException {
    Path file = tmp.resolve(name + ".yaml");
    Files.writeString(file, "lake:\n  models: " + path(name + "/models") + "\n  output: " + path(name + "/tables")
        + "\n  reports: " + path(name + "/reports") + "\n  seed: 7\n" + lakeSettings
        + "defaults:\n  source: {format: csv, options: {header: \"true\"}}\n  generate: {scale: 1.0}\n"
        + "tables:\n" + tables);
    return file;
  }

  private static final String TWO_TABLES = "  airports:\n    mode: copy\n    source: {path: "
      + Path.of("data/lake/airports.csv").toAbsolutePath() + "}\n  flights:\n    source: {path: %s}\n"
      + "    fit: {rare-categories: drop}\n";

  @Test
  void copiesAndSynthesizesEachTableThenResumesWithoutRedoingCompleteOnes() throws IOException {
    // A third table synthesizes the airports, whose primary key must come out unique.
    Path file = lakeFile("lake", "", String.format(TWO_TABLES, flights) + "  synthetic_airports:\n    source: {path: "
        + Path.of("data/lake/airports.csv").toAbsolutePath() + "}\n");
    CliRun first = synth("lake", "--config", file.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("3 tables").contains("airports (copy): copied 3,376 rows")
        .contains("flights (synthesize): fitted, generated 3,000 rows, validated (overall 0.")
        .contains("synthetic_airports (synthesize): fitted, generated 3,376 rows");
    Dataset<Row> keys = spark.read().parquet(path("lake/tables/synthetic_airports")).select("iata");
    assertThat(keys.where(functions.col("iata").isNull()).count()).isZero();
    assertThat(keys.distinct().count()).isEqualTo(3376);

    // RFC 4180, as synthlake reads CSV: "W. H. ""Bud"" Barron" is one name with quotes in it.
    Dataset<Row> source = spark.read().option("header", "true").option("escape", "\"")
        .csv("data/lake/airports.csv");
    Dataset<Row> copied = spark.read().parquet(path("lake/tables/airports"));
    assertThat(copied.count()).isEqualTo(3376);
    assertThat(copied.exceptAll(source).count()).isZero();
    Dataset<Row> synthetic = spark.read().parquet(path("lake/tables/flights"));
    assertThat(synthetic.count()).isEqualTo(3000);
    // Without declared keys yet, dropping rare codes keeps every generated airport code a real one.
    Dataset<Row> codes = copied.select(functions.col("iata").as("code"));
    for (String column : List.of("origin", "destination")) {
      assertThat(synthetic.select(functions.col(column).as("code")).distinct().except(codes).count())
          .as(column).isZero();
    }
    assertThat(Files.exists(Path.of(path("lake/reports/flights"), "report.html"))).isTrue();

    Path model = Path.of(path("lake/models/flights.model.json"));
    FileTime fitted = Files.getLastModifiedTime(model);
    CliRun again = synth("lake", "--config", file.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("flights (synthesize): fit skipped (output complete for the current model), "
        + "generate skipped (output complete for the current model and seed), validate skipped (report exists)");
    assertThat(Files.getLastModifiedTime(model)).isEqualTo(fitted);

    // One phase of one table.
    CliRun validateOnly = synth("lake", "--config", file.toString(), "--only", "flights", "--phase", "validate");
    assertThat(validateOnly.exitCode()).as(validateOnly.err()).isZero();
    assertThat(validateOnly.out()).contains("1 table").contains("flights (synthesize): validated (overall 0.")
        .doesNotContain("airports");
  }

  @Test
  void badLakeFilesAreRefusedNamingTheTableAndKey() throws IOException {
    Path twoTables = lakeFile("bad-only", "", String.format(TWO_TABLES, flights));
    CliRun unknown = synth("lake", "--config", twoTables.toString(), "--only", "flight");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(unknown.err()).contains("--only names table 'flight', which the lake file does not have")
        .contains("did you mean 'flights'");

    Path shared = lakeFile("shared", "", "  a:\n    source: {path: " + flights + "}\n    output: {path: "
        + path("same") + "}\n  b:\n    source: {path: " + flights + "}\n    output: {path: " + path("same") + "/}\n"
        + "  c:\n    mode: mask\n    source: {path: " + flights + "}\n");
    CliRun duplicate = synth("lake", "--config", shared.toString());
    assertThat(duplicate.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(duplicate.err()).contains("tables a and b both write to " + path("same"));

    Path tooLarge = lakeFile("too-large", "  copy-max-rows: 100\n", String.format(TWO_TABLES, flights));
    CliRun copy = synth("lake", "--config", tooLarge.toString());
    assertThat(copy.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(copy.err()).contains("table airports has 3,376 rows, more than lake.copy-max-rows 100 allows");
    assertThat(Files.exists(Path.of(path("too-large/tables/airports")))).isFalse();

    Path typo = lakeFile("typo", "", "  flights:\n    mode: synthesise\n    source: {path: " + flights + "}\n"
        + "    fit: {quantile-knot: 9}\n");
    CliRun typos = synth("lake", "--config", typo.toString());
    assertThat(typos.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(typos.err()).contains("'synthesise' is not one of synthesize, copy, mask, skip")
        .contains("tables.flights.fit.quantile-knot");
  }
}
