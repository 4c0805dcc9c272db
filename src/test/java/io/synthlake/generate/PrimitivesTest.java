package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.fit.SourceType;
import io.synthlake.stats.Cholesky;
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
}
