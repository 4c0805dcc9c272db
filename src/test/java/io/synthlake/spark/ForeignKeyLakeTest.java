package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Declared foreign keys: every child value is a synthetic parent key, spread over parents as in the source. */
class ForeignKeyLakeTest extends SparkTestBase {
  @Test
  void flightsPointAtSyntheticAirportsAsOftenAsTheRealOnesDo() throws IOException {
    Path flights = tmp.resolve("flights-5000.csv");
    Files.write(flights, Files.readAllLines(Path.of("data/lake/flights.csv")).subList(0, 5001));
    Path file = tmp.resolve("fk-lake.yaml");
    Files.writeString(file, "lake:\n  models: " + path("models") + "\n  output: " + path("tables") + "\n  reports: "
        + path("reports") + "\n  seed: 3\ndefaults:\n  source: {format: csv, options: {header: \"true\"}}\n"
        + "  generate: {scale: 1.0}\ntables:\n  flights:\n    source: {path: " + flights + "}\n    foreign-keys:\n"
        + "      - {columns: [origin], references: {table: airports, columns: [iata]}}\n"
        + "      - {columns: [destination], references: {table: airports, columns: [iata]}}\n"
        + "  airports:\n    source: {path: " + Path.of("data/lake/airports.csv").toAbsolutePath() + "}\n");
    CliRun run = synth("lake", "--config", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Parents first, whatever the file's order.
    assertThat(run.out().indexOf("airports (synthesize)")).isLessThan(run.out().indexOf("flights (synthesize)"));

    Dataset<Row> airports = spark.read().parquet(path("tables/airports"));
    Dataset<Row> synthetic = spark.read().parquet(path("tables/flights"));
    Dataset<Row> source = spark.read().option("header", "true").csv(flights.toString());
    assertThat(airports.select("iata").distinct().count()).isEqualTo(airports.count());
    Dataset<Row> keys = airports.select(functions.col("iata").as("code"));
    for (String column : List.of("origin", "destination")) {
      Dataset<Row> codes = synthetic.select(functions.col(column).as("code")).where(functions.col("code").isNotNull());
      assertThat(codes.except(keys).count()).as(column + " values that are no synthetic airport").isZero();
      assertThat(topShare(codes, 0.1, 3376)).as(column + ": share of flights at the busiest 10% of airports")
          .isCloseTo(topShare(source.select(functions.col(column).as("code")), 0.1, 3376), within(0.05));
      assertThat(codes.distinct().count() / (double) source.select(column).distinct().count())
          .as(column + ": airports with flights, synthetic over source").isCloseTo(1.0, within(0.15));
    }

    // A refresh that regenerates a parent regenerates its children too, even when their outputs look complete.
    org.apache.commons.io.FileUtils.deleteDirectory(Path.of(path("tables/airports")).toFile());
    CliRun again = synth("lake", "--config", file.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("airports (synthesize): fitted, generated 3,376 rows")
        .contains("flights (synthesize): fitted, generated 5,000 rows");
  }

  @Test
  void theColumnsOfACompositeKeyPointAtOneParentRowAndBadKeysAreNamed() throws IOException {
    // Parents: 400 rows keyed by (region, code), each unique on its own too; children reference them unevenly.
    StringBuilder parents = new StringBuilder("region,code,size\n");
    for (int i = 0; i < 400; i++) {
      parents.append(1000 + i).append(",C").append(String.format("%04d", (i * 7919) % 10_000)).append(',')
          .append(i % 13).append('\n');
    }
    StringBuilder children = new StringBuilder("id,region,code,amount\n");
    java.util.Random random = new java.util.Random(9);
    for (int c = 0; c < 3000; c++) {
      int parent = (int) Math.min(399, Math.floor(Math.pow(random.nextDouble(), 2.5) * 400));
      children.append(c).append(',').append(1000 + parent).append(",C")
          .append(String.format("%04d", (parent * 7919) % 10_000)).append(',').append(random.nextInt(500))
          .append('\n');
    }
    Path parentFile = tmp.resolve("regions.csv");
    Path childFile = tmp.resolve("orders.csv");
    Files.writeString(parentFile, parents);
    Files.writeString(childFile, children);
    String lake = "lake:\n  models: " + path("c-models") + "\n  output: " + path("c-tables") + "\n  reports: "
        + path("c-reports") + "\n  seed: 4\ndefaults:\n  source: {format: csv, options: {header: \"true\"}, "
        + "schema: %s}\n  generate: {scale: 1.0}\ntables:\n  regions:\n    source: {path: " + parentFile
        + ", schema: \"region INT, code STRING, size INT\"}\n  orders:\n    source: {path: " + childFile
        + ", schema: \"id INT, region INT, code STRING, amount INT\"}\n    foreign-keys:\n"
        + "      - {columns: [region, code], references: {table: regions, columns: [%s]}}\n";
    Path file = tmp.resolve("composite.yaml");
    Files.writeString(file, String.format(lake, "null", "region, code"));
    CliRun run = synth("lake", "--config", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Dataset<Row> regions = spark.read().parquet(path("c-tables/regions")).select("region", "code");
    Dataset<Row> orders = spark.read().parquet(path("c-tables/orders")).select("region", "code");
    assertThat(orders.count()).isEqualTo(3000);
    assertThat(orders.except(regions).count()).as("(region, code) pairs that are no synthetic region row").isZero();

    Path unknownColumn = tmp.resolve("unknown-column.yaml");
    Files.writeString(unknownColumn, String.format(lake, "null", "region, kode").replace("c-models", "u-models")
        .replace("c-tables", "u-tables").replace("c-reports", "u-reports"));
    CliRun unknown = synth("lake", "--config", unknownColumn.toString());
    assertThat(unknown.exitCode()).isEqualTo(io.synthlake.errors.ExitCode.CONFIG.code());
    // The referenced column is fitted as a key first: that is where it is found missing.
    assertThat(unknown.err()).contains("regions.csv has no column 'kode' (did you mean 'code'?)");
  }

  /** The share of the column's rows whose value is among the most frequent given share of all parents. */
  private static double topShare(Dataset<Row> codes, double parentShare, long parents) {
    List<Long> counts = codes.groupBy("code").count().orderBy(functions.col("count").desc())
        .select("count").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    long total = counts.stream().mapToLong(Long::longValue).sum();
    long top = counts.stream().limit((long) (parentShare * parents)).mapToLong(Long::longValue).sum();
    return top / (double) total;
  }
}
