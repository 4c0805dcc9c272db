package io.synthlake.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Repairs an estimated correlation matrix into the nearest valid one: symmetric, unit diagonal and positive
 * definite with every eigenvalue at least {@code minEigenvalue}.
 *
 * <p>Pairwise-complete estimates (used when columns have nulls) and rounding can leave a matrix that is not
 * positive semi-definite, and a copula cannot sample from it. The repair is Higham's alternating projections with
 * Dykstra's correction (Higham 2002, "Computing the nearest correlation matrix"), which converges to the nearest
 * matrix in the Frobenius norm, followed by a final eigenvalue floor and rescale that guarantees a Cholesky
 * factor exists.
 */
public final class NearestCorrelation {
  private static final int MAX_ITERATIONS = 500;
  private static final double TOLERANCE = 1e-12;

  private NearestCorrelation() {}

  /** The result and how far it moved from the input (largest absolute change of one entry). */
  public record Repair(double[][] matrix, double maxChange, boolean changed) {}

  public static Repair repair(double[][] estimate, double minEigenvalue) {
    int k = estimate.length;
    double[][] symmetric = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        symmetric[i][j] = i == j ? 1.0 : 0.5 * (estimate[i][j] + estimate[j][i]);
      }
    }
    double[][] result = isPositiveDefinite(symmetric, minEigenvalue)
        ? symmetric
        : symmetrise(floorAndRescale(alternatingProjections(symmetric, minEigenvalue), minEigenvalue));
    double maxChange = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        maxChange = Math.max(maxChange, Math.abs(result[i][j] - estimate[i][j]));
      }
    }
    return new Repair(result, maxChange, maxChange > 0);
  }

  /** True when the smallest eigenvalue is at least {@code minEigenvalue} and a Cholesky factor exists. */
  public static boolean isPositiveDefinite(double[][] matrix, double minEigenvalue) {
    if (matrix.length == 0) {
      return true;
    }
    RealMatrix m = new Array2DRowRealMatrix(matrix, false);
    double[] eigenvalues = new EigenDecomposition(m).getRealEigenvalues();
    for (double value : eigenvalues) {
      if (!(value >= minEigenvalue * (1 - 1e-9))) {
        return false;
      }
    }
    try {
      new CholeskyDecomposition(m, 1e-12, 1e-15);
      return true;
    } catch (NonPositiveDefiniteMatrixException e) {
      return false;
    }
  }

  private static double[][] alternatingProjections(double[][] a, double minEigenvalue) {
    int k = a.length;
    double[][] y = copy(a);
    double[][] correction = new double[k][k];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] r = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          r[i][j] = y[i][j] - correction[i][j];
        }
      }
      double[][] x = projectOntoEigenvalueFloor(r, minEigenvalue);
      double change = 0;
      double norm = 0;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          correction[i][j] = x[i][j] - r[i][j];
          double next = i == j ? 1.0 : x[i][j];
          change += (next - y[i][j]) * (next - y[i][j]);
          norm += next * next;
          y[i][j] = next;
        }
      }
      if (Math.sqrt(change) <= TOLERANCE * Math.sqrt(norm)) {
        break;
      }
    }
    return y;
  }

  private static double[][] projectOntoEigenvalueFloor(double[][] matrix, double minEigenvalue) {
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
    double[] values = eigen.getRealEigenvalues();
    RealMatrix vectors = eigen.getV();
    int k = matrix.length;
    double[][] result = new double[k][k];
    for (int e = 0; e < k; e++) {
      double value = Math.max(values[e], minEigenvalue);
      double[] v = vectors.getColumn(e);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          result[i][j] += value * v[i] * v[j];
        }
      }
    }
    return result;
  }

  /** Clips eigenvalues at the floor and rescales to unit diagonal: always yields a valid correlation matrix. */
  private static double[][] floorAndRescale(double[][] matrix, double minEigenvalue) {
    double[][] floored = projectOntoEigenvalueFloor(matrix, minEigenvalue);
    int k = floored.length;
    double[][] result = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        result[i][j] = i == j ? 1.0 : floored[i][j] / Math.sqrt(floored[i][i] * floored[j][j]);
      }
    }
    return result;
  }

  /** Eigen-decompositions leave last-bit asymmetries; a correlation matrix must be exactly symmetric. */
  private static double[][] symmetrise(double[][] matrix) {
    for (int i = 0; i < matrix.length; i++) {
      matrix[i][i] = 1.0;
      for (int j = i + 1; j < matrix.length; j++) {
        double mean = 0.5 * (matrix[i][j] + matrix[j][i]);
        matrix[i][j] = mean;
        matrix[j][i] = mean;
      }
    }
    return matrix;
  }

  private static double[][] copy(double[][] matrix) {
    double[][] result = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      result[i] = matrix[i].clone();
    }
    return result;
  }
}
