package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every source the fit reads: formats, Hive-style partitions, Delta time travel, catalog tables, filters. */
class SourceFormatsTest extends SparkTestBase {
  private static Dataset<Row> people;

  @BeforeAll
  static void people() {
    people = spark.range(0, 400).select(
        expr("cast(id as int) as person"),
        expr("cast(20 + id % 50 as int) as age"),
        expr("case when id % 3 = 0 then 'north' when id % 3 = 1 then 'south' else 'west' end as region"),
        expr("cast(2020 + id % 4 as int) as year"),
        expr("round(rand(7) * 1000, 2) as spend"));
  }

  private static SynthModel fit(String... args) {
    String model = path("model-" + System.nanoTime() + ".json");
    String[] all = new String[args.length + 3];
    all[0] = "fit";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--model";
    all[args.length + 2] = model;
    CliRun run = synth(all);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return readModel(Path.of(model));
  }

  @Test
  void hivePartitionedParquetModelsThePartitionColumnsAndRecordsThem() {
    people.write().partitionBy("year", "region").parquet(path("partitioned"));
    SynthModel model = fit("--source", path("partitioned"));
    assertThat(model.columns()).extracting(ColumnModel::name)
        .containsExactlyInAnyOrder("person", "age", "spend", "year", "region");
    assertThat(model.source().partitionColumns()).containsExactly("year", "region");
    assertThat(model.source().format()).isEqualTo("parquet");
    assertThat(model.column("region").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(model.table()).isEqualTo("partitioned");
  }

  @Test
  void deltaTablesWithTimeTravel() throws Exception {
    String table = path("delta-people");
    people.limit(100).write().format("delta").save(table);
    people.write().format("delta").mode("append").save(table);
    // Delta finds a version by timestamp from its commit files' modification times: set them an hour apart
    // (within the table's retention) rather than waiting between the commits.
    java.nio.file.Path log = java.nio.file.Path.of(table, "_delta_log");
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    java.nio.file.Files.setLastModifiedTime(log.resolve("00000000000000000000.json"),
        java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));
    java.nio.file.Files.setLastModifiedTime(log.resolve("00000000000000000001.json"),
        java.nio.file.attribute.FileTime.from(now.minusSeconds(3600)));
    String between = now.minusSeconds(5400).toString();

    SynthModel latest = fit("--source", table);
    assertThat(latest.source().format()).isEqualTo("delta");
    assertThat(latest.source().deltaVersion()).isEqualTo(1L);
    assertThat(latest.source().rowCount()).isEqualTo(500);

    SynthModel first = fit("--source", table, "--delta-version", "0");
    assertThat(first.source().deltaVersion()).isZero();
    assertThat(first.source().rowCount()).isEqualTo(100);

    SynthModel asOf = fit("--source", table, "--delta-timestamp", between);
    assertThat(asOf.source().deltaVersion()).isZero();
    assertThat(asOf.source().rowCount()).isEqualTo(100);
  }

  @Test
  void csvWithInferredOrDeclaredSchemaOrcAndJson() {
    people.coalesce(1).write().option("header", "true").csv(path("csv"));
    SynthModel inferred = fit("--source", path("csv"));
    assertThat(inferred.source().format()).isEqualTo("csv");
    assertThat(inferred.column("age").orElseThrow().sparkType()).isEqualTo("int");
    SynthModel declared = fit("--source", path("csv"), "--schema",
        "person INT, age BIGINT, region STRING, year INT, spend DOUBLE");
    assertThat(declared.column("age").orElseThrow().sparkType()).isEqualTo("bigint");

    people.write().orc(path("orc"));
    assertThat(fit("--source", path("orc")).source().format()).isEqualTo("orc");
    people.write().json(path("json"));
    SynthModel json = fit("--source", path("json"));
    assertThat(json.source().format()).isEqualTo("json");
    assertThat(json.column("region").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void catalogTablesByName() {
    people.write().format("parquet").saveAsTable("people_catalog");
    SynthModel model = fit("--source", "people_catalog");
    assertThat(model.source().location()).isEqualTo("people_catalog");
    assertThat(model.source().format()).isEqualTo("table");
    assertThat(model.table()).isEqualTo("people_catalog");
    assertThat(model.source().rowCount()).isEqualTo(400);

    people.limit(50).write().format("delta").partitionBy("region").saveAsTable("people_delta");
    people.write().format("delta").mode("append").saveAsTable("people_delta");
    SynthModel delta = fit("--source", "people_delta");
    assertThat(delta.source().format()).isEqualTo("delta");
    assertThat(delta.source().deltaVersion()).isEqualTo(1L);
    assertThat(delta.source().partitionColumns()).containsExactly("region");
    SynthModel first = fit("--source", "people_delta", "--delta-version", "0");
    assertThat(first.source().rowCount()).isEqualTo(50);
  }

  @Test
  void anExplicitFormatReadsFilesWithOtherExtensions() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("txt-csv"));
    java.nio.file.Files.writeString(dir.resolve("part-1.txt"), "a,b\n1,x\n2,y\n3,x\n4,y\n5,x\n6,y\n");
    SynthModel model = fit("--source", dir.toString(), "--format", "csv", "--min-category-count", "2");
    assertThat(model.source().rowCount()).isEqualTo(6);
    CliRun undetected = synth("fit", "--source", dir.toString(), "--model", path("txt.json"));
    assertThat(undetected.exitCode()).isEqualTo(io.synthlake.errors.ExitCode.INPUT.code());
    assertThat(undetected.err()).contains("cannot tell the format of " + dir + " (unknown: 1 e.g. part-1.txt): "
        + "pass --format");
  }

  @Test
  void rowFilterAndSampleFraction() {
    people.write().parquet(path("filtered"));
    SynthModel filtered = fit("--source", path("filtered"), "--where", "region = 'north'");
    assertThat(filtered.source().rowCount()).isEqualTo(people.where(col("region").equalTo("north")).count());
    assertThat(filtered.source().where()).isEqualTo("region = 'north'");
    assertThat(filtered.column("region").orElseThrow().kind()).isEqualTo(ColumnKind.CONSTANT);

    SynthModel sampled = fit("--source", path("filtered"), "--sample-fraction", "0.5", "--seed", "1");
    assertThat(sampled.source().rowsProfiled()).isBetween(150L, 250L);
    // the sample depends on the rows, not on how they are laid out in files
    people.repartition(7).write().parquet(path("filtered-7"));
    SynthModel relaid = fit("--source", path("filtered-7"), "--sample-fraction", "0.5", "--seed", "1");
    assertThat(relaid.source().rowsProfiled()).isEqualTo(sampled.source().rowsProfiled());
    assertThat(relaid.columns()).isEqualTo(sampled.columns());
    assertThat(relaid.copula()).isEqualTo(sampled.copula());
    SynthModel otherSeed = fit("--source", path("filtered"), "--sample-fraction", "0.5", "--seed", "2");
    assertThat(otherSeed.columns()).isNotEqualTo(sampled.columns()); // another sample, other quantiles
    // the row count is estimated from the sample: profiled rows / fraction
    assertThat(sampled.source().rowCount()).isEqualTo(Math.round(sampled.source().rowsProfiled() / 0.5));
    assertThat(sampled.source().sampleFraction()).isEqualTo(0.5);
  }
}
