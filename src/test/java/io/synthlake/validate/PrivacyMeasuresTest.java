package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distance to closest record, its baseline and summary, and the disclosure checks, on hand-computed cases. */
class PrivacyMeasuresTest {
  private static final List<NearestRecords.Column> AGE_AND_CITY = List.of(
      new NearestRecords.Column("age", false, 50), new NearestRecords.Column("city", true, 0));

  private static double[] nearest(NearestRecords records, List<Object[]> source) {
    double[] state = records.newState();
    double[] encoded = new double[AGE_AND_CITY.size()];
    for (Object[] row : source) {
      records.fold(records.encode(row, encoded), state);
    }
    return records.distances(state);
  }

  @Test
  void distancesFollowSdmetricsPerColumnRulesAveragedOverColumns() {
    List<Object[]> queries = List.of(
        new Object[] {30.0, "Oslo"},   // equal to a source record: 0
        new Object[] {40.0, "Oslo"},   // age 10/50 away from (30, Oslo): (0.2 + 0) / 2
        new Object[] {30.0, "Rome"},   // Rome is in no source record: (0 + 1) / 2
        new Object[] {500.0, null},    // to (70, Lima): capped age 1, missing city 1; to (null, null): (1 + 0) / 2
        new Object[] {null, null});    // (null, null) is a source record: 0
    List<Object[]> source = List.of(new Object[] {30.0, "Oslo"}, new Object[] {70.0, "Lima"},
        new Object[] {null, null});
    double[] distances = nearest(NearestRecords.of(AGE_AND_CITY, queries), source);
    assertThat(distances).containsExactly(new double[] {0, 0.1, 0.5, 0.5, 0}, within(1e-12));
  }

  @Test
  void aZeroRangeMakesOnlyEqualValuesNearAndNoRecordsMeansDistanceOne() {
    List<NearestRecords.Column> constant = List.of(new NearestRecords.Column("x", false, 0));
    NearestRecords records = NearestRecords.of(constant, List.of(new Object[] {1.0}, new Object[] {2.0}));
    double[] state = records.newState();
    assertThat(records.distances(state)).containsExactly(1, 1);
    records.fold(records.encode(new Object[] {1.0}, new double[1]), state);
    assertThat(records.distances(state)).containsExactly(0, 1);
  }

  @Test
  void pruningAndMergingPartitionsGiveTheBruteForceMinimum() {
    SplittableRandom random = new SplittableRandom(7);
    List<NearestRecords.Column> columns = List.of(new NearestRecords.Column("a", false, 10),
        new NearestRecords.Column("b", true, 0), new NearestRecords.Column("c", false, 3));
    List<Object[]> queries = new ArrayList<>();
    List<Object[]> source = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Object[] row = {random.nextDouble() * 10, "k" + random.nextInt(4),
          random.nextInt(10) == 0 ? null : random.nextDouble() * 3};
      (i < 200 ? queries : source).add(row);
    }
    NearestRecords records = NearestRecords.of(columns, queries);
    double[] first = records.newState();
    double[] second = records.newState();
    double[] encoded = new double[3];
    for (int i = 0; i < source.size(); i++) {
      records.fold(records.encode(source.get(i), encoded), i % 2 == 0 ? first : second);
    }
    double[] merged = records.distances(NearestRecords.merge(first, second));
    for (int q = 0; q < queries.size(); q++) {
      double best = Double.MAX_VALUE;
      for (Object[] row : source) {
        best = Math.min(best, bruteForce(queries.get(q), row));
      }
      assertThat(merged[q]).as("query %d", q).isCloseTo(best, within(1e-12));
    }
  }

  private static double bruteForce(Object[] a, Object[] b) {
    double[] ranges = {10, 0, 3};
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      if (a[c] == null || b[c] == null) {
        sum += a[c] == null && b[c] == null ? 0 : 1;
      } else if (ranges[c] == 0) {
        sum += a[c].equals(b[c]) ? 0 : 1;
      } else {
        sum += Math.min(1, Math.abs((Double) a[c] - (Double) b[c]) / ranges[c]);
      }
    }
    return sum / 3;
  }

  @Test
  void baselineProtectionIsTheRatioOfMediansCappedAtOne() {
    // Medians: synthetic (0.1 + 0.3) / 2 = 0.2 (numpy averages the middle two), baseline 0.4.
    ClosestRecordSummary summary = ClosestRecordSummary.of(new double[] {0.3, 0.0, 0.1, 0.9},
        new double[] {0.4, 0.2, 0.8});
    assertThat(summary.syntheticMedian()).isCloseTo(0.2, within(1e-12));
    assertThat(summary.baselineMedian()).isCloseTo(0.4, within(1e-12));
    assertThat(summary.baselineProtection()).isCloseTo(0.5, within(1e-12));
    assertThat(summary.syntheticDeciles()[0]).isZero();
    assertThat(summary.syntheticDeciles()[10]).isEqualTo(0.9);
    // 10% of the way from 0.0 to 0.9 in rank: position 0.3 between 0.0 and 0.1.
    assertThat(summary.syntheticDeciles()[1]).isCloseTo(0.03, within(1e-12));
    assertThat(ClosestRecordSummary.of(new double[] {0.9}, new double[] {0.3}).baselineProtection()).isEqualTo(1.0);
    assertThat(ClosestRecordSummary.of(new double[] {0.0}, new double[] {0.0}).baselineProtection()).isNull();
    assertThatThrownBy(() -> ClosestRecordSummary.of(new double[0], new double[] {1}))
        .hasMessageContaining("at least one synthetic and one baseline row");
  }

  @Test
  void baselineRowsAreUniformOverTheSourceDomainAndReproducible() {
    List<UniformBaseline.Domain> domains = List.of(UniformBaseline.Domain.numeric(-2.0, 6.0),
        UniformBaseline.Domain.categorical(Arrays.asList("a", "b", null)), UniformBaseline.Domain.numeric(null, null));
    List<Object[]> rows = UniformBaseline.rows(domains, 30_000, 11);
    double sum = 0;
    int nulls = 0;
    for (Object[] row : rows) {
      double x = (Double) row[0];
      assertThat(x).isBetween(-2.0, 6.0);
      sum += x;
      nulls += row[1] == null ? 1 : 0;
      assertThat(row[2]).isNull();
    }
    // Uniform on [-2, 6]: mean 2, standard error 8 / sqrt(12 * 30000) ≈ 0.013; a third of the categories missing.
    assertThat(sum / rows.size()).isCloseTo(2.0, within(0.06));
    assertThat(nulls / (double) rows.size()).isCloseTo(1 / 3.0, within(0.015));
    assertThat(UniformBaseline.rows(domains, 5, 11).get(4)).containsExactly(rows.get(4));
  }

  @Test
  void rareCategoriesCountSourceCategoriesBelowTheMinimumThatTheOutputHolds() {
    Map<String, Map<String, Long>> real = Map.of(
        "city", Map.of("Oslo", 100L, "Lima", 4L, "Nuuk", 1L, "Baku", 2L),
        "job", Map.of("dev", 50L, "ops", 3L));
    Map<String, Map<String, Long>> synthetic = Map.of(
        "city", Map.of("Oslo", 90L, "Lima", 7L, "Nuuk", 2L, "Rome", 5L),
        "job", Map.of("dev", 60L));
    PrivacyChecks.RareCategories rare = PrivacyChecks.rareCategories(real, synthetic, 5);
    // Lima (4) and Nuuk (1) are rare and generated; Baku is rare but absent; Rome is not a source category.
    assertThat(rare.categories()).isEqualTo(2);
    assertThat(rare.rows()).isEqualTo(9);
    assertThat(rare.columns()).containsExactly(new PrivacyChecks.RareColumn("city", 2, 9));
    assertThat(PrivacyChecks.rareCategories(real, synthetic, 1).categories()).isZero();
  }

  @Test
  void beyondBoundsTotalsOnlyColumnsWithValuesBeyond() {
    PrivacyChecks.BeyondBounds beyond = PrivacyChecks.beyondBounds(5, List.of(
        new PrivacyChecks.BeyondColumn("age", 0, 0), new PrivacyChecks.BeyondColumn("pay", 3, 4)));
    assertThat(beyond.values()).isEqualTo(7);
    assertThat(beyond.columns()).containsExactly(new PrivacyChecks.BeyondColumn("pay", 3, 4));
  }
}
