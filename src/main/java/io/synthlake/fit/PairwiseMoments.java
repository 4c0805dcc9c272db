package io.synthlake.fit;

import java.io.Serializable;

/**
 * Sums for Pearson correlations of k columns with pairwise deletion: for each pair, over the rows where both are
 * present, the count, both sums, both sums of squares and the sum of products. Mergeable, O(k²) memory whatever
 * the number of rows.
 *
 * <p>Rows with every score present (the common case) share per-column sums and need one product per pair; only
 * rows with a missing score pay for per-pair sums.
 */
public final class PairwiseMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  // rows with every score present
  private long completeRows;
  private final double[] completeSum;
  private final double[] completeSumSquares;
  private final double[] completeProducts;
  // rows with a missing score, per pair
  private final long[] count;
  private final double[] sumI;
  private final double[] sumJ;
  private final double[] sumII;
  private final double[] sumJJ;
  private final double[] sumIJ;
  private final int[] present;

  public PairwiseMoments(int k) {
    this.k = k;
    int pairs = k * (k - 1) / 2;
    completeSum = new double[k];
    completeSumSquares = new double[k];
    completeProducts = new double[pairs];
    count = new long[pairs];
    sumI = new double[pairs];
    sumJ = new double[pairs];
    sumII = new double[pairs];
    sumJJ = new double[pairs];
    sumIJ = new double[pairs];
    present = new int[k];
  }

  private static int pair(int i, int j, int k) {
    // index of (i, j), i < j, in row-major order of the strict upper triangle
    return i * (2 * k - i - 1) / 2 + (j - i - 1);
  }

  /** Adds one row of scores; NaN marks a missing score. */
  public void add(double[] z) {
    int m = 0;
    for (int i = 0; i < k; i++) {
      if (!Double.isNaN(z[i])) {
        present[m++] = i;
      }
    }
    if (m == k) {
      addComplete(z);
      return;
    }
    for (int a = 0; a < m; a++) {
      int i = present[a];
      double zi = z[i];
      int base = pair(i, i + 1, k) - (i + 1);
      for (int b = a + 1; b < m; b++) {
        int j = present[b];
        double zj = z[j];
        int p = base + j;
        count[p]++;
        sumI[p] += zi;
        sumJ[p] += zj;
        sumII[p] += zi * zi;
        sumJJ[p] += zj * zj;
        sumIJ[p] += zi * zj;
      }
    }
  }

  private void addComplete(double[] z) {
    completeRows++;
    int p = 0;
    for (int i = 0; i < k; i++) {
      double zi = z[i];
      completeSum[i] += zi;
      completeSumSquares[i] += zi * zi;
      for (int j = i + 1; j < k; j++) {
        completeProducts[p++] += zi * z[j];
      }
    }
  }

  public void merge(PairwiseMoments other) {
    completeRows += other.completeRows;
    for (int i = 0; i < k; i++) {
      completeSum[i] += other.completeSum[i];
      completeSumSquares[i] += other.completeSumSquares[i];
    }
    for (int p = 0; p < count.length; p++) {
      completeProducts[p] += other.completeProducts[p];
      count[p] += other.count[p];
      sumI[p] += other.sumI[p];
      sumJ[p] += other.sumJ[p];
      sumII[p] += other.sumII[p];
      sumJJ[p] += other.sumJJ[p];
      sumIJ[p] += other.sumIJ[p];
    }
  }

  public int size() {
    return k;
  }

  public long pairCount(int i, int j) {
    return completeRows + count[pair(Math.min(i, j), Math.max(i, j), k)];
  }

  /** The mean of column i over the rows where both i and j are present; NaN when there are none. */
  public double mean(int i, int j) {
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    int p = pair(a, b, k);
    double n = completeRows + count[p];
    double sum = i == a ? completeSum[a] + sumI[p] : completeSum[b] + sumJ[p];
    return n > 0 ? sum / n : Double.NaN;
  }

  /** The Pearson correlation of columns i and j over their jointly present rows; NaN when undefined. */
  public double correlation(int i, int j) {
    if (i == j) {
      return 1.0;
    }
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    int p = pair(a, b, k);
    double n = completeRows + count[p];
    if (n < 2) {
      return Double.NaN;
    }
    double sa = completeSum[a] + sumI[p];
    double sb = completeSum[b] + sumJ[p];
    double saa = completeSumSquares[a] + sumII[p];
    double sbb = completeSumSquares[b] + sumJJ[p];
    double sab = completeProducts[p] + sumIJ[p];
    double covariance = n * sab - sa * sb;
    double varianceA = n * saa - sa * sa;
    double varianceB = n * sbb - sb * sb;
    if (!(varianceA > 0 && varianceB > 0)) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, covariance / Math.sqrt(varianceA * varianceB)));
  }
}
