package io.synthlake.fit;

import java.io.Serializable;

/**
 * Sums for Pearson correlations of k columns with pairwise deletion: for each pair, over the rows where both are
 * present, the count, both sums, both sums of squares and the sum of products. Mergeable, O(k²) memory whatever
 * the number of rows.
 */
public final class PairwiseMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
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

  public void merge(PairwiseMoments other) {
    for (int p = 0; p < count.length; p++) {
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
    return count[pair(Math.min(i, j), Math.max(i, j), k)];
  }

  /** The Pearson correlation of columns i and j over their jointly present rows; NaN when undefined. */
  public double correlation(int i, int j) {
    if (i == j) {
      return 1.0;
    }
    int p = pair(Math.min(i, j), Math.max(i, j), k);
    double n = count[p];
    if (n < 2) {
      return Double.NaN;
    }
    double covariance = n * sumIJ[p] - sumI[p] * sumJ[p];
    double varianceI = n * sumII[p] - sumI[p] * sumI[p];
    double varianceJ = n * sumJJ[p] - sumJ[p] * sumJ[p];
    if (!(varianceI > 0 && varianceJ > 0)) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, covariance / Math.sqrt(varianceI * varianceJ)));
  }
}
