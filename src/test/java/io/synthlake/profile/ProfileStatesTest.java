package io.synthlake.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProfileStatesTest {
  @Test
  void extremeValuesAreTheExactKthSmallestAndLargestAndMergeLikeTheUnion() {
    SplittableRandom random = new SplittableRandom(1);
    double[] values = random.doubles(10_000, -1e6, 1e6).toArray();
    ExtremeValues left = new ExtremeValues(5);
    ExtremeValues right = new ExtremeValues(5);
    ExtremeValues whole = new ExtremeValues(5);
    for (int i = 0; i < values.length; i++) {
      (i % 3 == 0 ? left : right).add(values[i]);
      whole.add(values[i]);
    }
    left.merge(right);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    assertThat(whole.kthSmallest()).isEqualTo(sorted[4]);
    assertThat(whole.kthLargest()).isEqualTo(sorted[sorted.length - 5]);
    assertThat(left.kthSmallest()).isEqualTo(whole.kthSmallest());
    assertThat(left.kthLargest()).isEqualTo(whole.kthLargest());
  }

  @Test
  void stepLadderFindsTheResolutionOfTheData() {
    assertThat(resolution(StepLadder.DECIMAL, 1e-9, 12.34, 0.07, 100.1, -3.0)).isEqualTo(0.01);
    assertThat(resolution(StepLadder.DECIMAL, 1e-9, 1000, 25000, -3000)).isEqualTo(1000);
    assertThat(resolution(StepLadder.DECIMAL, 1e-9, Math.PI, 1.0)).isEqualTo(0.0);
    assertThat(resolution(StepLadder.INTEGER, 1e-9, 17, 90, 35)).isEqualTo(1);
    assertThat(resolution(StepLadder.EPOCH_MICROS, 1e-9, 1_699_999_980_000_000.0, 1_700_000_040_000_000.0))
        .isEqualTo(60e6);
    // floats: 0.1f is 0.10000000149011612 as a double
    assertThat(resolution(StepLadder.DECIMAL, 1e-6, (double) 0.1f, (double) 2.3f)).isEqualTo(0.1);
  }

  private static double resolution(StepLadder ladder, double tolerance, double... values) {
    NumericProfileState state = new NumericProfileState(ladder, tolerance, 100);
    for (double value : values) {
      state.add(value);
    }
    return state.summary().resolution();
  }

  @Test
  void numericProfileCountsExactlyWhileDistinctValuesAreFewAndSurvivesSerialisation() throws Exception {
    NumericProfileState a = new NumericProfileState(StepLadder.INTEGER, 1e-9, 100);
    NumericProfileState b = new NumericProfileState(StepLadder.INTEGER, 1e-9, 100);
    for (int i = 0; i < 1000; i++) {
      (i % 2 == 0 ? a : b).add(i % 10);
    }
    a.add(Double.NaN);
    b.add(Double.POSITIVE_INFINITY);
    b.add(-0.0);
    a.merge(roundTrip(b));
    NumericSummary summary = a.summary();
    assertThat(summary.nonNull()).isEqualTo(1003);
    assertThat(summary.nan()).isEqualTo(1);
    assertThat(summary.positiveInfinity()).isEqualTo(1);
    assertThat(summary.finite()).isEqualTo(1001);
    assertThat(summary.frequent().exact()).isTrue();
    assertThat(summary.frequent().items()).hasSize(10);
    assertThat(summary.frequent().items()).filteredOn(item -> item.value() == 0.0)
        .singleElement().satisfies(item -> assertThat(item.estimate()).isEqualTo(101));
    assertThat(summary.distinctEstimate()).isCloseTo(10, within(0.5));
  }

  @Test
  void frequentValuesBecomeBoundsBeyondTheExactCapacity() {
    NumericProfileState state = new NumericProfileState(StepLadder.DECIMAL, 1e-9, 100);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      state.add(i % 4 == 0 ? 0.0 : random.nextDouble());
    }
    FrequentValues<Double> frequent = state.summary().frequent();
    assertThat(frequent.exact()).isFalse();
    FrequentValues.Item<Double> zero = frequent.items().stream().filter(item -> item.value() == 0.0).findFirst()
        .orElseThrow();
    assertThat(zero.lowerBound()).isLessThanOrEqualTo(25_000).isGreaterThan(24_000);
    assertThat(state.summary().distinctEstimate()).isCloseTo(75_000, within(75_000 * 0.05));
  }

  @Test
  void textShapeMergesLikeTheUnion() {
    TextShapeState a = new TextShapeState();
    TextShapeState b = new TextShapeState();
    TextShapeState whole = new TextShapeState();
    String[] values = {"AB-1234", "CD-5678", "EF-9012", "GH-3456 x"};
    for (int i = 0; i < values.length; i++) {
      (i < 2 ? a : b).add(values[i]);
      whole.add(values[i]);
    }
    a.merge(b);
    TextShapeSummary merged = a.summary();
    TextShapeSummary expected = whole.summary();
    assertThat(merged.lengthCounts()).isEqualTo(expected.lengthCounts());
    assertThat(merged.characterCounts()).isEqualTo(expected.characterCounts());
    assertThat(merged.classCounts()).isDeepEqualTo(expected.classCounts());
    assertThat(merged.literals()).isEqualTo(expected.literals());
    assertThat(merged.literals().get(2)).isEqualTo('-');
    assertThat(merged.literals().get(0)).isNull();
    assertThat(merged.valuesWithWhitespace()).isEqualTo(1);
    assertThat(merged.maxLength()).isEqualTo(9);
    assertThat(merged.classCounts()[0][TextShapeState.UPPER]).isEqualTo(4);
  }

  @Test
  void momentsMergeLikeTheUnionEvenWithLargeOffsets() {
    Moments left = new Moments();
    Moments right = new Moments();
    Moments whole = new Moments();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      double value = 1.7e15 + random.nextDouble() * 1e6;
      (i % 2 == 0 ? left : right).add(value);
      whole.add(value);
    }
    left.merge(right);
    assertThat(left.count()).isEqualTo(10_000);
    assertThat(left.mean()).isCloseTo(whole.mean(), within(4.0)); // a few ulps of 1.7e15
    assertThat(left.variance()).isCloseTo(whole.variance(), within(whole.variance() * 1e-6));
    assertThat(Math.sqrt(whole.variance())).isCloseTo(1e6 / Math.sqrt(12), within(1e4));
    Moments weighted = new Moments();
    weighted.add(2.0, 3);
    weighted.add(4.0, 1);
    assertThat(weighted.mean()).isEqualTo(2.5);
    assertThat(weighted.variance()).isCloseTo(0.75, within(1e-12));
    assertThat(weighted.allPositive()).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
