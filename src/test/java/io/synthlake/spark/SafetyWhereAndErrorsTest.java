package io.synthlake.spark;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthlake.config.GenerateConfig;
import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, the where filter and failures found while Spark runs: a refused or failing command prints one line
 * with its documented exit code, shows no secret or source value, and changes no file.
 */
class SafetyWhereAndErrorsTest extends SparkTestBase {
  private static String good;

  @BeforeAll
  static void goodSource() {
    good = path("good");
    spark.range(0, 200).select(expr("cast(id % 20 as int) as age"), expr("concat('c', id % 4) as city"))
        .write().parquet(good);
  }

  /** Runs a command that must fail, and checks its one line, its code, and that nothing was written. */
  private static String fails(ExitCode code, String model, String... args) {
    FileSnapshot input = FileSnapshot.of(Path.of(good));
    CliRun run = synth(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code.code());
    assertThat(run.err()).startsWith("synth: error: ").doesNotContain("\n");
    assertThat(Path.of(model)).doesNotExist();
    input.assertIdentical();
    return run.err();
  }

  private static String fitWhere(ExitCode code, String where) {
    String model = path("where-" + Integer.toHexString(where.hashCode()) + ".json");
    return fails(code, model, "fit", "--source", good, "--where", where, "--model", model);
  }

  @Test
  void reflectIsRefusedBeforeItRuns() {
    String err = fitWhere(ExitCode.CONFIG, "reflect('java.lang.System', 'getProperty', 'user.name') = 'x'");
    assertThat(err).startsWith("synth: error: source.where: function reflect is not allowed in a row filter; "
        + "allowed: column references, literals,").contains("lower").doesNotContain(System.getProperty("user.name")
            + "'");
    // Would have ended the test JVM (exit 0, no model) on the original code.
    assertThat(fitWhere(ExitCode.CONFIG, "age > 1 or reflect('java.lang.System', 'exit', 0) = 0"))
        .contains("function reflect is not allowed");
    assertThat(fitWhere(ExitCode.CONFIG, "java_method('java.lang.System', 'getenv', 'HOME') is not null"))
        .contains("function java_method is not allowed");
    assertThat(fitWhere(ExitCode.CONFIG, "assert_true(age > 100) is null"))
        .contains("function assert_true is not allowed");
    assertThat(fitWhere(ExitCode.CONFIG, "city = current_user()")).contains("function current_user is not allowed");
    assertThat(fitWhere(ExitCode.CONFIG, "input_file_name() like '%x%'"))
        .contains("function input_file_name is not allowed");
  }

  @Test
  void subqueriesStarsAndLambdasAreRefused() {
    assertThat(fitWhere(ExitCode.CONFIG, "city < (select max(value) from text.`/etc/passwd`)"))
        .contains("source.where: a subquery (SELECT, EXISTS or IN (SELECT ...)) is not allowed in a row filter")
        .doesNotContain("root:");
    assertThat(fitWhere(ExitCode.CONFIG, "exists (select 1 from text.`/etc/passwd`)")).contains("a subquery");
    assertThat(fitWhere(ExitCode.CONFIG, "city in (select value from text.`/etc/passwd`)")).contains("a subquery");
    assertThat(fitWhere(ExitCode.CONFIG, "size(array(age)) > 0")).contains("function size is not allowed");
    assertThat(fitWhere(ExitCode.CONFIG, "age in (1, city)")).contains("IN with a value that is not a literal");
    assertThat(fitWhere(ExitCode.CONFIG, "exists(array(age), x -> x > 1)")).contains("function exists");
    assertThat(fitWhere(ExitCode.CONFIG, "coalesce(transform(array(age), x -> x + 1)[0], 0) > 1"))
        .contains("is not allowed in a row filter");
  }

  @Test
  void variablesAreNeverExpanded() {
    System.setProperty("synthlake.test.secret", "s3cr3t-from-a-property");
    try {
      assertThat(fitWhere(ExitCode.CONFIG, "city = '${system:synthlake.test.secret}'"))
          .contains("source.where: variable references (${...}) are not allowed in a row filter")
          .doesNotContain("s3cr3t");
      assertThat(fitWhere(ExitCode.CONFIG, "city = '${env:PATH}'")).doesNotContain(System.getenv("PATH"));
    } finally {
      System.clearProperty("synthlake.test.secret");
    }
    // A session synthlake starts never substitutes, whatever the user configured.
    System.setProperty("spark.sql.variable.substitute", "true");
    try {
      assertThat(Sessions.conf("test").get("spark.sql.variable.substitute")).isEqualTo("false");
    } finally {
      System.clearProperty("spark.sql.variable.substitute");
    }
  }

  @Test
  void anAllowedFilterFiltersWithTheCheckedTree() {
    String model = path("filtered.json");
    CliRun run = synth("fit", "--source", good, "--where",
        "lower(city) in ('c1', 'c2') and age between 2 and 17 and not (city like '%9') and age % 2 = 1 "
            + "and case when age > 10 then true else cast(age as double) > 2.5 end and city is not null",
        "--model", model);
    assertThat(run.exitCode()).as(run.err()).isZero();
    // ages 3,5,...,17 (8 values) for ids with id % 4 in {1, 2}: odd ages need odd ids, so city c1 only: 80 rows
    assertThat(readModel(Path.of(model)).source().rowsProfiled()).isEqualTo(spark.read().parquet(good)
        .where("city in ('c1', 'c2') and age between 3 and 17 and age % 2 = 1").count());
  }

  @Test
  void aFilterThatFailsOnTheDataIsAConfigurationErrorWithoutTheValue() {
    String err = fitWhere(ExitCode.CONFIG, "cast(city as int) > 3");
    assertThat(err).startsWith("synth: error: source.where 'cast(city as int) > 3' fails on a value of source ")
        .contains("CAST_INVALID_INPUT: a STRING value cannot be cast to INT in 'cast(city as int)'")
        .doesNotContain("'c0'").doesNotContain("'c1'").doesNotContain("'c2'").doesNotContain("'c3'");
    assertThat(fitWhere(ExitCode.CONFIG, "age / (age - age) > 1")).contains("DIVIDE_BY_ZERO");
  }

  @Test
  void dataThatCannotBeProcessedIsAnInputError() {
    spark.read().parquet(good).selectExpr("cast(city as int) as n", "age").createOrReplaceTempView("casts_city");
    String model = path("view.json");
    String err = fails(ExitCode.INPUT, model, "fit", "--source", "casts_city", "--model", model);
    assertThat(err).startsWith("synth: error: source casts_city holds a value that cannot be processed: "
        + "CAST_INVALID_INPUT").doesNotContain("'c0'").doesNotContain("'c1'");
  }

  @Test
  void verboseShowsTheCauseOfAnErrorAndSparkStaysQuietWithoutIt() throws Exception {
    Path csv = tmp.resolve("plain.csv");
    Files.writeString(csv, "age,city\n1,a\n");
    String model = path("schema.json");
    CliRun run = synth("fit", "--source", csv.toString(), "--schema", "age INTT", "--model", model, "--verbose");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(run.err()).startsWith("synth: error: source.schema 'age INTT' is not a valid DDL schema")
        .contains("\n\tat ");
    CliRun quiet = synth("fit", "--source", csv.toString(), "--schema", "age INTT", "--model", model);
    assertThat(quiet.err()).doesNotContain("\n");
    assertThat(LogManager.getLogger("org.apache.spark.scheduler.DAGScheduler").getLevel()).isEqualTo(Level.OFF);
  }

  @Test
  void aModelTooLargeForMemoryIsAnUnreadableModel() {
    assertThatThrownBy(() -> Failures.readingModel("huge.json", () -> {
      throw new OutOfMemoryError("Java heap space");
    })).isInstanceOfSatisfying(SynthException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.MODEL);
      assertThat(e.getMessage()).startsWith("model huge.json does not fit in the driver's memory (");
      assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
    });
  }

  @Test
  void yamlAliasesAreRefusedInJobAndLakeFiles() throws Exception {
    Path job = tmp.resolve("alias-job.yaml");
    Files.writeString(job, "source:\n  path: &src " + good + "\nmodel: " + path("alias.json") + "\nfit:\n"
        + "  seed: 1\noutput:\n  path: *src\n");
    String err = fails(ExitCode.CONFIG, path("alias.json"), "fit", "--config", job.toString());
    assertThat(err).isEqualTo("synth: error: config " + job + " line 7: YAML aliases (*src) are not supported: "
        + "write the value out in full");
    Path lake = tmp.resolve("alias-lake.yaml");
    Files.writeString(lake, "lake:\n  models: " + path("alias-models") + "\n  output: " + path("alias-out")
        + "\ndefaults: &d\n  fit: {seed: 1}\ntables:\n  people:\n    source: {path: " + good + "}\n"
        + "  other: *d\n");
    assertThat(fails(ExitCode.CONFIG, path("alias-models"), "lake", "--config", lake.toString()))
        .contains("line 9: YAML aliases (*d) are not supported");
  }

  @Test
  void settingsThatStoreRawValuesWarn() {
    CliRun run = synth("fit", "--source", good, "--min-category-count", "1", "--bound-rank", "1", "--model",
        path("raw.json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err().lines().filter(l -> l.startsWith("synth: warning: ")).toList()).containsExactly(
        "synth: warning: fit.min-category-count 1 (--min-category-count) stores labels, atoms and characters seen "
            + "in a single row: raw source values will be stored in the model",
        "synth: warning: fit.bound-rank 1 (--bound-rank) stores each numeric column's smallest and largest values: "
            + "raw source values will be stored in the model");
    CliRun quiet = synth("fit", "--source", good, "--model", path("default.json"));
    assertThat(quiet.err()).doesNotContain("synth: warning:");
  }

  @Test
  void csvDefaultsReadQuotedLineBreaksAndDoubledQuotes() throws Exception {
    StringBuilder text = new StringBuilder("id,note\n");
    for (int i = 0; i < 10; i++) {
      text.append(i).append(",\"a \"\"b\"\"\"\n");
      text.append(i + 100).append(",\"first line\nsecond line\"\n");
    }
    Path csv = tmp.resolve("rfc4180.csv");
    Files.writeString(csv, text, StandardCharsets.UTF_8);
    String model = path("rfc4180.json");
    CliRun run = synth("fit", "--source", csv.toString(), "--kind", "note=categorical", "--model", model);
    assertThat(run.exitCode()).as(run.err()).isZero();
    SynthModel fitted = readModel(Path.of(model));
    assertThat(fitted.source().rowsProfiled()).isEqualTo(20);
    ColumnModel note = fitted.columns().stream().filter(c -> c.name().equals("note")).findFirst().orElseThrow();
    assertThat(((CategoricalMarginal) note.marginal()).categories().stream().map(Category::value).toList())
        .containsExactlyInAnyOrder("a \"b\"", "first line\nsecond line");
  }

  @Test
  void rowsHaveADocumentedLimitCheckedBeforeAnyWork() {
    String model = path("limit.json");
    assertThat(synth("fit", "--source", good, "--model", model).exitCode()).isZero();
    FileSnapshot before = FileSnapshot.of(tmp);
    String output = path("limit-out");
    CliRun run = synth("generate", "--model", model, "--rows", String.valueOf(Long.MAX_VALUE), "--output", output);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(run.err()).startsWith("synth: error: ").contains("rows must be at most 10000000000000 (10^13), got "
        + Long.MAX_VALUE).doesNotContain("\n");
    run = synth("generate", "--model", model, "--scale", "1e12", "--output", output);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(run.err()).isEqualTo("synth: error: --scale 1.0E12 of the 200 source rows: 200,000,000,000,000 rows "
        + "is more than synthlake's limit of 10,000,000,000,000 (10^13) rows per table");
    assertThat(Path.of(output)).doesNotExist();
    before.assertIdentical();
    assertThat(io.synthlake.spark.source.SyntheticSource.defaultPartitions(spark, GenerateConfig.MAX_ROWS))
        .isEqualTo(GenerateConfig.MAX_PARTITIONS);
    assertThat(io.synthlake.spark.source.SyntheticSource.defaultPartitions(spark, Long.MAX_VALUE))
        .isEqualTo(GenerateConfig.MAX_PARTITIONS);
  }

  @Test
  void namesThatAreNotColumnsAreRefusedOnceTheSchemaIsKnown() {
    assertThat(fitWhere(ExitCode.CONFIG, "session_user = 'x'"))
        .isEqualTo("synth: error: source.where: 'session_user' is not a column of " + good);
    assertThat(fitWhere(ExitCode.CONFIG, "age > 1 and current_timestamp > '2030-01-01'"))
        .isEqualTo("synth: error: source.where: 'current_timestamp' is not a column of " + good);
    assertThat(fitWhere(ExitCode.CONFIG, "lower(current_user) = 'x'")).contains("'current_user' is not a column");
    // Columns compare without case, as Spark does by default.
    CliRun run = synth("fit", "--source", good, "--where", "AGE > 3", "--model", path("upper.json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void hugeOrDeeplyNestedFiltersAreRefusedWithTheLimit() {
    String deep = "(".repeat(100_000) + "age > 1" + ")".repeat(100_000);
    assertThat(fitWhere(ExitCode.CONFIG, deep)).startsWith("synth: error: source.where is 200007 characters long, "
        + "more than the limit of 10000");
    assertThat(fitWhere(ExitCode.CONFIG, "(".repeat(101) + "age > 1" + ")".repeat(101)))
        .isEqualTo("synth: error: source.where nests parentheses more than 100 deep, the limit for a row filter");
  }

  @Test
  void aCorruptSyntheticFileIsAnUnusableInputDuringValidate() throws Exception {
    String model = path("corrupt-model.json");
    String output = path("corrupt-out");
    assertThat(synth("fit", "--source", good, "--model", model).exitCode()).isZero();
    CliRun generated = synth("generate", "--model", model, "--rows", "400", "--partitions", "4", "--output", output);
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    // The last file: Spark reads the first one's footer for the schema, so the failure comes while measuring.
    Path last;
    try (var files = Files.list(Path.of(output))) {
      last = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().reduce((a, b) -> b)
          .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(last);
    for (int i = 8; i < bytes.length - 12; i++) {
      bytes[i] = 0x7f; // keeps the magic bytes, destroys pages and footer
    }
    Files.write(last, bytes);
    Files.deleteIfExists(last.resolveSibling("." + last.getFileName() + ".crc"));
    FileSnapshot before = FileSnapshot.of(tmp);
    CliRun run = synth("validate", "--source", good, "--synthetic", output, "--model", model);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INPUT.code());
    assertThat(run.err()).startsWith("synth: error: cannot read synthetic table " + output + ": ")
        .doesNotContain("\n");
    assertThat(run.err().lines().count()).isEqualTo(1);
    assertThat(Path.of(output + "-report")).doesNotExist();
    before.assertUnchanged();
  }
}
