package io.synthlake.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterRngTest {
  @Test
  void pinnedGoldenValuesNeverChange() {
    // Changing these changes every model and every generated table: only ever on purpose.
    assertThat(CounterRng.mix64(0)).isEqualTo(0L);
    assertThat(CounterRng.mix64(1)).isEqualTo(0x5692161D100B05E5L);
    assertThat(CounterRng.hash(42, 7, 3)).isEqualTo(CounterRng.hash(42, 7, 3));
    assertThat(CounterRng.hashString("adult")).isEqualTo(CounterRng.hashString("adult"));
    assertThat(CounterRng.toOpenUnit(0)).isEqualTo(0x1.0p-53);
    assertThat(CounterRng.toOpenUnit(-1)).isEqualTo(1.0 - 0x1.0p-53).isLessThan(1.0);
  }

  @Test
  void keysThatDifferInOneWordGiveUnrelatedValues() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      for (long a = 0; a < 100; a++) {
        for (long b = 0; b < 100; b++) {
          seen.add(CounterRng.hash(seed, a, b));
        }
      }
    }
    assertThat(seen).hasSize(100_000);
    assertThat(CounterRng.hash(1, 2, 3)).isNotEqualTo(CounterRng.hash(1, 3, 2));
    assertThat(CounterRng.hash(1, 2, 3, 4)).isNotEqualTo(CounterRng.hash(1, 2, 3, 5));
  }

  @Test
  void uniformsHaveTheMomentsOfUniforms() {
    int n = 1_000_000;
    double sum = 0;
    double sumSquares = 0;
    int[] deciles = new int[10];
    for (int row = 0; row < n; row++) {
      double u = CounterRng.toOpenUnit(CounterRng.hash(7, row, 0));
      assertThat(u).isStrictlyBetween(0.0, 1.0);
      sum += u;
      sumSquares += u * u;
      deciles[(int) (u * 10)]++;
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(0.5, within(0.002));
    assertThat(sumSquares / n - mean * mean).isCloseTo(1.0 / 12, within(0.001));
    for (int count : deciles) {
      assertThat(count).isCloseTo(n / 10, within(1500));
    }
  }
}
