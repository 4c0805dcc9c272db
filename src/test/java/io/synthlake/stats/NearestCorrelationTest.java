package io.synthlake.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
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
  void keepsTheEntriesMarkedZeroAtZero() {
    // Higham's example with (0, 2) held at 0: [[1, a, 0], [a, 1, a], [0, a, 1]] has eigenvalues 1 and 1 ± a√2, so
    // the nearest such matrix has a = 1/√2 (less the floor's share).
    double[][] a = {{1, 1, 0.3}, {1, 1, 1}, {0.3, 1, 1}};
    boolean[][] zero = {{false, false, true}, {false, false, false}, {true, false, false}};
    double[][] x = NearestCorrelation.repair(a, 1e-9, zero).matrix();
    assertThat(x[0][2]).isEqualTo(0.0);
    assertThat(x[2][0]).isEqualTo(0.0);
    assertThat(x[0][1]).isCloseTo(1 / Math.sqrt(2), within(1e-3));
    assertThat(x[1][2]).isCloseTo(1 / Math.sqrt(2), within(1e-3));
    assertThat(NearestCorrelation.isPositiveDefinite(x, 1e-10)).isTrue();
  }

  @Test
  void aColumnWithALowWeightGivesWayFirst() {
    // Unweighted, Higham's example moves every entry alike (0.7607, 0.1573). With the third column known in 1% of
    // the rows, the first two keep their correlation near 1 and the third's entries move instead, towards each
    // other (0.39 and 0.56).
    double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};
    double[][] x = NearestCorrelation.repair(a, 1e-9, null, new double[] {1, 1, 0.01}).matrix();
    assertThat(x[0][1]).isGreaterThan(0.95);
    assertThat(x[0][2]).isGreaterThan(0.3);
    assertThat(x[1][2]).isLessThan(0.7);
    assertThat(NearestCorrelation.isPositiveDefinite(x, 1e-10)).isTrue();
    // A raised floor binds the matrix, not the weighted one: the light column keeps its correlations.
    double[][] floored = NearestCorrelation.repair(a, 1e-2, null, new double[] {1, 1, 0.01}).matrix();
    assertThat(NearestCorrelation.isPositiveDefinite(floored, 0.5e-2)).isTrue();
    assertThat(floored[1][2]).isGreaterThan(0.3);
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

  @Test
  void repairsTheRankDeficientMatrixOfFewRowsOfDuplicateColumns() {
    // 40 yes/no columns from 5 rows: at most 2^5 patterns, so many columns repeat each other exactly (r = ±1) and
    // the rank is at most 4. commons-math's eigen-decomposition gives up on it ("convergence failed").
    double[][] r = pearson(rows(5, 40, true, 4));
    NearestCorrelation.Repair repair = NearestCorrelation.repair(r, 1e-6);
    assertValidCorrelation(repair.matrix(), 1e-6);
    // Positive semi-definite already: lifting 36 zero eigenvalues to the floor changes next to nothing.
    assertThat(repair.maxChange()).isLessThan(1e-4);
    assertThat(repair.changed()).isTrue();
  }

  @Test
  void repairsTheRankDeficientMatrixOfFewRowsOfContinuousColumns() {
    double[][] r = pearson(rows(5, 40, false, 12));
    NearestCorrelation.Repair repair = NearestCorrelation.repair(r, 1e-6);
    assertValidCorrelation(repair.matrix(), 1e-6);
    assertThat(repair.maxChange()).isLessThan(1e-4);
  }

  @Test
  void shrinksAnIndefiniteMatrixByTheExactShareTheFloorNeeds() {
    // Equicorrelation ρ = -0.9 on 3 columns: eigenvalues 1 + 2ρ = -0.8 and 1 - ρ (twice). (1 - λ)R + λI has
    // smallest eigenvalue (1 - λ)(-0.8) + λ, which reaches the floor f at λ = (f + 0.8) / 1.8.
    double[][] r = {{1, -0.9, -0.9}, {-0.9, 1, -0.9}, {-0.9, -0.9, 1}};
    assertThat(NearestCorrelation.shrinkage(r, 1e-6)).isCloseTo((1e-6 + 0.8) / 1.8, within(1e-12));
    assertThat(NearestCorrelation.shrinkage(new double[][] {{1, 0.5}, {0.5, 1}}, 1e-6)).isZero();
    NearestCorrelation.Repair repair = NearestCorrelation.repair(r, 1e-6);
    assertValidCorrelation(repair.matrix(), 1e-6);
    // Higham's nearest matrix: by symmetry equicorrelated, at the boundary ρ = -1/2 (plus the floor's share).
    assertThat(repair.method()).isEqualTo(NearestCorrelation.Method.NEAREST);
    assertThat(repair.matrix()[0][1]).isCloseTo(-0.5, within(1e-5));
  }

  @Test
  void undefinedAndOutOfRangeEstimatesBecomeAValidMatrix() {
    double[][] r = {{1, Double.NaN, 1.0000001}, {Double.NaN, 1, 0.2}, {1.0000001, 0.2, 1}};
    NearestCorrelation.Repair repair = NearestCorrelation.repair(r, 1e-6);
    assertValidCorrelation(repair.matrix(), 1e-6);
    assertThat(repair.changed()).isTrue();
    assertThat(repair.matrix()[0][2]).isLessThan(1.0);
  }

  @Test
  void staysValidOverManySmallWideTables() {
    for (int seed = 0; seed < 60; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int rows = 2 + random.nextInt(6);
      int columns = 10 + random.nextInt(40);
      double[][] r = pearson(rows(rows, columns, random.nextBoolean(), seed));
      assertValidCorrelation(NearestCorrelation.repair(r, 1e-6).matrix(), 1e-6);
    }
  }

  private static void assertValidCorrelation(double[][] x, double floor) {
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i][i]).isEqualTo(1.0);
      for (int j = 0; j < x.length; j++) {
        assertThat(x[i][j]).isEqualTo(x[j][i]).isBetween(-1.0, 1.0);
      }
    }
    assertThat(Cholesky.factor(x)).isNotNull();
    assertThat(NearestCorrelation.isPositiveDefinite(x, floor * 0.5)).isTrue();
  }

  private static double[][] rows(int rows, int columns, boolean binary, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][columns];
    for (double[] row : x) {
      for (int c = 0; c < columns; c++) {
        row[c] = binary ? random.nextInt(2) : random.nextGaussian();
      }
    }
    return x;
  }

  /** Pearson correlations of the columns; undefined (a constant column) is 0, as the fit sets it. */
  private static double[][] pearson(double[][] x) {
    int n = x.length;
    int k = x[0].length;
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double mi = 0;
        double mj = 0;
        for (double[] row : x) {
          mi += row[i] / n;
          mj += row[j] / n;
        }
        double sij = 0;
        double sii = 0;
        double sjj = 0;
        for (double[] row : x) {
          sij += (row[i] - mi) * (row[j] - mj);
          sii += (row[i] - mi) * (row[i] - mi);
          sjj += (row[j] - mj) * (row[j] - mj);
        }
        double value = sij / Math.sqrt(sii * sjj);
        r[i][j] = i == j ? 1.0 : Double.isNaN(value) ? 0.0 : value;
      }
    }
    return r;
  }
}
