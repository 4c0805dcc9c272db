package io.synthlake.stats;

import java.io.Serializable;

/**
 * The lower-triangular Cholesky factor L of a correlation matrix (R = L·Lᵀ), stored row by row, so that
 * z = L·g turns independent standard normals g into normals with correlation R. Row i only reads g[0..i], which
 * lets a sampler compute any subset of the z's.
 */
public final class Cholesky implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A pivot at or below this is treated as not positive definite. */
  private static final double MIN_PIVOT = 1e-12;

  private final int size;
  private final double[] lower;

  private Cholesky(int size, double[] lower) {
    this.size = size;
    this.lower = lower;
  }

  /** The factor, or null when the matrix is not (numerically) positive definite. */
  public static Cholesky factor(double[][] matrix) {
    int n = matrix.length;
    double[] l = new double[n * (n + 1) / 2];
    for (int i = 0; i < n; i++) {
      int rowI = i * (i + 1) / 2;
      for (int j = 0; j <= i; j++) {
        int rowJ = j * (j + 1) / 2;
        double sum = matrix[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[rowI + k] * l[rowJ + k];
        }
        if (i == j) {
          if (!(sum > MIN_PIVOT)) {
            return null;
          }
          l[rowI + i] = Math.sqrt(sum);
        } else {
          l[rowI + j] = sum / l[rowJ + j];
        }
      }
    }
    return new Cholesky(n, l);
  }

  public int size() {
    return size;
  }

  /** (L·g)[row]: the row-th correlated normal from the independent normals g (only g[0..row] are read). */
  public double apply(int row, double[] g) {
    int start = row * (row + 1) / 2;
    double sum = 0;
    for (int k = 0; k <= row; k++) {
      sum += lower[start + k] * g[k];
    }
    return sum;
  }

  /**
   * (L·g)[row] for a run of rows at once: {@code out[i] = Σ_k L[row][k]·normals[k][i]} for i below count, summed
   * in the same order as {@link #apply(int, double[])}. The loops over i are simple enough to vectorise.
   */
  public void apply(int row, double[][] normals, double[] out, int count) {
    int start = row * (row + 1) / 2;
    double first = lower[start];
    double[] g0 = normals[0];
    for (int i = 0; i < count; i++) {
      out[i] = first * g0[i];
    }
    for (int k = 1; k <= row; k++) {
      double weight = lower[start + k];
      double[] gk = normals[k];
      for (int i = 0; i < count; i++) {
        out[i] += weight * gk[i];
      }
    }
  }

  /** L[i][j], for tests and reports. */
  public double entry(int i, int j) {
    return j > i ? 0.0 : lower[i * (i + 1) / 2 + j];
  }
}
