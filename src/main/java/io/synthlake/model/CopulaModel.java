package io.synthlake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Gaussian copula: the correlation of the normal scores of {@code columns}, in that order. Always a valid
 * correlation matrix (symmetric, unit diagonal, positive definite).
 */
public record CopulaModel(List<String> columns, double[][] correlation) {
  public CopulaModel {
    columns = List.copyOf(Objects.requireNonNull(columns, "copula columns is required"));
    Objects.requireNonNull(correlation, "copula correlation is required");
    int k = columns.size();
    Checks.require(correlation.length == k, "the correlation matrix must be %dx%d for %d columns", k, k, k);
    double[][] copy = new double[k][];
    for (int i = 0; i < k; i++) {
      Checks.require(correlation[i].length == k, "correlation row %d must have %d entries", i, k);
      copy[i] = correlation[i].clone();
      for (int j = 0; j < k; j++) {
        double r = correlation[i][j];
        Checks.require(Double.isFinite(r) && Math.abs(r) <= 1.0, "correlation[%d][%d] = %s is not in [-1, 1]", i, j,
            r);
      }
      Checks.require(correlation[i][i] == 1.0, "correlation[%d][%d] must be 1", i, i);
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        Checks.require(correlation[i][j] == correlation[j][i], "the correlation matrix must be symmetric (%d, %d)", i,
            j);
      }
    }
    correlation = copy;
  }

  @Override
  public double[][] correlation() {
    double[][] copy = new double[correlation.length][];
    for (int i = 0; i < correlation.length; i++) {
      copy[i] = correlation[i].clone();
    }
    return copy;
  }

  public double correlation(int i, int j) {
    return correlation[i][j];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopulaModel that
        && columns.equals(that.columns)
        && Arrays.deepEquals(correlation, that.correlation);
  }

  @Override
  public int hashCode() {
    return 31 * columns.hashCode() + Arrays.deepHashCode(correlation);
  }

  @Override
  public String toString() {
    return "CopulaModel" + columns;
  }
}
