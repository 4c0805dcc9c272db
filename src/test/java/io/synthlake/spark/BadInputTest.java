package io.synthlake.spark;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ModelJson;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each bad input named by the fit issue: a one-line message naming what is wrong, and its exit code. */
class BadInputTest extends SparkTestBase {
  private static String good;

  @BeforeAll
  static void goodSource() {
    good = path("good");
    spark.range(0, 200).select(expr("cast(id % 20 as int) as age"), expr("concat('c', id % 4) as city"))
        .write().parquet(good);
  }

  private static void assertFails(CliRun run, ExitCode code, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code.code());
    assertThat(run.err()).startsWith("synth: error: ").contains(message).doesNotContain("\n\tat ");
    assertThat(run.err().lines().count()).isEqualTo(code == ExitCode.USAGE ? 2 : 1);
  }

  @Test
  void missingPath() {
    assertFails(synth("fit", "--source", path("nowhere/at/all"), "--model", path("m.json")), ExitCode.INPUT,
        "source " + path("nowhere/at/all") + " does not exist (neither a path nor a catalog table)");
  }

  @Test
  void emptyTable() {
    StructType schema = new StructType().add("x", DataTypes.IntegerType);
    spark.createDataFrame(List.<Row>of(), schema).write().parquet(path("empty"));
    assertFails(synth("fit", "--source", path("empty"), "--model", path("m.json")), ExitCode.INPUT,
        "source " + path("empty") + " has no rows");
    assertFails(synth("fit", "--source", good, "--where", "age > 1000", "--model", path("m.json")),
        ExitCode.INPUT, "has no rows matching where 'age > 1000'");
  }

  @Test
  void directoryWithoutDataFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("hollow/_temporary"));
    Files.writeString(tmp.resolve("hollow/_SUCCESS"), "");
    Files.writeString(dir.resolve("part-0.parquet"), "x");
    assertFails(synth("fit", "--source", path("hollow"), "--model", path("m.json")), ExitCode.INPUT,
        "source " + path("hollow") + " has no data files (only hidden or empty entries)");
  }

  @Test
  void corruptOrForeignParquetFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("corrupt"));
    Files.copy(Files.list(Path.of(good)).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(),
        dir.resolve("part-0.parquet"));
    Files.writeString(dir.resolve("part-1.parquet"), "this is not parquet at all");
    assertFails(synth("fit", "--source", dir.toString(), "--model", path("m.json")), ExitCode.INPUT,
        "file " + dir.toUri().toString().replaceFirst("/$", "").replace("file:///", "file:/")
            + "/part-1.parquet is not a Parquet file (no PAR1 magic bytes): remove or replace it");
  }

  @Test
  void truncatedParquetFooterFailsDuringTheScanWithOneLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("truncated"));
    Path original = Files.list(Path.of(good)).filter(p -> p.toString().endsWith(".parquet")).findFirst()
        .orElseThrow();
    byte[] bytes = Files.readAllBytes(original);
    byte[] broken = new byte[bytes.length];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    for (int i = 8; i < bytes.length - 12; i++) {
      broken[i] = 0x7f; // keeps the magic bytes, destroys pages and footer
    }
    Files.write(dir.resolve("part-0.parquet"), broken);
    CliRun run = synth("fit", "--source", dir.toString(), "--model", path("m.json"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INPUT.code());
    assertThat(run.err()).startsWith("synth: error: cannot read ").hasLineCount(1);
  }

  @Test
  void unsupportedTypesAreSkippedOrAnError() {
    spark.range(0, 50).select(expr("cast(id as int) as n"), expr("array(id) as tags"), expr("map('k', id) as m"))
        .write().parquet(path("nested"));
    CliRun skipped = synth("fit", "--source", path("nested"), "--model", path("nested.json"));
    assertThat(skipped.exitCode()).as(skipped.err()).isZero();
    assertThat(readModel(Path.of(path("nested.json"))).columns()).hasSize(1);
    assertFails(synth("fit", "--source", path("nested"), "--model", path("nested2.json"), "--unsupported-types",
        "error"), ExitCode.INPUT, "has columns of unsupported types: tags (array<bigint>), m (map<string,bigint>); "
        + "drop them, or set fit.unsupported-types: skip to leave them out");
  }

  @Test
  void allNullColumnIsModelledAsNull() {
    spark.range(0, 50).select(expr("cast(id as int) as n"), expr("cast(null as double) as gone"))
        .write().parquet(path("allnull"));
    CliRun run = synth("fit", "--source", path("allnull"), "--model", path("allnull.json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    SynthModel model = readModel(Path.of(path("allnull.json")));
    assertThat(model.column("gone").orElseThrow().kind()).isEqualTo(ColumnKind.CONSTANT);
    assertThat(model.column("gone").orElseThrow().nullFraction()).isEqualTo(1.0);
    assertThat(model.notes()).anyMatch(n -> "gone".equals(n.column()) && n.message().contains("null in every row"));
  }

  @Test
  void nanAndInfinityAreKeptTreatedAsNullOrAnError() {
    Dataset<Row> frame = spark.createDataFrame(java.util.stream.IntStream.range(0, 100)
        .mapToObj(i -> RowFactory.create(i % 10 == 0 ? Double.NaN : i % 25 == 1 ? Double.POSITIVE_INFINITY : i * 1.0))
        .toList(), new StructType().add("x", DataTypes.DoubleType));
    frame.write().parquet(path("nonfinite"));
    CliRun kept = synth("fit", "--source", path("nonfinite"), "--model", path("nf1.json"));
    assertThat(kept.exitCode()).as(kept.err()).isZero();
    NumericMarginal marginal = (NumericMarginal) readModel(Path.of(path("nf1.json"))).column("x").orElseThrow()
        .marginal();
    assertThat(marginal.nonFinite().nan()).isEqualTo(0.1);
    assertThat(marginal.nonFinite().positiveInfinity()).isEqualTo(0.04);

    CliRun asNull = synth("fit", "--source", path("nonfinite"), "--model", path("nf2.json"), "--non-finite", "null");
    assertThat(asNull.exitCode()).as(asNull.err()).isZero();
    assertThat(readModel(Path.of(path("nf2.json"))).column("x").orElseThrow().nullFraction()).isEqualTo(0.14);

    assertFails(synth("fit", "--source", path("nonfinite"), "--model", path("nf3.json"), "--non-finite", "error"),
        ExitCode.INPUT, "non-finite values in x (10 NaN, 4 +Infinity, 0 -Infinity)");
  }

  @Test
  void configTyposAndWrongTypes() throws Exception {
    Path job = tmp.resolve("typo.yaml");
    Files.writeString(job, "source:\n  path: " + good + "\nfit:\n  min-categroy-count: 3\n  bound-rank: many\n");
    assertFails(synth("fit", "--config", job.toString(), "--model", path("m.json")), ExitCode.CONFIG,
        "line 4: unknown key 'fit.min-categroy-count' (did you mean 'min-category-count'?); "
            + "line 5: fit.bound-rank must be an integer, got 'many'");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--marginals", "magic"), ExitCode.CONFIG,
        "option --marginals: fit.marginals: 'magic' is not one of empirical, parametric, auto");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--seed", "x"), ExitCode.USAGE,
        "Invalid value for option '--seed': 'x' is not a long");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--bogus"), ExitCode.USAGE,
        "Unknown option: '--bogus'");
  }

  @Test
  void overridesForMissingColumnsOrImpossibleKinds() {
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--kind", "cty=categorical"),
        ExitCode.CONFIG, "fit.columns.cty: source " + good + " has no column 'cty' (did you mean 'city'?)");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--kind", "city=continuous"),
        ExitCode.CONFIG, "fit.columns.city.kind: a column of type string cannot be modelled as continuous");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--semantic", "age=city"),
        ExitCode.CONFIG, "fit.columns.age.semantic: column 'age' has type int; semantic types describe strings");
    assertFails(synth("fit", "--source", good, "--model", path("m.json"), "--semantic", "city=town"),
        ExitCode.CONFIG, "unknown semantic type 'town' (expected one of city, country, country-code, state, "
            + "state-code, street, postcode, company, product, title, code, none)");
    assertThat(Files.exists(Path.of(path("m.json")))).isFalse();
  }

  @Test
  void modelPathThatCannotBeWrittenOrAlreadyExists() throws Exception {
    Files.writeString(tmp.resolve("a-file"), "x");
    assertFails(synth("fit", "--source", good, "--model", path("a-file/model.json")), ExitCode.OUTPUT,
        "cannot write model " + path("a-file/model.json"));
    String existing = path("exists.json");
    Files.writeString(Path.of(existing), "previous model");
    // Only a synthlake model is ever replaced, with or without --overwrite.
    assertFails(synth("fit", "--source", good, "--model", existing), ExitCode.OUTPUT,
        "model path " + existing + " holds a file that is not a synthlake model");
    assertFails(synth("fit", "--source", good, "--model", existing, "--overwrite"), ExitCode.OUTPUT,
        "model path " + existing + " holds a file that is not a synthlake model");
    assertThat(Files.readString(Path.of(existing))).isEqualTo("previous model");
    Files.delete(Path.of(existing));
    assertThat(synth("fit", "--source", good, "--model", existing).exitCode()).isZero();
    assertFails(synth("fit", "--source", good, "--model", existing), ExitCode.OUTPUT,
        "model " + existing + " already exists: pass --overwrite (or set fit.overwrite-model: true) to replace it");
    CliRun overwrite = synth("fit", "--source", good, "--model", existing, "--overwrite");
    assertThat(overwrite.exitCode()).as(overwrite.err()).isZero();
    assertThat(readModel(Path.of(existing)).columns()).hasSize(2);
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".exists.json"));
    }
  }

  @Test
  void failedFitLeavesThePreviousModelIntact() throws Exception {
    String existing = path("kept.json");
    String previous = ModelJson.write(TestModels.everyMarginal());
    Files.writeString(Path.of(existing), previous);
    CliRun run = synth("fit", "--source", good, "--model", existing, "--overwrite", "--where", "no_such_column > 1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(run.err()).contains("source.where: 'no_such_column' is not a column of " + good);
    assertThat(Files.readString(Path.of(existing))).isEqualTo(previous);
  }

  @Test
  void noSourceOrNoModelPath() {
    assertFails(synth("fit", "--model", path("m.json")), ExitCode.CONFIG,
        "no source: pass --source PATH_OR_TABLE or set source.path or source.table in the job file");
    assertFails(synth("fit", "--source", good), ExitCode.CONFIG,
        "no model path: pass --model OUT.json or set model in the job file");
  }

  @Test
  void newerOrCorruptModelFilesAreRefusedOnRead() throws Exception {
    Path newer = tmp.resolve("newer.json");
    Files.writeString(newer, ModelJson.write(TestModels.everyMarginal()).replace("\"format-version\": 1",
        "\"format-version\": 2"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> readModel(newer))
        .isInstanceOf(io.synthlake.errors.SynthException.class)
        .hasMessage("model " + newer + " has format-version 2, but this synthlake reads format-version 1 and older: "
            + "upgrade synthlake to read it");
  }
}
