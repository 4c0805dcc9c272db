package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** synth run on the bundled Adult data: the synthetic table has the source's types, marginals and correlations. */
class RunAdultTest extends SparkTestBase {
  private static Dataset<Row> real;
  private static Dataset<Row> synthetic;
  private static CliRun run;

  @BeforeAll
  static void runTheDemoJob() throws IOException {
    String job = Files.readString(Path.of("jobs/adult.yaml"))
        .replace("out/adult/adult.model.json", path("adult.model.json"))
        .replace("out/adult/synthetic-parquet", path("adult-synthetic"));
    Files.writeString(tmp.resolve("adult.yaml"), job);
    run = synth("run", "--config", path("adult.yaml"));
    real = spark.read().schema(io.synthlake.config.ConfigLoader.load(Path.of("jobs/adult.yaml"), List.of())
        .source().schema()).option("header", "true").csv("data/adult/adult.csv").cache();
    synthetic = spark.read().parquet(path("adult-synthetic")).cache();
  }

  @Test
  void runFitsThenGeneratesTheSourcesRowCountAndTypes() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model written: " + path("adult.model.json"),
        "table written: " + path("adult-synthetic"), "parquet, 32,561 rows of adult");
    assertThat(synthetic.count()).isEqualTo(32_561);
    assertThat(synthetic.schema()).isEqualTo(real.schema());
  }

  /**
   * The four checks a person sees at once, counted here with plain filters (not with validate): the source obeys
   * each in at least 99.87% of its rows; before rules, synthetic rows obeyed them in 59.5%, 79.7%, 30.4% and 81.3%.
   */
  @Test
  void syntheticRowsObeyTheRulesAPersonSeesAtOnce() {
    Map<String, Integer> educationNumber = new HashMap<>();
    for (Row row : real.groupBy("education", "education-num").count().collectAsList()) {
      if (row.getLong(2) > 5) {
        educationNumber.put(row.getString(0), row.getInt(1));
      }
    }
    assertThat(educationNumber).hasSize(16);
    long agreeing = 0;
    for (Row row : synthetic.groupBy("education", "education-num").count().collectAsList()) {
      if (!row.isNullAt(1) && Integer.valueOf(row.getInt(1)).equals(educationNumber.get(row.getString(0)))) {
        agreeing += row.getLong(2);
      }
    }
    assertThat(agreeing / 32_561.0).as("education agrees with education-num").isGreaterThanOrEqualTo(0.995);
    assertThat(share(synthetic.where(col("relationship").equalTo("Husband")), "sex", "Male"))
        .as("Husband -> Male").isGreaterThanOrEqualTo(0.995);
    assertThat(share(synthetic.where(col("relationship").equalTo("Wife")), "sex", "Female"))
        .as("Wife -> Female").isGreaterThanOrEqualTo(0.995);
    Dataset<Row> neverMarried = synthetic.where(col("marital-status").equalTo("Never-married"));
    double spouses = neverMarried.where(col("relationship").isin("Husband", "Wife")).count()
        / (double) neverMarried.count();
    assertThat(1 - spouses).as("Never-married -> neither Husband nor Wife").isGreaterThanOrEqualTo(0.995);
  }

  @Test
  void categoricalSharesMatchTheSource() {
    for (String column : List.of("education", "marital-status", "sex", "income")) {
      // Total variation distance; its sampling noise at 32,561 rows is about 0.01.
      assertThat(totalVariation(shares(real, column), shares(synthetic, column))).as(column).isLessThan(0.03);
    }
  }

  @Test
  void numericMarginalsAndAtomsMatchTheSource() {
    for (String column : List.of("age", "fnlwgt", "hours-per-week", "capital-gain")) {
      assertThat(ks(values(real, column), values(synthetic, column))).as(column).isLessThan(0.03);
    }
    double realZeros = real.where(col("capital-gain").equalTo(0)).count() / 32_561.0;
    double synthZeros = synthetic.where(col("capital-gain").equalTo(0)).count() / 32_561.0;
    assertThat(synthZeros).isCloseTo(realZeros, within(0.01));
  }

  @Test
  void correlationsMatchTheSource() {
    // Pearson's r of value pairs the copula carries; sampling noise is about 0.01.
    assertThat(real.stat().corr("age", "hours-per-week"))
        .isCloseTo(synthetic.stat().corr("age", "hours-per-week"), within(0.05));
    assertThat(real.stat().corr("education-num", "hours-per-week"))
        .isCloseTo(synthetic.stat().corr("education-num", "hours-per-week"), within(0.05));
    double realRich = share(real.where(col("education").equalTo("Doctorate")), "income", ">50K");
    double synthRich = share(synthetic.where(col("education").equalTo("Doctorate")), "income", ">50K");
    // Doctorates earn >50K far more often than the 24% of all rows. The synthetic table keeps the direction of
    // this association between two categorical columns, though weaker: labels sit on the copula's scale in
    // frequency order, which carries only part of it (a data-driven order is issue 4's quality work).
    double synthOverall = share(synthetic, "income", ">50K");
    assertThat(realRich).isGreaterThan(0.6);
    assertThat(synthRich).isGreaterThan(synthOverall);
  }

  @Test
  void noSyntheticRowCopiesASourceRowOnEveryColumn() {
    // Every synthetic row (duplicates counted) that equals some source row on every column, missing equal to
    // missing: a null-safe left-semi join on all columns against the distinct source rows.
    Dataset<Row> distinctReal = real.distinct();
    org.apache.spark.sql.Column same = null;
    for (String column : real.columns()) {
      org.apache.spark.sql.Column equal = synthetic.col(Columns.quoted(column))
          .eqNullSafe(distinctReal.col(Columns.quoted(column)));
      same = same == null ? equal : same.and(equal);
    }
    long copies = synthetic.join(distinctReal, same, "left_semi").count();
    double share = (double) copies / synthetic.count();
    // fnlwgt (a census weight with ~22,000 distinct values) makes a chance match of a whole row rare; the model
    // never stores a row, so the share must stay below 0.1% (the demo measures 0).
    assertThat(share).isLessThan(0.001);
  }

  private static Map<String, Double> shares(Dataset<Row> frame, String column) {
    Map<String, Double> shares = new HashMap<>();
    long total = frame.where(col(column).isNotNull()).count();
    for (Row row : frame.where(col(column).isNotNull()).groupBy(column).count().collectAsList()) {
      shares.put(row.getString(0), row.getLong(1) / (double) total);
    }
    return shares;
  }

  private static double share(Dataset<Row> frame, String column, String value) {
    return frame.where(col(column).equalTo(value)).count() / (double) Math.max(1, frame.count());
  }

  private static double totalVariation(Map<String, Double> a, Map<String, Double> b) {
    Set<String> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return 0.5 * keys.stream().mapToDouble(k -> Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0))).sum();
  }

  static double[] values(Dataset<Row> frame, String column) {
    return frame.where(col(column).isNotNull()).select(col(column).cast("double")).collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).sorted().toArray();
  }

  /** The two-sample Kolmogorov-Smirnov statistic of two sorted samples. */
  static double ks(double[] a, double[] b) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return d;
  }
}
