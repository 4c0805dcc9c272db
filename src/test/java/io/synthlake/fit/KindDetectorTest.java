package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.config.FitConfig;
import io.synthlake.model.ColumnKind;
import io.synthlake.profile.NumericProfileState;
import io.synthlake.profile.NumericSummary;
import io.synthlake.profile.StepLadder;
import io.synthlake.profile.StringProfileState;
import io.synthlake.profile.StringSummary;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class KindDetectorTest {
  private final KindDetector detector = new KindDetector(FitConfig.defaults());

  private static NumericSummary numbers(int n, IntFunction<Double> value) {
    NumericProfileState state = new NumericProfileState(StepLadder.DECIMAL, 1e-9, 2000);
    for (int i = 0; i < n; i++) {
      Double v = value.apply(i);
      if (v != null) {
        state.add(v);
      }
    }
    return state.summary();
  }

  private static StringSummary strings(int n, IntFunction<String> value) {
    StringProfileState state = new StringProfileState(2000);
    for (int i = 0; i < n; i++) {
      String v = value.apply(i);
      if (v != null) {
        state.add(v);
      }
    }
    return state.summary();
  }

  private static ColumnSpec spec(String name, SourceType type) {
    return new ColumnSpec(name, type.name().toLowerCase(), type, 0, null);
  }

  @Test
  void numericKinds() {
    assertThat(detector.forNumeric(spec("age", SourceType.INT), numbers(1000, i -> (double) (i % 70))).kind())
        .isEqualTo(ColumnKind.INTEGER);
    assertThat(detector.forNumeric(spec("price", SourceType.DOUBLE), numbers(1000, i -> i * 0.5)).kind())
        .isEqualTo(ColumnKind.CONTINUOUS);
    assertThat(detector.forNumeric(spec("customer_id", SourceType.LONG), numbers(5000, i -> (double) i)).kind())
        .isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(detector.forNumeric(spec("CustomerID", SourceType.INT), numbers(5000, i -> (double) i)).kind())
        .isEqualTo(ColumnKind.IDENTIFIER);
    // near-unique numbers without a key-like name are measurements
    assertThat(detector.forNumeric(spec("amount_cents", SourceType.LONG), numbers(5000, i -> (double) i)).kind())
        .isEqualTo(ColumnKind.INTEGER);
    assertThat(detector.forNumeric(spec("day", SourceType.DATE), numbers(100, i -> (double) i)).kind())
        .isEqualTo(ColumnKind.DATE);
    assertThat(detector.forNumeric(spec("at", SourceType.TIMESTAMP), numbers(100, i -> i * 1e6)).kind())
        .isEqualTo(ColumnKind.TIMESTAMP);
    assertThat(detector.forNumeric(spec("flag", SourceType.INT), numbers(100, i -> 1.0)).kind())
        .isEqualTo(ColumnKind.CONSTANT);
    KindDetector.Decision allNull = detector.forNumeric(spec("gone", SourceType.DOUBLE), numbers(100, i -> null));
    assertThat(allNull.kind()).isEqualTo(ColumnKind.CONSTANT);
    assertThat(allNull.reason()).isEqualTo("null in every row");
  }

  @Test
  void textKinds() {
    assertThat(detector.forText(spec("state", SourceType.STRING), strings(1000, i -> "S" + (i % 50))).kind())
        .isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(detector.forText(spec("sku", SourceType.STRING), strings(5000, i -> "SKU-" + (100000 + i))).kind())
        .isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(detector.forText(spec("review", SourceType.STRING),
        strings(5000, i -> "great product number " + i)).kind()).isEqualTo(ColumnKind.TEXT);
    assertThat(detector.forText(spec("active", SourceType.BOOLEAN),
        strings(100, i -> i % 3 == 0 ? "true" : "false")).kind()).isEqualTo(ColumnKind.BOOLEAN);
    assertThat(detector.forText(spec("country", SourceType.STRING), strings(100, i -> "FR")).kind())
        .isEqualTo(ColumnKind.CONSTANT);
    // 5000 labels, but the 1000 most frequent cover most rows: categorical with a cap
    assertThat(detector.forText(spec("city", SourceType.STRING),
        strings(20_000, i -> "city" + (i % 4 == 0 ? i % 5000 : i % 300))).kind()).isEqualTo(ColumnKind.CATEGORICAL);
    // 5000 labels evenly spread, not near-unique: free text
    assertThat(detector.forText(spec("name", SourceType.STRING), strings(20_000, i -> "n" + (i % 5000))).kind())
        .isEqualTo(ColumnKind.TEXT);
  }

  @Test
  void configurationWins() {
    ColumnSpec forced = new ColumnSpec("code", "int", SourceType.INT, 0, ColumnKind.CATEGORICAL);
    KindDetector.Decision decision = detector.forNumeric(forced, numbers(100, i -> (double) i));
    assertThat(decision.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(decision.reason()).isEqualTo("kind set in the configuration");
  }

  @Test
  void keyNames() {
    assertThat(KindDetector.looksLikeKeyName("id")).isTrue();
    assertThat(KindDetector.looksLikeKeyName("order_id")).isTrue();
    assertThat(KindDetector.looksLikeKeyName("orderKey")).isTrue();
    assertThat(KindDetector.looksLikeKeyName("ORDER-NO")).isTrue();
    assertThat(KindDetector.looksLikeKeyName("paid")).isFalse();
    assertThat(KindDetector.looksLikeKeyName("idle_time")).isFalse();
  }
}
