package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.ModelJson;
import io.synthlake.model.Rule;
import io.synthlake.model.SynthModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules end to end on a crafted table with a sum, an order between two dates, a hierarchy city -> state ->
 * country, a one-to-one map and a null pattern: fit finds them, generate holds them in every row at 1 and at 8
 * partitions with identical output, and the model stores no label seen fewer than min-category-count times.
 */
class RulesTest extends SparkTestBase {
  private static final int ROWS = 4000;
  private static final String[][] PLACES = {
    {"Lyon", "ARA", "FR"}, {"Grenoble", "ARA", "FR"}, {"Paris", "IDF", "FR"}, {"Versailles", "IDF", "FR"},
    {"Austin", "TX", "US"}, {"Dallas", "TX", "US"}, {"Reno", "NV", "US"}, {"Las Vegas", "NV", "US"}};
  private static final String[][] PRODUCTS = {{"P-10", "Anvil"}, {"P-20", "Bucket"}, {"P-30", "Crate"},
      {"P-40", "Drum"}};
  private static SynthModel model;
  private static Dataset<Row> one;
  private static Dataset<Row> eight;

  @BeforeAll
  static void fitAndGenerate() throws Exception {
    StructType schema = new StructType()
        .add("a", DataTypes.createDecimalType(10, 2)).add("b", DataTypes.createDecimalType(10, 2))
        .add("total", DataTypes.createDecimalType(10, 2))
        .add("start", DataTypes.DateType).add("end", DataTypes.DateType)
        .add("city", DataTypes.StringType).add("state", DataTypes.StringType).add("country", DataTypes.StringType)
        .add("code", DataTypes.StringType).add("product", DataTypes.StringType)
        .add("coupon", DataTypes.StringType).add("discount", DataTypes.DoubleType);
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      BigDecimal a = BigDecimal.valueOf(random.nextInt(100_000), 2);
      BigDecimal b = BigDecimal.valueOf(random.nextInt(20_000), 2);
      LocalDate start = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300));
      LocalDate end = start.plusDays(1 + random.nextInt(60));
      String[] place = PLACES[random.nextInt(PLACES.length)];
      String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
      boolean coupon = random.nextDouble() < 0.3;
      // Three rows of a rare place (below min-category-count 5): never in the model.
      if (i < 3) {
        place = new String[] {"Rareville", "RR", "ZZ"};
      }
      rows.add(RowFactory.create(a, b, a.add(b), Date.valueOf(start), Date.valueOf(end), place[0], place[1],
          place[2], product[0], product[1], coupon ? "C" + random.nextInt(3) : null,
          coupon ? 5.0 + random.nextInt(20) : null));
    }
    spark.createDataFrame(rows, schema).write().parquet(path("rules-source"));
    String job = """
        source: {path: %s, format: parquet}
        model: %s
        fit: {seed: 3}
        output: {format: parquet}
        """.formatted(path("rules-source"), path("rules.model.json"));
    Files.writeString(tmp.resolve("rules.yaml"), job);
    CliRun fit = synth("fit", "--config", path("rules.yaml"));
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    model = readModel(Path.of(path("rules.model.json")));
    for (int partitions : new int[] {1, 8}) {
      CliRun generate = synth("generate", "--config", path("rules.yaml"), "--output", path("rules-" + partitions),
          "--partitions", String.valueOf(partitions), "--rows", "20000");
      assertThat(generate.exitCode()).as(generate.err()).isZero();
    }
    one = spark.read().parquet(path("rules-1")).cache();
    eight = spark.read().parquet(path("rules-8")).cache();
  }

  private static List<String> holds() {
    return model.rules().stream().flatMap(r -> r.holds().stream()).toList();
  }

  @Test
  void fitFindsTheRules() {
    assertThat(holds()).contains("total = a + b", "start < end", "city -> state", "state -> country",
        "coupon is null <-> discount is null");
    assertThat(holds()).containsAnyOf("code -> product", "product -> code");
    assertThat(model.rules()).allMatch(r -> r.origin() == Rule.Origin.DISCOVERED);
  }

  @Test
  void everyGeneratedRowObeysEveryRule() {
    assertThat(one.count()).isEqualTo(20_000);
    assertThat(one.where(col("total").notEqual(col("a").plus(col("b")))).count()).isZero();
    assertThat(one.where(col("a").isNotNull().and(col("b").isNotNull())).count()).isEqualTo(20_000);
    assertThat(one.where(col("end").leq(col("start"))).count()).isZero();
    assertThat(one.where(col("end").isNull()).count()).isZero();
    for (String[] place : PLACES) {
      assertThat(one.where(col("city").equalTo(place[0]).and(col("state").notEqual(place[1]))).count())
          .as(place[0]).isZero();
      assertThat(one.where(col("state").equalTo(place[1]).and(col("country").notEqual(place[2]))).count())
          .as(place[1]).isZero();
    }
    for (String[] product : PRODUCTS) {
      assertThat(one.where(col("code").equalTo(product[0]).and(col("product").notEqual(product[1]))).count())
          .as(product[0]).isZero();
    }
    assertThat(one.where(col("coupon").isNull().notEqual(col("discount").isNull())).count()).isZero();
    // The null pattern keeps the source's share of coupons: 0.3, with sampling noise below 0.02.
    double coupons = one.where(col("coupon").isNotNull()).count() / 20_000.0;
    assertThat(coupons).isBetween(0.27, 0.33);
  }

  @Test
  void outputIsTheSameAtOneAndEightPartitions() {
    assertThat(one.schema()).isEqualTo(eight.schema());
    assertThat(one.except(eight).count()).isZero();
    assertThat(eight.except(one).count()).isZero();
    assertThat(eight.count()).isEqualTo(one.count());
  }

  @Test
  void noRuleStoresALabelSeenFewerThanMinCategoryCountTimes() {
    String text = ModelJson.write(model);
    assertThat(text).doesNotContain("Rareville", "\"RR\"", "\"ZZ\"");
    assertThat(one.where(col("city").equalTo("Rareville").or(col("state").equalTo("RR"))
        .or(col("country").equalTo("ZZ"))).count()).isZero();
  }

  private static CliRun fitWith(String name, String fitSettings) throws Exception {
    String job = """
        source: {path: %s, format: parquet}
        model: %s
        fit:
        %s
        """.formatted(path("rules-source"), path(name + ".json"), fitSettings.indent(2));
    Files.writeString(tmp.resolve(name + ".yaml"), job);
    return synth("fit", "--config", path(name + ".yaml"));
  }

  @Test
  void declaredRulesAreKeptAndDroppedRulesAreNot() throws Exception {
    CliRun run = fitWith("declared", """
        rules: ["total = a + b", "end > start"]
        drop-rules: ["coupon is null <-> discount is null"]
        """);
    assertThat(run.exitCode()).as(run.err()).isZero();
    SynthModel declared = readModel(Path.of(path("declared.json")));
    assertThat(declared.rules()).filteredOn(r -> r.origin() == Rule.Origin.DECLARED)
        .flatExtracting(Rule::holds).containsExactlyInAnyOrder("total = a + b", "start < end");
    assertThat(declared.rules()).flatExtracting(Rule::holds).doesNotContain("coupon is null <-> discount is null");
    // Discovery off: no rule, though label tables (conditional structure, holding no rule) may join labels.
    CliRun off = fitWith("off", "discover-rules: false");
    assertThat(off.exitCode()).as(off.err()).isZero();
    assertThat(readModel(Path.of(path("off.json"))).rules()).flatExtracting(Rule::holds).isEmpty();
    CliRun none = fitWith("none", "discover-rules: false\nlabel-tables: false");
    assertThat(none.exitCode()).as(none.err()).isZero();
    assertThat(readModel(Path.of(path("none.json"))).rules()).isEmpty();
  }

  @Test
  void aDeclaredRuleThatCannotHoldStopsTheFitBeforeAnyModelIsWritten() throws Exception {
    CliRun missing = fitWith("missing", "rules: [\"total = a + tax\"]");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("synth: error: rule 'total = a + tax' in fit.rules names column tax, "
        + "which the source does not have");
    CliRun types = fitWith("types", "rules: [\"city <= a\"]");
    assertThat(types.exitCode()).isEqualTo(3);
    assertThat(types.err()).isEqualTo("synth: error: rule 'city <= a' in fit.rules cannot be held: orders relate "
        + "numbers, dates or timestamps");
    CliRun broken = fitWith("broken", "rules: [\"b <= a\"]");
    assertThat(broken.exitCode()).isEqualTo(3);
    assertThat(broken.err()).matches("synth: error: rule 'b <= a' in fit.rules does not hold in the source: \\d+ of "
        + "4000 rows break it \\(at most 4 may: fewer than min-category-count, or fit.rule-tolerance of the rows\\)");
    CliRun cycle = fitWith("cycle", "rules: [\"start < end\", \"end < start\"]");
    assertThat(cycle.exitCode()).isEqualTo(3);
    assertThat(cycle.err()).contains("cycle", "start < end", "end < start");
    for (String name : List.of("missing", "types", "broken", "cycle")) {
      assertThat(tmp.resolve(name + ".json")).doesNotExist();
    }
  }
}
