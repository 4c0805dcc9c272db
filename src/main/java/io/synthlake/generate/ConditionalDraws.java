package io.synthlake.generate;

import io.synthlake.stats.Cholesky;
import io.synthlake.stats.CounterRng;
import io.synthlake.stats.StandardNormal;
import java.io.Serializable;

/**
 * The copula's normal scores under a condition, without rejection: every row satisfies it, so asking for N rows
 * gives N rows, at the cost of an unconditional draw plus a truncated normal per conditioned column.
 *
 * <p>The copula's dimensions are reordered so that the conditioned ones come first, in the order the model
 * generates them, and the reordered correlation is factored again (R' = L'·L'ᵀ). Row by row, each conditioned
 * score z_k = μ_k + σ_k·g_k (μ_k = Σ_{j<k} L'_kj·g_j, σ_k = L'_kk) is drawn from N(μ_k, σ_k²) truncated to the
 * normal scores that give an allowed value: the union of {@link Pieces}, each weighted, chosen by inverting the
 * piecewise CDF at the row's own uniform for that dimension. The other scores then follow from L'·g with their
 * independent normals, which is the conditional Gaussian given the drawn ones (the Schur complement). With
 * several conditioned columns this is the sequential (GHK) draw: each is exact given the ones before it.
 *
 * <p>Which scores give an allowed value can depend on an earlier column's label: a label drawn from its parent's
 * row of a label table, or a number with per-label marginals. Such parents come earlier in the order, each
 * weighted by how likely its labels make the condition (a Bayesian update, {@link ConditionCompiler}); the row's
 * parent slot then selects the child's pieces.
 *
 * <p>Rebalancing splits the rows into strata, each with its own condition and share. A row's stratum is a
 * function of its index: within each block of {@value #BLOCK} rows, a keyed permutation spreads the block's
 * exact quotas, so shares hold to within a row per block and stratum, on any partitioning.
 */
final class ConditionalDraws implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BLOCK = 1024;
  /** Below this, a score is treated as fixed by the ones before it and is only moved into its pieces. */
  private static final double MIN_SIGMA = 1e-9;

  /**
   * Normal-score intervals [low, high] (high excluded for a label's interval, see {@link #highOpen}) with their
   * weights and the slot each gives (-1 for numbers).
   */
  record Pieces(double[] low, double[] high, boolean[] highOpen, double[] weight, int[] slot)
      implements Serializable {
    int size() {
      return low.length;
    }

    double totalWeight() {
      double total = 0;
      for (double w : weight) {
        total += w;
      }
      return total;
    }
  }

  /** Where an entry's slot comes from: drawn from its pieces, or mapped from an earlier entry's slot. */
  record Entry(int column, int position, int parent, int from, int[] map) implements Serializable {
    boolean mapped() {
      return map != null;
    }
  }

  private final int dims;
  /** Permuted position → copula dimension. */
  private final int[] order;
  private final Cholesky factor;
  private final Entry[] entries;
  /** [stratum][entry][parent slot + 1]; the parent slot is -1 (index 0) for a null parent or no parent. */
  private final Pieces[][][] pieces;
  private final double[] cumulativeShares;
  private final long strataKey;
  private final long rowLimit;
  private final int maxPieces;

  ConditionalDraws(int dims, int[] order, Cholesky factor, Entry[] entries, Pieces[][][] pieces,
      double[] cumulativeShares, long strataKey, long rowLimit) {
    this.dims = dims;
    this.order = order;
    this.factor = factor;
    this.entries = entries;
    this.pieces = pieces;
    this.cumulativeShares = cumulativeShares;
    this.strataKey = strataKey;
    this.rowLimit = rowLimit;
    int most = 1;
    for (Pieces[][] stratum : pieces) {
      for (Pieces[] entry : stratum) {
        for (Pieces set : entry == null ? new Pieces[0] : entry) {
          if (set != null) {
            most = Math.max(most, set.size());
          }
        }
      }
    }
    this.maxPieces = most;
  }

  int dims() {
    return dims;
  }

  int strata() {
    return cumulativeShares.length;
  }

  /**
   * The scores of rows [firstRow, firstRow + n) into {@code out[dimension][i]}, from the rows' independent normals
   * ({@code independent[dimension][i]}) and their keys; nulls already drawn ({@code state}) select a parent's
   * pieces for a null label.
   */
  void draw(long firstRow, int n, long[] rowKeys, double[][] independent, ChunkState state, double[][] out) {
    double[] g = new double[dims];
    int[] slots = new int[entries.length];
    double[] masses = new double[maxPieces];
    long block = -1;
    FeistelPermutation permutation = null;
    for (int i = 0; i < n; i++) {
      long row = firstRow + i;
      int stratum = 0;
      if (cumulativeShares.length > 1) {
        long rowBlock = row / BLOCK;
        long start = rowBlock * BLOCK;
        long size = rowLimit > start ? Math.min(BLOCK, rowLimit - start) : BLOCK;
        if (rowBlock != block || permutation == null) {
          block = rowBlock;
          permutation = new FeistelPermutation(Math.max(size, row - start + 1), CounterRng.subKey(strataKey, block));
        }
        stratum = stratumAt((permutation.apply(row - start) + 0.5) / Math.max(size, row - start + 1));
      }
      Pieces[][] rowPieces = pieces[stratum];
      for (int e = 0; e < entries.length; e++) {
        Entry entry = entries[e];
        if (entry.mapped()) {
          int from = slots[entry.from()];
          slots[e] = from >= 0 && from < entry.map().length ? entry.map()[from] : -1;
        } else {
          int position = entry.position();
          double mu = 0;
          for (int j = 0; j < position; j++) {
            mu += factor.entry(position, j) * g[j];
          }
          double sigma = factor.entry(position, position);
          Pieces set = rowPieces[e][entry.parent() < 0 ? 0 : slots[entry.parent()] + 1];
          double u = CounterRng.uniform(rowKeys[i], order[position]);
          int chosen = choose(set, mu, sigma, u, masses);
          double z = within(set, chosen, mu, sigma, u, masses);
          g[position] = sigma > MIN_SIGMA ? (z - mu) / sigma : 0;
          out[order[position]][i] = z;
          slots[e] = set.slot()[chosen];
        }
        if (entry.column() >= 0 && state.nulls(entry.column())[i]) {
          slots[e] = -1;
        }
      }
      int first = drawnCount();
      for (int position = first; position < dims; position++) {
        g[position] = independent[order[position]][i];
        out[order[position]][i] = factor.apply(position, g);
      }
    }
  }

  private int drawnCount() {
    int drawn = 0;
    for (Entry entry : entries) {
      if (!entry.mapped()) {
        drawn++;
      }
    }
    return drawn;
  }

  private int stratumAt(double q) {
    for (int s = 0; s < cumulativeShares.length - 1; s++) {
      if (q < cumulativeShares[s]) {
        return s;
      }
    }
    return cumulativeShares.length - 1;
  }

  /**
   * The piece holding the row: each piece's mass is its weight times N(μ, σ²)'s probability of its interval; the
   * uniform picks one by the cumulative masses (left in {@code masses} for {@link #within}). Where every mass
   * underflows (μ many σ away from all pieces), the nearest weighted piece.
   */
  private static int choose(Pieces set, double mu, double sigma, double u, double[] masses) {
    double total = 0;
    int last = -1;
    for (int k = 0; k < set.size(); k++) {
      double mass = 0;
      if (set.weight()[k] > 0) {
        last = k;
        mass = sigma > MIN_SIGMA ? set.weight()[k] * probability((set.low()[k] - mu) / sigma,
            (set.high()[k] - mu) / sigma) : 0;
      }
      total += mass;
      masses[k] = total;
    }
    if (!(total > 0)) {
      return nearest(set, mu, last);
    }
    double target = u * total;
    for (int k = 0; k < set.size(); k++) {
      if (target < masses[k] && set.weight()[k] > 0) {
        return k;
      }
    }
    return last;
  }

  private static int nearest(Pieces set, double mu, int fallback) {
    int best = fallback;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < set.size(); k++) {
      if (set.weight()[k] <= 0) {
        continue;
      }
      double distance = mu < set.low()[k] ? set.low()[k] - mu : mu > set.high()[k] ? mu - set.high()[k] : 0;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    return best;
  }

  /** P(a <= Z <= b) for a standard normal, from the tail nearer the interval, which keeps it accurate far out. */
  static double probability(double a, double b) {
    return a > 0 ? StandardNormal.cdf(-a) - StandardNormal.cdf(-b) : StandardNormal.cdf(b) - StandardNormal.cdf(a);
  }

  /**
   * The score inside the chosen piece: N(μ, σ²) truncated to it, at the position of the uniform within the piece's
   * share of the cumulative mass; then held inside the piece's bounds against rounding.
   */
  private static double within(Pieces set, int k, double mu, double sigma, double u, double[] masses) {
    double low = set.low()[k];
    double high = set.high()[k];
    double z;
    double before = k == 0 ? 0 : masses[k - 1];
    double mass = masses[k] - before;
    double total = masses[set.size() - 1];
    if (sigma > MIN_SIGMA && mass > 0 && total > 0) {
      double v = Math.min(1, Math.max(0, (u * total - before) / mass));
      double a = (low - mu) / sigma;
      double b = (high - mu) / sigma;
      if (a > 0) {
        // Upper tail: work with -Z, whose CDF near a is accurate.
        double pa = StandardNormal.cdf(-a);
        double pb = StandardNormal.cdf(-b);
        z = mu - sigma * StandardNormal.inverseCdf(pa - v * (pa - pb));
      } else {
        double pa = StandardNormal.cdf(a);
        double pb = StandardNormal.cdf(b);
        z = mu + sigma * StandardNormal.inverseCdf(pa + v * (pb - pa));
      }
    } else {
      z = mu;
    }
    if (!(z >= low)) {
      z = low;
    }
    double top = set.highOpen()[k] ? Math.nextDown(high) : high;
    if (!(z <= top)) {
      z = top;
    }
    if (Double.isInfinite(z)) {
      // An open end with μ out of reach: the finite edge's side, far enough to stay inside.
      z = z > 0 ? Math.max(low, 0) + 40 : Math.min(top, 0) - 40;
    }
    return z;
  }
}
