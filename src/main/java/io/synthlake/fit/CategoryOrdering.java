package io.synthlake.fit;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Orders a categorical column's categories on the copula's scale so that a Gaussian copula can carry its
 * relationships. A copula relates columns through one axis per column; with categories laid out by frequency that
 * axis is arbitrary, and a relationship such as education ↔ years of education shows as a weak correlation.
 *
 * <p>This is optimal scaling in the manner of correspondence analysis: per category, the mean normal score of
 * every other copula column is collected in one pass; the categories are then placed along the first principal
 * axis of those means (weighted by the categories' shares), the single direction in which the categories differ
 * most in what goes with them. A category that comes with high incomes and long schooling lands at one end, its
 * opposite at the other, and the copula's correlation then carries that axis. The other bucket keeps its place at
 * the end of the scale.
 */
public final class CategoryOrdering implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int POWER_ITERATIONS = 300;
  private static final double SCORE_PRECISION = 1e9;

  private final int width;
  private final int[] columns;
  private final int[] categories;
  /** Per ordered column: [category * width + d] sum and count of column d's normal scores. */
  private final double[][] sums;
  private final long[][] counts;

  /**
   * @param width the copula's column count
   * @param columns the copula positions of the columns to order
   * @param categories per such column, its stored categories (its other bucket excluded)
   */
  public CategoryOrdering(int width, int[] columns, int[] categories) {
    this.width = width;
    this.columns = columns.clone();
    this.categories = categories.clone();
    this.sums = new double[columns.length][];
    this.counts = new long[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      sums[c] = new double[categories[c] * width];
      counts[c] = new long[categories[c] * width];
    }
  }

  /** Cells held per state: the cost of ordering, in sums and counts, which the caller keeps bounded. */
  public static long cells(int width, int[] categories) {
    return (long) width * Arrays.stream(categories).asLongStream().sum();
  }

  /**
   * Adds one row.
   *
   * @param z the row's normal scores per copula column (NaN where it takes no part)
   * @param slots per ordered column, the row's category slot (-1 when missing; the other bucket's slot or beyond
   *     is ignored)
   */
  public void add(double[] z, int[] slots) {
    for (int c = 0; c < columns.length; c++) {
      int slot = slots[c];
      if (slot < 0 || slot >= categories[c]) {
        continue;
      }
      int base = slot * width;
      double[] sum = sums[c];
      long[] count = counts[c];
      for (int d = 0; d < width; d++) {
        double value = z[d];
        if (!Double.isNaN(value)) {
          sum[base + d] += value;
          count[base + d]++;
        }
      }
    }
  }

  public void merge(CategoryOrdering other) {
    for (int c = 0; c < columns.length; c++) {
      for (int i = 0; i < sums[c].length; i++) {
        sums[c][i] += other.sums[c][i];
        counts[c][i] += other.counts[c][i];
      }
    }
  }

  /**
   * The new order of the i-th ordered column's categories: element k is the current index of the category that
   * goes k-th. The identity when the column shows no relationship at all.
   */
  public int[] order(int i) {
    int k = categories[i];
    int own = columns[i];
    double[] share = new double[k];
    double total = 0;
    for (int s = 0; s < k; s++) {
      share[s] = counts[i][s * width + own];
      total += share[s];
    }
    double[][] means = new double[k][width];
    for (int d = 0; d < width; d++) {
      if (d == own) {
        continue;
      }
      double centre = 0;
      for (int s = 0; s < k; s++) {
        long n = counts[i][s * width + d];
        means[s][d] = n == 0 ? 0 : sums[i][s * width + d] / n;
        centre += total == 0 ? 0 : share[s] / total * means[s][d];
      }
      for (int s = 0; s < k; s++) {
        means[s][d] -= centre;
      }
    }
    double[] axis = principalAxis(means, share, total);
    double[] score = new double[k];
    for (int s = 0; s < k; s++) {
      for (int d = 0; d < width; d++) {
        score[s] += means[s][d] * axis[d];
      }
      // Sums merged in another order differ in the last bits: rounded, the same data gives the same order on
      // any partitioning (ties keep the frequency order).
      score[s] = Math.rint(score[s] * SCORE_PRECISION) / SCORE_PRECISION;
    }
    return IntStream.range(0, k).boxed()
        .sorted(Comparator.<Integer>comparingDouble(s -> score[s]).thenComparingInt(s -> s))
        .mapToInt(Integer::intValue).toArray();
  }

  /** The leading eigenvector of the share-weighted scatter of the centred means, by power iteration. */
  private double[] principalAxis(double[][] means, double[] share, double total) {
    double[][] scatter = new double[width][width];
    for (int s = 0; s < means.length; s++) {
      double weight = total == 0 ? 0 : share[s] / total;
      for (int d = 0; d < width; d++) {
        for (int e = 0; e < width; e++) {
          scatter[d][e] += weight * means[s][d] * means[s][e];
        }
      }
    }
    // Start from the column the categories separate most: never orthogonal to the leading axis in practice.
    double[] axis = new double[width];
    int start = 0;
    for (int d = 1; d < width; d++) {
      start = scatter[d][d] > scatter[start][start] ? d : start;
    }
    axis[start] = 1;
    for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
      double[] next = new double[width];
      double norm = 0;
      for (int d = 0; d < width; d++) {
        for (int e = 0; e < width; e++) {
          next[d] += scatter[d][e] * axis[e];
        }
        norm += next[d] * next[d];
      }
      if (norm == 0) {
        return axis;
      }
      norm = Math.sqrt(norm);
      for (int d = 0; d < width; d++) {
        next[d] /= norm;
      }
      axis = next;
    }
    return axis;
  }
}
