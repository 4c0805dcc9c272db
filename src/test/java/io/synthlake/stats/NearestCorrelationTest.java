package io.synthlake.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NearestCorrelationTest {
  @Test
  void repairsHighamsExampleToTheKnownNearestMatrix() {
    // Higham (2002), section 4: the nearest correlation matrix to this one has off-diagonals 0.7607 and 0.1573.
    double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};
    NearestCorrelation.Repair repair = NearestCorrelation.repair(a, 1e-9);
    double[][] x = repair.matrix();
    assertThat(repair.changed()).isTrue();
    assertThat(x[0][1]).isCloseTo(0.7607, within(1e-4));
    assertThat(x[1][2]).isCloseTo(0.7607, within(1e-4));
    assertThat(x[0][2]).isCloseTo(0.1573, within(1e-4));
    for (int i = 0; i < 3; i++) {
      assertThat(x[i][i]).isEqualTo(1.0);
      for (int j = 0; j < 3; j++) {
        assertThat(x[i][j]).isEqualTo(x[j][i]);
      }
    }
    assertThat(NearestCorrelation.isPositiveDefinite(x, 1e-10)).isTrue();
  }

  @Test
  void leavesAValidMatrixAlone() {
    double[][] valid = {{1, 0.5, 0.2}, {0.5, 1, 0.3}, {0.2, 0.3, 1}};
    NearestCorrelation.Repair repair = NearestCorrelation.repair(valid, 1e-6);
    assertThat(repair.changed()).isFalse();
    assertThat(repair.matrix()).isDeepEqualTo(valid);
  }

  @Test
  void enforcesTheEigenvalueFloor() {
    double[][] singular = {{1, 1}, {1, 1}};
    double[][] x = NearestCorrelation.repair(singular, 1e-4).matrix();
    assertThat(NearestCorrelation.isPositiveDefinite(x, 1e-4)).isTrue();
    assertThat(x[0][1]).isCloseTo(1.0, within(1e-3)).isLessThan(1.0);
  }
}
