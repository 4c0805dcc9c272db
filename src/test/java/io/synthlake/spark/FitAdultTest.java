package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.NearestCorrelation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled UCI Adult table, fitted through the command line and checked against exact Spark statistics. */
class FitAdultTest extends SparkTestBase {
  private static final String ADULT = "data/adult/adult.csv";
  private static SynthModel model;
  private static Dataset<Row> adult;
  private static long rows;

  @BeforeAll
  static void fitAdult() {
    CliRun run = synth("fit", "--source", ADULT, "--model", path("adult.json"), "--seed", "42");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model written: " + path("adult.json"), "32561 rows profiled");
    model = readModel(Path.of(path("adult.json")));
    adult = spark.read().option("header", "true").option("inferSchema", "true").csv(ADULT).cache();
    rows = adult.count();
  }

  private static ColumnModel column(String name) {
    return model.column(name).orElseThrow();
  }

  @Test
  void detectsTheKindOfEveryColumn() {
    Map<String, ColumnKind> kinds = model.columns().stream()
        .collect(Collectors.toMap(ColumnModel::name, ColumnModel::kind));
    assertThat(kinds).containsEntry("age", ColumnKind.INTEGER).containsEntry("fnlwgt", ColumnKind.INTEGER)
        .containsEntry("capital-gain", ColumnKind.INTEGER).containsEntry("workclass", ColumnKind.CATEGORICAL)
        .containsEntry("native-country", ColumnKind.CATEGORICAL).containsEntry("income", ColumnKind.CATEGORICAL)
        .hasSize(15);
    assertThat(model.source().rowCount()).isEqualTo(32_561);
    assertThat(model.source().format()).isEqualTo("csv");
    assertThat(model.table()).isEqualTo("adult");
  }

  @Test
  void pointMassesComeBackWithTheirExactProbability() {
    long zeros = adult.where(col("capital-gain").equalTo(0)).count();
    NumericMarginal gain = (NumericMarginal) column("capital-gain").marginal();
    Atom zero = gain.atoms().stream().filter(a -> a.value() == 0).findFirst().orElseThrow();
    assertThat(zero.probability()).isCloseTo((double) zeros / rows, within(1e-12));
    assertThat(zero.probability()).isCloseTo(0.9167, within(1e-4));
    // a sample from the marginal holds the atom at its probability
    NumericDistribution distribution = NumericDistribution.of(gain);
    int n = 200_000;
    long sampledZeros = java.util.stream.IntStream.range(0, n)
        .filter(i -> distribution.quantile((i + 0.5) / n) == 0).count();
    assertThat((double) sampledZeros / n).isCloseTo((double) zeros / rows, within(1e-4));
  }

  @Test
  void nullFractionsAndCategoryFrequenciesAreExact() {
    long missing = adult.where(col("workclass").isNull()).count();
    assertThat(column("workclass").nullFraction()).isEqualTo((double) missing / rows);
    Map<String, Long> counts = adult.where(col("workclass").isNotNull()).groupBy("workclass").count()
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    CategoricalMarginal workclass = (CategoricalMarginal) column("workclass").marginal();
    for (Category category : workclass.categories()) {
      assertThat(category.probability()).isCloseTo((double) counts.get(category.value()) / (rows - missing),
          within(1e-12));
    }
  }

  @Test
  void rareLabelsAndRawExtremesAreNeverStored() throws Exception {
    String json = Files.readString(Path.of(path("adult.json")));
    List<String> rare = adult.groupBy("native-country").count().where(col("count").lt(5))
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(rare).isNotEmpty();
    for (String label : rare) {
      assertThat(json).doesNotContain("\"" + label + "\"");
    }
    double[] fnlwgt = adult.select("fnlwgt").collectAsList().stream().mapToDouble(r -> r.getInt(0)).sorted()
        .toArray();
    EmpiricalQuantiles knots = (EmpiricalQuantiles) ((NumericMarginal) column("fnlwgt").marginal()).continuous();
    assertThat(knots.lower()).isEqualTo(fnlwgt[4]);
    assertThat(knots.upper()).isEqualTo(fnlwgt[fnlwgt.length - 5]);
    assertThat(json).doesNotContain("\"value\": " + fnlwgt[0] + ",", "\"value\": " + fnlwgt[fnlwgt.length - 1]);
  }

  @Test
  void empiricalMarginalsReproduceTheSourceQuantilesWithinTheSketchError() {
    double[] fnlwgt = adult.select("fnlwgt").collectAsList().stream().mapToDouble(r -> r.getInt(0)).sorted()
        .toArray();
    NumericDistribution distribution = NumericDistribution.of((NumericMarginal) column("fnlwgt").marginal());
    EmpiricalQuantiles knots = (EmpiricalQuantiles) ((NumericMarginal) column("fnlwgt").marginal()).continuous();
    assertThat(knots.size()).isGreaterThanOrEqualTo(512);
    for (double p = 0.01; p < 1; p += 0.01) {
      double x = distribution.quantile(p);
      int below = upperBound(fnlwgt, x);
      // one knot's share plus percentile_approx's rank error (1/accuracy)
      assertThat((double) below / fnlwgt.length).as("F(Q(%s))", p).isCloseTo(p, within(1.0 / 1024 + 2e-4));
    }
  }

  private static int upperBound(double[] sorted, double x) {
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i < sorted.length && sorted[i] == x) {
      i++;
    }
    return i;
  }

  @Test
  void theCopulaIsAValidCorrelationMatrixWithTheKnownAssociations() {
    // education-num is computed from education (a rule): it leaves the copula.
    assertThat(model.copula().columns()).hasSize(14).doesNotContain("education-num");
    assertThat(model.rules()).anyMatch(rule -> rule.holds().contains("education -> education-num"));
    double[][] r = model.copula().correlation();
    assertThat(NearestCorrelation.isPositiveDefinite(r, 1e-7)).isTrue();
    List<String> names = model.copula().columns();
    // education's labels lie along their first principal axis, whose direction is arbitrary.
    double educationIncome = Math.abs(r[names.indexOf("education")][names.indexOf("income")]);
    double ageHours = r[names.indexOf("age")][names.indexOf("hours-per-week")];
    // Sixteen labels on one axis carry less of the association than education-num's numbers did (0.33).
    assertThat(educationIncome).isGreaterThan(0.1);
    // age is scored within its marital status and hours-per-week within its occupation (per-label marginals): what
    // the copula holds between them is their correlation within those labels, weak and positive.
    assertThat(model.labelMarginalsOf("age").orElseThrow().by()).isEqualTo("marital-status");
    assertThat(ageHours).isBetween(0.0, 0.3);
    assertThat(model.notes()).anyMatch(n -> "capital-gain".equals(n.column()) && n.message().contains("atoms hold"));
  }

  @Test
  void refittingTheSameDataGivesTheSameModel() {
    CliRun again = synth("fit", "--source", ADULT, "--model", path("adult-again.json"), "--seed", "42");
    assertThat(again.exitCode()).as(again.err()).isZero();
    SynthModel second = readModel(Path.of(path("adult-again.json")));
    assertThat(second.columns()).isEqualTo(model.columns());
    assertThat(second.copula()).isEqualTo(model.copula());
  }
}
