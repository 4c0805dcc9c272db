package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.errors.ExitCode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * generate --where, --rebalance and --augment on the bundled Adult data, from the command line: every row
 * satisfies the condition and exactly the rows asked for are written, the same at any partitioning; the female
 * rows look like the real female rows; rebalancing gives equal shares; augmented minority rows raise the minority
 * recall of gradient-boosted trees tested on the held-out rows.
 */
class ConditionalGenerateTest extends SparkTestBase {
  private static final String ADULT = "data/adult/adult.csv";
  private static final List<String> NUMERIC = List.of("age", "fnlwgt", "education-num", "capital-gain",
      "capital-loss", "hours-per-week");
  private static Dataset<Row> adult;

  @BeforeAll
  static void fitAdultWithAHoldout() {
    CliRun fit = synth("fit", "--source", ADULT, "--model", path("adult.json"), "--seed", "42", "--holdout", "0.2");
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    adult = spark.read().option("header", "true").option("inferSchema", "true").csv(ADULT).cache();
  }

  private static Dataset<Row> generate(String output, String... options) {
    List<String> args = new ArrayList<>(List.of("generate", "--model", path("adult.json"), "--output", path(output)));
    args.addAll(Arrays.asList(options));
    CliRun run = synth(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    lastOut = run.out();
    return spark.read().parquet(path(output));
  }

  private static String lastOut;

  @Test
  void femaleRowsHaveTheShapesOfTheRealFemaleRows() {
    Dataset<Row> synthetic = generate("female", "--rows", "20000", "--where", "sex = 'Female'");
    assertThat(synthetic.count()).isEqualTo(20_000);
    assertThat(synthetic.where(col("sex").notEqual("Female").or(col("sex").isNull())).count()).isZero();
    assertThat(lastOut).contains("  every row satisfies sex = 'Female'");
    Dataset<Row> real = adult.where(col("sex").equalTo("Female"));
    // SDMetrics' column shapes, computed here independently of validate: KS complement for numbers, TV complement
    // for labels, averaged over the 15 columns.
    double total = 0;
    for (String column : adult.columns()) {
      total += NUMERIC.contains(column) ? ksComplement(real, synthetic, column) : tvComplement(real, synthetic, column);
    }
    assertThat(total / adult.columns().length).isGreaterThanOrEqualTo(0.95);
  }

  private static double ksComplement(Dataset<Row> real, Dataset<Row> synthetic, String column) {
    String quoted = "`" + column + "`";
    return 1 - RunAdultTest.ks(RunAdultTest.values(real, quoted), RunAdultTest.values(synthetic, quoted));
  }

  private static double tvComplement(Dataset<Row> real, Dataset<Row> synthetic, String column) {
    Map<String, Double> p = shares(real, column);
    Map<String, Double> q = shares(synthetic, column);
    Map<String, Double> both = new HashMap<>(p);
    q.forEach((label, share) -> both.merge(label, -share, Double::sum));
    return 1 - 0.5 * both.values().stream().mapToDouble(Math::abs).sum();
  }

  private static Map<String, Double> shares(Dataset<Row> frame, String column) {
    long rows = frame.count();
    Map<String, Double> shares = new HashMap<>();
    for (Row row : frame.groupBy(col("`" + column + "`").cast("string")).count().collectAsList()) {
      shares.put(row.isNullAt(0) ? "(null)" : row.getString(0), row.getLong(1) / (double) rows);
    }
    return shares;
  }

  @Test
  void aRangeOnTwoColumnsGivesExactlyTheRowsAskedForTheSameAtOneAndEightPartitions() {
    String where = "age BETWEEN 30 AND 45 AND hours-per-week >= 40";
    Dataset<Row> one = generate("range-1", "--rows", "5000", "--where", where, "--partitions", "1");
    Dataset<Row> eight = generate("range-8", "--rows", "5000", "--where", where, "--partitions", "8");
    assertThat(one.count()).isEqualTo(5000);
    assertThat(one.where("age < 30 OR age > 45 OR `hours-per-week` < 40 OR age IS NULL OR `hours-per-week` IS NULL")
        .count()).isZero();
    assertThat(one.exceptAll(eight).count()).isZero();
    assertThat(eight.exceptAll(one).count()).isZero();
  }

  @Test
  void rebalancingIncomeGivesHalfOfTheRowsToEachLabel() {
    Dataset<Row> rebalanced = generate("rebalanced", "--rows", "32561", "--rebalance", "income");
    long rich = rebalanced.where(col("income").equalTo(">50K")).count();
    assertThat(lastOut).contains("  label shares of income: equal");
    assertThat(Math.abs(rich / 32561.0 - 0.5)).isLessThanOrEqualTo(0.005);
  }

  @Test
  void augmentedMinorityRowsRaiseTheMinorityRecallOnTheHeldOutRows() throws Exception {
    CliRun augment = synth("generate", "--model", path("adult.json"), "--source", ADULT, "--augment",
        "--rebalance", "income", "--output", path("augmented"));
    assertThat(augment.exitCode()).as(augment.err()).isZero();
    Dataset<Row> augmented = spark.read().parquet(path("augmented"));
    long real = augmented.where(col("_synthetic").equalTo(false)).count();
    long richReal = augmented.where(col("_synthetic").equalTo(false).and(col("income").equalTo(">50K"))).count();
    long made = augmented.where(col("_synthetic")).count();
    assertThat(augmented.where(col("_synthetic")).where(col("income").notEqual(">50K")).count()).isZero();
    // The real rows are the ones fit saw; the minority grows until both labels have as many rows.
    assertThat(real).isBetween(25_000L, 27_000L);
    assertThat(richReal + made).isEqualTo(real - richReal);
    assertThat(augment.out()).contains("augmented: " + String.format("%,d", real) + " real rows (held-out rows "
        + "left out) + " + String.format("%,d", made) + " synthetic rows (>50K +" + String.format("%,d", made) + ")");

    CliRun validate = synth("validate", "--source", ADULT, "--model", path("adult.json"), "--synthetic",
        path("augmented"), "--target", "income", "--report", path("augmented-report"));
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    JsonNode ml = new ObjectMapper().readTree(tmp.resolve("augmented-report/report.json").toFile())
        .path("ml-utility");
    assertThat(ml.path("augmented").asBoolean()).isTrue();
    assertThat(ml.path("minority-label").asText()).isEqualTo(">50K");
    assertThat(ml.path("synthetic-rows").asLong()).isEqualTo(real + made);
    for (JsonNode model : ml.path("models")) {
      double before = model.path("real").path("recall:>50K").asDouble();
      double after = model.path("synthetic").path("recall:>50K").asDouble();
      assertThat(after).as(model.path("model").asText()).isGreaterThan(before + 0.1);
    }
    assertThat(validate.out()).contains("ml utility: gradient-boosted-trees recall of the rarest label '>50K': ")
        .contains("on the augmented table");
  }

  @Test
  void anImpossibleConditionFailsBeforeAnyWorkAndWritesNothing() {
    CliRun unknown = synth("generate", "--model", path("adult.json"), "--rows", "10", "--output",
        path("never"), "--where", "sex = 'F'");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(unknown.err()).contains("generate.where: column sex of table adult has no label 'F' in the model; "
        + "its labels: Male, Female");
    CliRun impossible = synth("generate", "--model", path("adult.json"), "--rows", "10", "--output",
        path("never"), "--where", "sex = 'Female' AND relationship = 'Husband'");
    assertThat(impossible.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(impossible.err()).contains("generate.where: no row the model generates satisfies sex = 'Female' AND "
        + "relationship = 'Husband'");
    CliRun noSource = synth("generate", "--model", path("adult.json"), "--augment", "--rebalance", "income",
        "--output", path("never"));
    assertThat(noSource.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(noSource.err()).contains("generate.augment writes the source's rows too: pass --source");
    assertThat(Files.exists(tmp.resolve("never"))).isFalse();
  }
}
