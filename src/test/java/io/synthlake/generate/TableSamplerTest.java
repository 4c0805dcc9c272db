package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.errors.SynthException;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableSamplerTest {
  private static final int ROWS = 20_000;
  /** Twice the 1% critical value of the one-sample KS statistic at 20,000 rows (1.63 / sqrt(n) = 0.0115). */
  private static final double KS_TOLERANCE = 0.02;

  private static List<String> all() {
    return GenerateModels.model().columns().stream().map(ColumnModel::name).toList();
  }

  private static List<Object> column(List<List<Object>> sample, String name) {
    return sample.get(all().indexOf(name));
  }

  @Test
  void valuesAreAFunctionOfSeedAndRowIndexAlone() {
    SynthModel model = GenerateModels.model();
    List<List<Object>> oneBatch = Samples.draw(model, 7, all(), 0, 3000, 3000);
    List<List<Object>> smallBatches = Samples.draw(model, 7, all(), 0, 3000, 7);
    assertThat(smallBatches).isEqualTo(oneBatch);
    // A row range drawn alone, and a column drawn alone, equal the same rows and column of the whole.
    List<List<Object>> tail = Samples.draw(model, 7, all(), 1000, 2000, 500);
    for (int c = 0; c < all().size(); c++) {
      assertThat(tail.get(c)).isEqualTo(oneBatch.get(c).subList(1000, 3000));
    }
    List<List<Object>> onlyCity = Samples.draw(model, 7, List.of("city"), 0, 3000, 256);
    assertThat(onlyCity.get(0)).isEqualTo(column(oneBatch, "city"));
  }

  @Test
  void anotherSeedGivesOtherRows() {
    List<List<Object>> a = Samples.draw(GenerateModels.model(), 7, all(), 0, 1000, 1000);
    List<List<Object>> b = Samples.draw(GenerateModels.model(), 8, all(), 0, 1000, 1000);
    long same = 0;
    for (int i = 0; i < 1000; i++) {
      if (Objects.equals(column(a, "x").get(i), column(b, "x").get(i))) {
        same++;
      }
    }
    assertThat(same).isZero();
  }

  @Test
  void continuousValuesFollowTheMarginal() {
    List<List<Object>> sample = Samples.draw(GenerateModels.model(), 3, all(), 0, ROWS, 4096);
    NumericDistribution x = NumericDistribution.of(
        (NumericMarginal) GenerateModels.model().column("x").orElseThrow().marginal());
    double[] values = column(sample, "x").stream().mapToDouble(v -> (Double) v).sorted().toArray();
    assertThat(ksDistance(values, x)).isLessThan(KS_TOLERANCE);
    assertThat(Arrays.stream(values).average().orElseThrow()).isCloseTo(50, within(0.3));
  }

  @Test
  void atomsNullsCategoriesAndSpecialValuesKeepTheirShares() {
    List<List<Object>> sample = Samples.draw(GenerateModels.model(), 3, all(), 0, ROWS, 4096);
    assertThat(share(column(sample, "n"), v -> (Integer) v == 0)).isCloseTo(0.3, within(0.012));
    assertThat(share(column(sample, "y"), Objects::isNull)).isCloseTo(0.2, within(0.012));
    List<Object> cities = column(sample, "city");
    assertThat(share(cities, Objects::isNull)).isCloseTo(0.1, within(0.01));
    List<Object> present = cities.stream().filter(Objects::nonNull).toList();
    assertThat(share(present, "A"::equals)).isCloseTo(0.5, within(0.015));
    assertThat(share(present, "C"::equals)).isCloseTo(0.2, within(0.015));
    assertThat(share(column(sample, "flag"), Boolean.TRUE::equals)).isCloseTo(0.7, within(0.015));
    List<Object> prices = column(sample, "price");
    assertThat(share(prices, v -> Float.isNaN((Float) v))).isCloseTo(0.05, within(0.006));
    assertThat(share(prices, v -> ((Float) v).isInfinite())).isCloseTo(0.01, within(0.003));
    assertThat(column(sample, "country")).containsOnly("FR");
  }

  @Test
  void valuesAreRestoredToTheirTypesAndResolution() {
    List<List<Object>> sample = Samples.draw(GenerateModels.model(), 3, all(), 0, 2000, 512);
    assertThat(column(sample, "amount")).allSatisfy(v -> {
      assertThat(((BigDecimal) v).scale()).isEqualTo(2);
      assertThat((BigDecimal) v).isBetween(BigDecimal.ZERO, new BigDecimal("100.00"));
    });
    assertThat(column(sample, "day")).allSatisfy(v -> assertThat((Integer) v).isBetween(18_000, 19_000));
    assertThat(column(sample, "n")).allSatisfy(v -> assertThat((Integer) v).isBetween(0, 1000));
  }

  @Test
  void copulaCorrelationIsReproduced() {
    List<List<Object>> sample = Samples.draw(GenerateModels.model(), 5, List.of("x", "y"), 0, ROWS, 4096);
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (sample.get(1).get(i) != null) {
        pairs.add(new double[] {(Double) sample.get(0).get(i), (Double) sample.get(1).get(i)});
      }
    }
    // Both marginals are normal, so Pearson's r of the values estimates the copula's 0.7 (standard error 0.004).
    assertThat(pearson(pairs)).isCloseTo(0.7, within(0.02));
  }

  @Test
  void integerKeysAreUniqueAndStartInsideTheSourceRange() {
    List<Object> ids = Samples.draw(GenerateModels.model(), 3, List.of("id"), 0, ROWS, 4096).get(0);
    assertThat(new HashSet<>(ids)).hasSize(ROWS);
    assertThat(ids.subList(0, 5000)).allSatisfy(v -> assertThat((Long) v).isBetween(1L, 5000L));
    assertThat(ids).allSatisfy(v -> assertThat((Long) v).isBetween(1L, 20_000L));
    // Not in row order: the permutation scatters them.
    assertThat(ids.subList(0, 10)).isNotEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
  }

  @Test
  void stringKeysAreUniqueAndKeepTheirShape() {
    List<Object> codes = Samples.draw(GenerateModels.model(), 3, List.of("code"), 0, ROWS, 4096).get(0);
    assertThat(new HashSet<>(codes)).hasSize(ROWS);
    // The shape allows A or B, a dash, then four of the digits 1 and 2: 32 keys, so longer keys follow.
    Set<String> shortOnes = new HashSet<>();
    for (Object code : codes) {
      String text = (String) code;
      assertThat(text).matches("[AB]-[12]{4}[-AB12]*");
      if (text.length() == 6) {
        shortOnes.add(text);
      }
    }
    assertThat(shortOnes).hasSize(32);
  }

  @Test
  void textHasTheModelledLengthsAndCharacters() {
    List<Object> notes = Samples.draw(GenerateModels.model(), 3, List.of("note"), 0, 5000, 1000).get(0);
    assertThat(notes).allSatisfy(v -> assertThat((String) v).matches("[A7-]{3,4}"));
    assertThat(share(notes, v -> ((String) v).length() == 3)).isCloseTo(0.9, within(0.02));
  }

  @Test
  void tooManyRowsForAnIntegerKeyTypeIsAConfigError() {
    SynthModel small = new SynthModel(SynthModel.FORMAT_VERSION, "t", "test", GenerateModels.model().source(),
        GenerateModels.model().fit(),
        List.of(new ColumnModel("id", "tinyint", ColumnKind.IDENTIFIER, 0.0, IdentifierMarginal.ofIntegers(1, 50))),
        null, List.of(), List.of(), List.of());
    assertThatThrownBy(() -> TableSampler.of(small, 1, 1000))
        .isInstanceOf(SynthException.class)
        .hasMessage("column id of table t is tinyint, too small for the keys of 1000 rows (up to 1000): generate "
            + "fewer rows, or widen the column's type in the model");
  }

  private static double ksDistance(double[] sorted, NumericDistribution distribution) {
    double d = 0;
    int n = sorted.length;
    for (int i = 0; i < n; i++) {
      double f = distribution.cdf(sorted[i]);
      d = Math.max(d, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (i + 1.0) / n)));
    }
    return d;
  }

  private static double share(List<Object> values, java.util.function.Predicate<Object> test) {
    return values.stream().filter(v -> v != null && test.test(v) || v == null && test.test(null)).count()
        / (double) values.size();
  }

  private static double pearson(List<double[]> pairs) {
    double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
