package io.synthlake.fit;

import io.synthlake.model.CopulaModel;
import io.synthlake.stats.NearestCorrelation;
import io.synthlake.stats.StandardNormal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /**
   * A presence whose latent correlation with every other dimension stays below this is left out: it would cost a
   * copula dimension in every generated row and move no column's nulls by more than a tenth of a standard
   * deviation of their score.
   */
  static final double MIN_PRESENCE_CORRELATION = 0.1;
  /** The smallest repair weight: a column with a value in fewer rows still counts this much. */
  private static final double MIN_WEIGHT = 0.01;
  /** Rounds of the selection factors, each read from the previous round's valid matrix. */
  private static final int SELECTION_STEPS = 2;

  private CorrelationEstimator() {}

  /**
   * The copula of continuous columns' moments, without latent corrections (the scorers of the plan built here are
   * never read: no presence, no conditioned score).
   */
  public static CopulaModel estimate(List<String> columns, PairwiseMoments moments, FitNotes notes) {
    List<Integer> positions = new ArrayList<>();
    List<UniformScorer> scorers = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      positions.add(i);
      scorers.add(new UniformScorer.Numeric(null));
    }
    CopulaPlan plan = new CopulaPlan(positions, columns, scorers, new double[columns.size()]);
    return estimate(plan, moments, false, null, notes);
  }

  /**
   * The copula of a plan's pairwise moments. A pair with a column of ties (labels, atoms, presences) gets the
   * latent correlation whose scores correlate as observed ({@link LatentCorrelation}), so generate's labels go
   * together as the source's. A score conditioned on another column ({@link CopulaPlan#conditionedOn()}), or taken
   * only where presences say its column is present ({@link CopulaPlan#nullsDecidedBy()}), is independent of it by
   * construction: their correlation is 0, not its noisy estimate.
   *
   * <p>Presences: one that correlates by less than {@link #MIN_PRESENCE_CORRELATION} with every other dimension is
   * left out (its column's nulls stay independent draws), and the correlation of two values is measured on the rows
   * where both are present, which generate selects through their presences: the matrix holds the correlation
   * whose value among those rows is the source's ({@link #selectionFactors}). A presence's latent correction uses
   * its null share over all rows; among the rows where the other column is known the share can differ (when their
   * nulls go together), which this approximation leaves as it is.
   */
  public static CopulaModel estimate(CopulaPlan plan, PairwiseMoments moments, FitNotes notes) {
    return estimate(plan, moments, true, plan.conditionedOn(), notes);
  }

  private static CopulaModel estimate(CopulaPlan plan, PairwiseMoments moments, boolean latent,
      int[] conditionedOn, FitNotes notes) {
    List<String> columns = plan.names();
    int all = plan.size();
    double[][] coefficients = new double[all][];
    if (latent) {
      for (int i = 0; i < all; i++) {
        coefficients[i] = LatentCorrelation.coefficients(plan.scorers().get(i));
      }
    }
    boolean[][] independent = new boolean[all][all];
    for (int i = 0; i < all; i++) {
      if (conditionedOn != null && conditionedOn[i] >= 0) {
        independent[i][conditionedOn[i]] = true;
        independent[conditionedOn[i]][i] = true;
      }
      for (int d : plan.nullsDecidedBy().get(i)) {
        independent[i][d] = true;
        independent[d][i] = true;
      }
    }
    int corrected = 0;
    double[][] observed = new double[all][all];
    double[][] raw = new double[all][all];
    int undefined = 0;
    int weak = 0;
    for (int i = 0; i < all; i++) {
      raw[i][i] = 1.0;
      observed[i][i] = 1.0;
      for (int j = i + 1; j < all; j++) {
        if (independent[i][j]) {
          continue;
        }
        double r = moments.correlation(i, j);
        if (!Double.isNaN(r) && (plan.isPresence(i) || plan.isPresence(j)) && !presenceKnown(plan, moments, i, j, r)) {
          weak++;
          continue;
        }
        if (Double.isNaN(r)) {
          undefined++;
          notes.table("correlation of %s and %s is undefined (%d rows with both values): set to 0", label(plan, i),
              label(plan, j), moments.pairCount(i, j));
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
    if (weak > 0) {
      notes.table("%d correlations of a column's presence set to 0: too few nulls or values among the rows where "
          + "the other is known, or no larger than three standard errors", weak);
    }
    int[] kept = keptDimensions(plan, raw, independent, notes);
    observed = submatrix(observed, kept);
    raw = submatrix(raw, kept);
    boolean[][] zero = new boolean[kept.length][kept.length];
    for (int a = 0; a < kept.length; a++) {
      for (int b = 0; b < kept.length; b++) {
        zero[a][b] = independent[kept[a]][kept[b]];
      }
    }
    boolean selected = selects(plan, kept);
    double[] weights = weights(moments, kept);
    double[][] matrix = valid(observed, raw, zero, weights, corrected, all, selected ? null : notes);
    // The selection factors read the presences' correlations as generate will draw them (the repair moves the
    // estimates, and a latent correlation can be clipped at 1), from the valid matrix of the step before.
    for (int step = 0; selected && step < SELECTION_STEPS; step++) {
      double[][] factors = selectionFactors(plan, kept, matrix);
      matrix = valid(scaled(observed, factors), scaled(raw, factors), zero, weights, corrected, all,
          step == SELECTION_STEPS - 1 ? notes : null);
    }
    if (undefined > 0) {
      notes.table("%d of %d correlations undefined and set to 0", undefined, all * (all - 1) / 2);
    }
    List<String> values = new ArrayList<>();
    List<String> presence = new ArrayList<>();
    for (int p : kept) {
      (plan.isPresence(p) ? presence : values).add(columns.get(p));
    }
    return new CopulaModel(values, presence, matrix);
  }

  /**
   * The nearest valid matrix to the latent correlations, rounded for the model file: blended back towards the
   * observed ones where the whole correction makes no valid matrix, repaired keeping the {@code zero} pairs at 0.
   * Notes what it did when {@code notes} is given.
   */
  private static double[][] valid(double[][] observed, double[][] latent, boolean[][] zero, double[] weights,
      int corrected, int all, FitNotes notes) {
    int k = latent.length;
    double[][] raw = latent;
    if (corrected > 0) {
      double share = validShare(observed, latent);
      if (share < 1) {
        raw = new double[k][k];
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            raw[i][j] = observed[i][j] + share * (latent[i][j] - observed[i][j]);
          }
        }
      }
      if (notes != null) {
        notes.table("%d of %d correlations involve labels, atoms or presences: the copula holds their latent "
            + "correlations, whose scores correlate as the source's (polychoric correction%s)", corrected,
            all * (all - 1) / 2, share < 1 ? String.format(Locale.ROOT, ", %.0f%% of it: the whole correction "
            + "makes no valid matrix", 100 * share) : "");
      }
    }
    double floor = MIN_EIGENVALUE;
    NearestCorrelation.Repair repair = NearestCorrelation.repair(raw, floor, zero, weights);
    if (notes != null) {
      note(repair, k, notes);
    }
    double[][] matrix = round(repair.matrix());
    // Rounding to 6 decimals moves the eigenvalues by up to k·5e-7: raise the floor until the rounded matrix
    // stays valid. Shrinkage always ends this: at λ = 1 the matrix is the identity.
    while (!NearestCorrelation.isPositiveDefinite(matrix, floor / 10)) {
      floor *= 10;
      NearestCorrelation.Repair again = NearestCorrelation.repair(matrix, floor, zero, weights);
      matrix = floor >= MAX_FLOOR ? identity(k) : round(again.matrix());
      if (notes != null) {
        notes.table("eigenvalue floor of the rounded correlation matrix raised to %.0e (%s)", floor,
            floor >= MAX_FLOOR ? "given up: columns independent in the copula" : describe(again));
      }
    }
    return matrix;
  }

  /**
   * Whether a presence's correlation r with another dimension is worth estimating: on the rows where the other is
   * known, the presence's nulls and values each number at least {@link PresencePlan#MIN_SHARE} of them (estimated
   * from the presence's mean score there, a mix of E[z | null] = -φ(t)/p and E[z | value] = φ(t)/(1 - p) with
   * t = Φ⁻¹(p)), and |r| exceeds three standard errors of a zero correlation, 3/√n.
   */
  private static boolean presenceKnown(CopulaPlan plan, PairwiseMoments moments, int i, int j, double r) {
    double n = moments.pairCount(i, j);
    if (Math.abs(r) * Math.sqrt(n) < 3) {
      return false;
    }
    for (int s : new int[] {i, j}) {
      if (!plan.isPresence(s)) {
        continue;
      }
      double p = ((UniformScorer.Presence) plan.scorers().get(s)).nullShare();
      double density = densityAtQuantile(p);
      double ifNull = -density / p;
      double ifValue = density / (1 - p);
      double nullShare = Math.max(0, Math.min(1, (ifValue - moments.mean(s, s == i ? j : i)) / (ifValue - ifNull)));
      if (Math.min(nullShare, 1 - nullShare) < PresencePlan.MIN_SHARE) {
        return false;
      }
    }
    return true;
  }

  private static String label(CopulaPlan plan, int p) {
    return plan.isPresence(p) ? "the presence of " + plan.names().get(p) : plan.names().get(p);
  }

  /**
   * The plan's positions that stay: every value, and the presences whose latent correlation with some other
   * dimension reaches {@link #MIN_PRESENCE_CORRELATION} (noted with their strongest partner).
   */
  private static int[] keptDimensions(CopulaPlan plan, double[][] raw, boolean[][] independent, FitNotes notes) {
    List<Integer> kept = new ArrayList<>();
    List<String> joined = new ArrayList<>();
    int dropped = 0;
    for (int p = 0; p < plan.size(); p++) {
      if (!plan.isPresence(p)) {
        kept.add(p);
        continue;
      }
      int strongest = -1;
      for (int q = 0; q < plan.size(); q++) {
        if (q != p && !independent[p][q] && (strongest < 0 || Math.abs(raw[p][q]) > Math.abs(raw[p][strongest]))) {
          strongest = q;
        }
      }
      if (strongest >= 0 && Math.abs(raw[p][strongest]) >= MIN_PRESENCE_CORRELATION) {
        kept.add(p);
        joined.add(String.format(Locale.ROOT, "%s (%.2f with %s)", plan.names().get(p), raw[p][strongest],
            label(plan, strongest)));
      } else {
        dropped++;
      }
    }
    if (!joined.isEmpty() || dropped > 0) {
      notes.table("nulls of %d columns follow the copula, where the other columns make them likely (strongest "
          + "latent correlation of each presence): %s%s", joined.size(), joined.isEmpty() ? "none"
          : String.join(", ", joined), dropped == 0 ? "" : String.format(Locale.ROOT, "; %d more columns' nulls "
          + "correlate by less than %.2f with every other column and stay independent draws", dropped,
          MIN_PRESENCE_CORRELATION));
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Each kept position's share of the rows it has a value in (its largest pair count over the largest of all), as
   * the repair's weights: a correlation estimated on fewer rows gives way first. Null when every share is 1.
   */
  private static double[] weights(PairwiseMoments moments, int[] kept) {
    double most = 0;
    double[] counts = new double[kept.length];
    for (int a = 0; a < kept.length; a++) {
      for (int b = 0; b < kept.length; b++) {
        if (a != b) {
          counts[a] = Math.max(counts[a], moments.pairCount(kept[a], kept[b]));
        }
      }
      most = Math.max(most, counts[a]);
    }
    boolean uniform = true;
    double[] weights = new double[kept.length];
    for (int a = 0; a < kept.length; a++) {
      weights[a] = most > 0 ? Math.max(MIN_WEIGHT, counts[a] / most) : 1;
      uniform &= weights[a] == 1;
    }
    return uniform ? null : weights;
  }

  /** Whether some kept value is drawn only where a kept presence says present. */
  private static boolean selects(CopulaPlan plan, int[] kept) {
    Set<Integer> keptSet = new HashSet<>();
    for (int p : kept) {
      keptSet.add(p);
    }
    for (int p : kept) {
      if (plan.nullsDecidedBy().get(p).stream().anyMatch(keptSet::contains)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Generate draws a value only where its presences (and those its null pattern copies) say present; the copula
   * pass measured its correlation with another dimension only on those rows, where that dimension's score is
   * narrowed by its own correlation ρ with the presence. Selecting z_S &gt; t (t = Φ⁻¹(null share)) of a presence
   * independent of the value leaves the value's variance and its covariances as they were, and scales the other
   * dimension's variance by 1 - ρ²(1 - v), v the variance of a standard normal truncated to z &gt; t (Pearson
   * 1903, Lawley 1943). So the correlation among the selected rows is the matrix's divided by the root of that
   * factor, and the matrix must hold the observed one multiplied by it: these are the factors, per pair of kept
   * positions, with ρ read from {@code matrix} (per presence; a pair's presences are taken one at a time, which is
   * exact when the pair has one).
   */
  private static double[][] selectionFactors(CopulaPlan plan, int[] kept, double[][] matrix) {
    Map<Integer, Integer> at = new HashMap<>();
    for (int a = 0; a < kept.length; a++) {
      at.put(kept[a], a);
    }
    double[][] factor = new double[kept.length][kept.length];
    for (double[] row : factor) {
      Arrays.fill(row, 1.0);
    }
    for (int a = 0; a < kept.length; a++) {
      for (int d : plan.nullsDecidedBy().get(kept[a])) {
        Integer s = at.get(d);
        if (s == null) {
          continue;
        }
        double v = truncatedVariance(((UniformScorer.Presence) plan.scorers().get(d)).nullShare());
        for (int b = 0; b < kept.length; b++) {
          if (b != a && b != s) {
            double rho = matrix[b][s];
            double shrink = Math.sqrt(Math.max(0, 1 - rho * rho * (1 - v)));
            factor[a][b] *= shrink;
            factor[b][a] *= shrink;
          }
        }
      }
    }
    return factor;
  }

  private static double[][] scaled(double[][] matrix, double[][] factors) {
    int k = matrix.length;
    double[][] scaled = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        scaled[a][b] = a == b ? matrix[a][b] : matrix[a][b] * factors[a][b];
      }
    }
    return scaled;
  }

  /** Var(Z | Z &gt; t) for standard normal Z and t = Φ⁻¹(p): 1 + tλ - λ², λ = φ(t) / (1 - p) (inverse Mills ratio). */
  static double truncatedVariance(double p) {
    double t = StandardNormal.inverseCdf(p);
    double lambda = densityAtQuantile(p) / (1 - p);
    return Math.max(0, 1 + t * lambda - lambda * lambda);
  }

  /** φ(Φ⁻¹(p)): the standard normal density at the edge below which a presence with null share p is null. */
  private static double densityAtQuantile(double p) {
    double t = StandardNormal.inverseCdf(p);
    return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  }

  private static double[][] submatrix(double[][] matrix, int[] kept) {
    double[][] sub = new double[kept.length][kept.length];
    for (int a = 0; a < kept.length; a++) {
      for (int b = 0; b < kept.length; b++) {
        sub[a][b] = matrix[kept[a]][kept[b]];
      }
    }
    return sub;
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
