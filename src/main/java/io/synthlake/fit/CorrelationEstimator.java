package io.synthlake.fit;

import io.synthlake.model.CopulaModel;
import io.synthlake.stats.NearestCorrelation;
import java.util.List;

/**
 * Turns pairwise moments of normal scores into the copula's correlation matrix: undefined pairs (no rows with both
 * values, or a constant score) become 0, the matrix is repaired to the nearest valid correlation matrix, and
 * entries are rounded to 6 decimals for the model file (re-checked to stay positive definite).
 */
public final class CorrelationEstimator {
  static final double MIN_EIGENVALUE = 1e-6;
  private static final double ROUNDING = 1e6;

  private CorrelationEstimator() {}

  public static CopulaModel estimate(List<String> columns, PairwiseMoments moments, FitNotes notes) {
    int k = columns.size();
    double[][] raw = new double[k][k];
    int undefined = 0;
    for (int i = 0; i < k; i++) {
      raw[i][i] = 1.0;
      for (int j = i + 1; j < k; j++) {
        double r = moments.correlation(i, j);
        if (Double.isNaN(r)) {
          undefined++;
          notes.table("correlation of %s and %s is undefined (%d rows with both values): set to 0", columns.get(i),
              columns.get(j), moments.pairCount(i, j));
          r = 0.0;
        }
        raw[i][j] = r;
        raw[j][i] = r;
      }
    }
    double floor = MIN_EIGENVALUE;
    double[][] matrix = raw;
    NearestCorrelation.Repair repair = NearestCorrelation.repair(matrix, floor);
    if (repair.changed()) {
      notes.table("correlation matrix repaired to the nearest positive definite one (largest change %.2e)",
          repair.maxChange());
    }
    matrix = round(repair.matrix());
    while (!NearestCorrelation.isPositiveDefinite(matrix, floor / 10)) {
      floor *= 10;
      matrix = round(NearestCorrelation.repair(matrix, floor).matrix());
    }
    if (undefined > 0) {
      notes.table("%d of %d correlations undefined and set to 0", undefined, k * (k - 1) / 2);
    }
    return new CopulaModel(columns, matrix);
  }

  private static double[][] round(double[][] matrix) {
    int k = matrix.length;
    double[][] rounded = new double[k][k];
    for (int i = 0; i < k; i++) {
      rounded[i][i] = 1.0;
      for (int j = i + 1; j < k; j++) {
        double r = Math.rint(matrix[i][j] * ROUNDING) / ROUNDING;
        rounded[i][j] = r;
        rounded[j][i] = r;
      }
    }
    return rounded;
  }
}
