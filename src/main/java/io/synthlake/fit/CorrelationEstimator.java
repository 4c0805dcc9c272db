package io.synthlake.fit;

import io.synthlake.model.CopulaModel;
import io.synthlake.stats.NearestCorrelation;
import java.util.List;
import java.util.Locale;

/**
 * Turns pairwise moments of normal scores into the copula's correlation matrix: undefined pairs (no rows with both
 * values, or a constant score) become 0, the matrix is repaired to the nearest valid correlation matrix, and
 * entries are rounded to 6 decimals for the model file (re-checked to stay positive definite).
 */
public final class CorrelationEstimator {
  static final double MIN_EIGENVALUE = 1e-6;
  private static final double ROUNDING = 1e6;
  /** An eigenvalue floor beyond this is no longer a repair: the copula is dropped to the identity. */
  private static final double MAX_FLOOR = 0.1;

  private CorrelationEstimator() {}

  public static CopulaModel estimate(List<String> columns, PairwiseMoments moments, FitNotes notes) {
    return estimate(columns, moments, null, null, notes);
  }

  /**
   * As above, with each column's scorer: a pair with a column of ties (labels, atoms) gets the latent correlation
   * whose scores correlate as observed ({@link LatentCorrelation}), so generate's labels go together as the source's.
   * A score conditioned on another column ({@code conditionedOn}, see {@link CopulaPlan#conditionedOn()}) is
   * independent of it by construction: their correlation is 0, not its noisy estimate, so that the label the
   * column is drawn within leaves its uniform uniform.
   */
  public static CopulaModel estimate(List<String> columns, PairwiseMoments moments, List<UniformScorer> scorers,
      int[] conditionedOn, FitNotes notes) {
    int k = columns.size();
    double[][] coefficients = new double[k][];
    if (scorers != null) {
      for (int i = 0; i < k; i++) {
        coefficients[i] = LatentCorrelation.coefficients(scorers.get(i));
      }
    }
    int corrected = 0;
    double[][] observed = new double[k][k];
    double[][] raw = new double[k][k];
    int undefined = 0;
    for (int i = 0; i < k; i++) {
      raw[i][i] = 1.0;
      observed[i][i] = 1.0;
      for (int j = i + 1; j < k; j++) {
        double r = moments.correlation(i, j);
        if (conditionedOn != null && (conditionedOn[i] == j || conditionedOn[j] == i)) {
          continue;
        }
        if (Double.isNaN(r)) {
          undefined++;
          notes.table("correlation of %s and %s is undefined (%d rows with both values): set to 0", columns.get(i),
              columns.get(j), moments.pairCount(i, j));
          r = 0.0;
        }
        observed[i][j] = r;
        observed[j][i] = r;
        if (coefficients[i] != null || coefficients[j] != null) {
          r = LatentCorrelation.latent(coefficients[i], coefficients[j], r);
          corrected++;
        }
        raw[i][j] = r;
        raw[j][i] = r;
      }
    }
    if (corrected > 0) {
      double share = validShare(observed, raw);
      if (share < 1) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            raw[i][j] = observed[i][j] + share * (raw[i][j] - observed[i][j]);
          }
        }
      }
      notes.table("%d of %d correlations involve labels or atoms: the copula holds their latent correlations, whose "
          + "scores correlate as the source's (polychoric correction%s)", corrected, k * (k - 1) / 2,
          share < 1 ? String.format(Locale.ROOT, ", %.0f%% of it: the whole correction makes no valid matrix",
              100 * share) : "");
    }
    double floor = MIN_EIGENVALUE;
    NearestCorrelation.Repair repair = NearestCorrelation.repair(raw, floor);
    note(repair, k, notes);
    double[][] matrix = round(repair.matrix());
    // Rounding to 6 decimals moves the eigenvalues by up to k·5e-7: raise the floor until the rounded matrix
    // stays valid. Shrinkage always ends this: at λ = 1 the matrix is the identity.
    while (!NearestCorrelation.isPositiveDefinite(matrix, floor / 10)) {
      floor *= 10;
      NearestCorrelation.Repair again = NearestCorrelation.repair(matrix, floor);
      matrix = floor >= MAX_FLOOR ? identity(k) : round(again.matrix());
      notes.table("eigenvalue floor of the rounded correlation matrix raised to %.0e (%s)", floor,
          floor >= MAX_FLOOR ? "given up: columns independent in the copula" : describe(again));
    }
    if (undefined > 0) {
      notes.table("%d of %d correlations undefined and set to 0", undefined, k * (k - 1) / 2);
    }
    return new CopulaModel(columns, matrix);
  }

  /**
   * The largest share of the way from the observed to the latent correlations (to 1% of it) whose matrix is valid,
   * when the observed one is: latent correlations estimated pair by pair need not fit together, and a repair to the
   * nearest valid matrix would move every entry (the zeros between a label table's child and its parent too),
   * where a shorter step keeps each correlation between its observed and latent value.
   */
  private static double validShare(double[][] observed, double[][] latent) {
    if (NearestCorrelation.isPositiveDefinite(latent, MIN_EIGENVALUE)
        || !NearestCorrelation.isPositiveDefinite(observed, MIN_EIGENVALUE)) {
      return 1;
    }
    int k = observed.length;
    double low = 0;
    double high = 1;
    double[][] mixed = new double[k][k];
    while (high - low > 0.01) {
      double mid = 0.5 * (low + high);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          mixed[i][j] = observed[i][j] + mid * (latent[i][j] - observed[i][j]);
        }
      }
      if (NearestCorrelation.isPositiveDefinite(mixed, MIN_EIGENVALUE)) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static void note(NearestCorrelation.Repair repair, int k, FitNotes notes) {
    if (repair.changed()) {
      notes.table("correlation matrix of %d columns is not positive definite (more columns than rows, pairwise "
          + "estimates, or columns that repeat others): %s", k, describe(repair));
    }
  }

  private static String describe(NearestCorrelation.Repair repair) {
    return switch (repair.method()) {
      case NONE -> String.format(Locale.ROOT, "undefined entries set to 0 (largest change %.2e)", repair.maxChange());
      case NEAREST -> String.format(Locale.ROOT, "repaired to the nearest positive definite one (Higham's "
          + "projections; largest change %.2e)", repair.maxChange());
      case SHRINKAGE -> String.format(Locale.ROOT, "the nearest-matrix repair failed (%s), so it was shrunk towards "
          + "the identity, (1 - λ)R + λI with λ = %.3g: every correlation weakened by that share (largest change "
          + "%.2e)", repair.reason(), repair.shrinkage(), repair.maxChange());
    };
  }

  private static double[][] identity(int k) {
    double[][] identity = new double[k][k];
    for (int i = 0; i < k; i++) {
      identity[i][i] = 1.0;
    }
    return identity;
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
