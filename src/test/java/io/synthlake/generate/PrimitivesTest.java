package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.fit.SourceType;
import io.synthlake.stats.Cholesky;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimitivesTest {
  @Test
  void feistelIsABijectionOnEveryDomainSize() {
    for (long domain = 1; domain <= 300; domain++) {
      FeistelPermutation permutation = new FeistelPermutation(domain, 99 + domain);
      Set<Long> seen = new HashSet<>();
      for (long i = 0; i < domain; i++) {
        long value = permutation.apply(i);
        assertThat(value).isBetween(0L, domain - 1);
        seen.add(value);
      }
      assertThat(seen).hasSize((int) domain);
    }
  }

  @Test
  void choleskyFactorReproducesTheMatrix() {
    double[][] r = {{1, 0.5, -0.2}, {0.5, 1, 0.3}, {-0.2, 0.3, 1}};
    Cholesky l = Cholesky.factor(r);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += l.entry(i, k) * l.entry(j, k);
        }
        assertThat(sum).isCloseTo(r[i][j], within(1e-12));
      }
    }
    assertThat(Cholesky.factor(new double[][] {{1, 1.2}, {1.2, 1}})).isNull();
  }

  @Test
  void choleskyAppliedToRunsOfRowsEqualsTheRowByRowProduct() {
    Cholesky l = Cholesky.factor(new double[][] {{1, 0.5, -0.2}, {0.5, 1, 0.3}, {-0.2, 0.3, 1}});
    int rows = 37;
    double[][] normals = new double[3][rows];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < rows; i++) {
        normals[k][i] = Math.sin(7.0 * i + k);
      }
    }
    double[] out = new double[rows];
    for (int row = 0; row < 3; row++) {
      l.apply(row, normals, out, rows);
      for (int i = 0; i < rows; i++) {
        double[] g = {normals[0][i], normals[1][i], normals[2][i]};
        assertThat(out[i]).isEqualTo(l.apply(row, g));
      }
    }
  }

  @Test
  void numbersAreRoundedToTheirResolutionAndTypeRange() {
    NumberWriter cents = new NumberWriter(OutputType.parse("double"), 0.01);
    assertThat(cents.restore(0.1 + 0.2)).isEqualTo(0.3);
    assertThat(cents.restore(12.345678)).isEqualTo(12.35);
    NumberWriter seconds = new NumberWriter(OutputType.parse("timestamp"), 1e6);
    assertThat(seconds.restore(1_700_000_000_400_000.0)).isEqualTo(1_700_000_000_000_000.0);
    NumberWriter bytes = new NumberWriter(OutputType.parse("tinyint"), 1);
    assertThat(bytes.restore(1000)).isEqualTo(127);
  }

  @Test
  void outputTypesParseFromModelDdlNames() {
    assertThat(OutputType.parse("decimal(12,3)")).isEqualTo(new OutputType(SourceType.DECIMAL, 12, 3));
    assertThat(OutputType.parse("string collate UTF8_LCASE").type()).isEqualTo(SourceType.STRING);
    assertThat(OutputType.parse("timestamp_ntz").type()).isEqualTo(SourceType.TIMESTAMP_NTZ);
    assertThat(OutputType.parse("map<string,int>")).isNull();
  }

  @Test
  void decimalsNeverExceedTheirTypeAtItsExtremes() {
    // decimal(38,18) holds at most 10^20 - 10^-18; as a double that bound is 1e20, one past it.
    BigDecimal max38 = new BigDecimal("99999999999999999999.999999999999999999");
    NumberWriter wide = new NumberWriter(OutputType.parse("decimal(38,18)"), 0);
    RecordingSink sink = new RecordingSink(18);
    double[] values = {max38.doubleValue(), -max38.doubleValue(), 1e21, -1e300, 12.5, 0};
    for (int i = 0; i < values.length; i++) {
      wide.put(sink, i, values[i]);
    }
    assertThat(sink.values).containsExactly(max38, max38.negate(), max38, max38.negate(),
        new BigDecimal("12.500000000000000000"), new BigDecimal("0E-18"));
    for (Object value : sink.values) {
      assertThat(((BigDecimal) value).precision()).isLessThanOrEqualTo(38);
    }

    // decimal(18,2) holds at most 10^16 - 0.01, unscaled 10^18 - 1: the double bound 1e16 is one past it.
    NumberWriter narrow = new NumberWriter(OutputType.parse("decimal(18,2)"), 0.01);
    RecordingSink cents = new RecordingSink(2);
    narrow.put(cents, 0, 1e16);
    narrow.put(cents, 1, -2e16);
    narrow.put(cents, 2, 1234.56);
    assertThat(cents.values).containsExactly(new BigDecimal("9999999999999999.99"),
        new BigDecimal("-9999999999999999.99"), new BigDecimal("1234.56"));
  }
}
