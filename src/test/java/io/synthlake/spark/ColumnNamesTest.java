package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column names that Spark would parse if they were not quoted (dots, backticks), that Delta and Hive refuse
 * without column mapping (space , ; = { } ( )), and non-ASCII ones, through fit, generate, validate and the
 * output formats.
 */
class ColumnNamesTest extends SparkTestBase {
  private static final int ROWS = 600;
  static final String NUMBER = "a.b";
  static final String CATEGORY = "tick`mark";
  static final String COUNT = "semi;colon";
  static final String EQUALS = "eq=sign";
  static final String COMMA = "com,ma";
  static final String UMLAUT = "größe";
  static final String KANJI = "名前";
  static final String EMAIL = "contact e.mail";
  static final String DATE = "start date";
  static final String TEXT = "free.text {x} (y)";
  static final String KEY = "`id`";
  static final List<String> NAMES = List.of(NUMBER, CATEGORY, COUNT, EQUALS, COMMA, UMLAUT, KANJI, EMAIL, DATE,
      TEXT, KEY);
  private static SynthModel model;

  @BeforeAll
  static void fitOddNames() {
    SplittableRandom random = new SplittableRandom(12);
    List<Row> rows = new ArrayList<>();
    String[] colours = {"red", "green", "blue", "grey"};
    String[] cities = {"東京", "Zürich", "São Paulo"};
    for (int i = 0; i < ROWS; i++) {
      double x = random.nextGaussian();
      rows.add(RowFactory.create(
          x * 10 + 50,
          colours[(int) Math.floor(Math.abs(x) * 1.5) % colours.length],
          random.nextInt(20),
          i % 2 == 0 ? "a=b" : "c;d",
          x + random.nextGaussian() * 0.3,
          150 + random.nextDouble() * 50,
          cities[i % cities.length],
          "person" + i + "@example.com",
          Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365))),
          "words " + random.nextInt(1_000_000) + " and more " + random.nextInt(1000),
          String.format("K-%05d", i)));
    }
    StructType schema = new StructType()
        .add(NUMBER, DataTypes.DoubleType)
        .add(CATEGORY, DataTypes.StringType)
        .add(COUNT, DataTypes.IntegerType)
        .add(EQUALS, DataTypes.StringType)
        .add(COMMA, DataTypes.DoubleType)
        .add(UMLAUT, DataTypes.DoubleType)
        .add(KANJI, DataTypes.StringType)
        .add(EMAIL, DataTypes.StringType)
        .add(DATE, DataTypes.DateType)
        .add(TEXT, DataTypes.StringType)
        .add(KEY, DataTypes.StringType);
    spark.createDataFrame(rows, schema).repartition(2).write().parquet(path("odd"));
    CliRun run = synth("fit", "--source", path("odd"), "--model", path("odd.json"), "--seed", "5");
    assertThat(run.exitCode()).as(run.err()).isZero();
    model = readModel(Path.of(path("odd.json")));
  }

  @Test
  void fitModelsEveryColumnUnderItsOwnName() {
    assertThat(model.columns()).extracting(ColumnModel::name).containsExactlyElementsOf(NAMES);
    assertThat(kind(EMAIL)).isEqualTo(ColumnKind.PII);
    assertThat(kind(CATEGORY)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(kind(KANJI)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(kind(TEXT)).isEqualTo(ColumnKind.TEXT);
    assertThat(kind(KEY)).isEqualTo(ColumnKind.IDENTIFIER);
    // The copula ran over the odd names: x and com,ma are strongly related.
    assertThat(model.copula().columns()).contains(NUMBER, COMMA, CATEGORY, UMLAUT, DATE);
    int a = model.copula().columns().indexOf(NUMBER);
    int b = model.copula().columns().indexOf(COMMA);
    assertThat(model.copula().correlation()[a][b]).isGreaterThan(0.8);
  }

  @Test
  void parquetAndCsvOutputsKeepTheNamesAndValidate() {
    CliRun parquet = synth("generate", "--model", path("odd.json"), "--rows", "500", "--output", path("odd-out"));
    assertThat(parquet.exitCode()).as(parquet.err()).isZero();
    assertThat(spark.read().parquet(path("odd-out")).columns()).containsExactlyElementsOf(NAMES);
    CliRun validate = synth("validate", "--source", path("odd"), "--synthetic", path("odd-out"), "--model",
        path("odd.json"), "--report", path("odd-report"));
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(Files.exists(Path.of(path("odd-report")))).isTrue();

    CliRun csv = synth("generate", "--model", path("odd.json"), "--rows", "500", "--output", path("odd-csv"),
        "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(spark.read().option("header", "true").csv(path("odd-csv")).columns())
        .containsExactlyElementsOf(NAMES);
    CliRun validateCsv = synth("validate", "--source", path("odd"), "--synthetic", path("odd-csv"),
        "--synthetic-format", "csv", "--report", path("odd-csv-report"));
    assertThat(validateCsv.exitCode()).as(validateCsv.err()).isZero();
  }

  @Test
  void partitionByAnOddName() {
    CliRun run = synth("generate", "--model", path("odd.json"), "--rows", "300", "--output", path("odd-parts"),
        "--partition-by", KANJI);
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] read = spark.read().parquet(path("odd-parts")).columns();
    assertThat(read).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(spark.read().parquet(path("odd-parts")).select(Columns.named(KANJI)).distinct().count())
        .isEqualTo(3);
  }

  @Test
  void deltaOutputKeepsTheNames() {
    CliRun run = synth("generate", "--model", path("odd.json"), "--rows", "200", "--output", path("odd-delta"),
        "--format", "delta");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(spark.read().format("delta").load(path("odd-delta")).columns()).containsExactlyElementsOf(NAMES);
    CliRun validate = synth("validate", "--source", path("odd"), "--synthetic", path("odd-delta"), "--report",
        path("odd-delta-report"));
    assertThat(validate.exitCode()).as(validate.err()).isZero();
  }

  @Test
  void namesEqualButForCaseFailBeforeAnyWorkInACaseInsensitiveSession() {
    spark.conf().set("spark.sql.caseSensitive", "true");
    try {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        rows.add(RowFactory.create(i * 1.0, "v" + (i % 3), i % 7));
      }
      StructType schema = new StructType().add("Size", DataTypes.DoubleType).add("colour", DataTypes.StringType)
          .add("size", DataTypes.IntegerType);
      spark.createDataFrame(rows, schema).write().parquet(path("cased"));
      CliRun sensitive = synth("fit", "--source", path("cased"), "--model", path("cased.json"));
      assertThat(sensitive.exitCode()).as(sensitive.err()).isZero();
      assertThat(readModel(Path.of(path("cased.json"))).columns()).extracting(ColumnModel::name)
          .containsExactly("Size", "colour", "size");
      CliRun generated = synth("generate", "--model", path("cased.json"), "--rows", "40", "--output",
          path("cased-out"));
      assertThat(generated.exitCode()).as(generated.err()).isZero();
      assertThat(spark.read().parquet(path("cased-out")).columns()).containsExactly("Size", "colour", "size");
    } finally {
      spark.conf().set("spark.sql.caseSensitive", "false");
    }
    CliRun fit = synth("fit", "--source", path("cased"), "--model", path("cased2.json"));
    assertThat(fit.exitCode()).isEqualTo(ExitCode.INPUT.code());
    assertThat(fit.err()).startsWith("synth: error: ").contains("'Size'", "'size'", "spark.sql.caseSensitive");
    assertThat(Files.exists(Path.of(path("cased2.json")))).isFalse();
    CliRun generate = synth("generate", "--model", path("cased.json"), "--rows", "40", "--output",
        path("cased-out2"));
    assertThat(generate.exitCode()).isEqualTo(ExitCode.OUTPUT.code());
    assertThat(generate.err()).contains("'Size'", "'size'", "spark.sql.caseSensitive");
    assertThat(Files.exists(Path.of(path("cased-out2")))).isFalse();
  }

  private static ColumnKind kind(String name) {
    return Stream.of(model.columns().toArray(ColumnModel[]::new)).filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow().kind();
  }
}
