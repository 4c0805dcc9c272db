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
  /** How many entries draw a score: they hold the first positions of the reordered copula. */
  private final int drawn;
  /**
   * Per stratum, entry and parent slot: the pieces' probabilities when the entry's score is independent of the
   * scores before it (μ = 0, σ = 1 in every row, as for the first), so rows skip computing Φ; else null.
   */
  private final Masses[][][] fixedMasses;

  /** Φ at each piece's ends (of −score when {@code upper}, for accuracy in the upper tail) and cumulative masses. */
  private record Masses(double[] low, double[] high, boolean[] upper, double[] cumulative) implements Serializable {
    static Masses of(int size) {
      return new Masses(new double[size], new double[size], new boolean[size], new double[size]);
    }
  }

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
    int count = 0;
    for (Entry entry : entries) {
      count += entry.mapped() ? 0 : 1;
    }
    this.drawn = count;
    this.fixedMasses = new Masses[pieces.length][entries.length][];
    for (int e = 0; e < entries.length; e++) {
      if (entries[e].mapped() || !independent(entries[e].position())) {
        continue;
      }
      for (int s = 0; s < pieces.length; s++) {
        Pieces[] sets = pieces[s][e];
        fixedMasses[s][e] = new Masses[sets.length];
        for (int p = 0; p < sets.length; p++) {
          fixedMasses[s][e][p] = Masses.of(sets[p].size());
          masses(sets[p], 0, 1, fixedMasses[s][e][p]);
        }
      }
    }
  }

  /** Whether the score at this position is independent of the ones before it: a row of L' that is 0 but for 1. */
  private boolean independent(int position) {
    for (int j = 0; j < position; j++) {
      if (factor.entry(position, j) != 0) {
        return false;
      }
    }
    return factor.entry(position, position) == 1.0;
  }

  /** Whether the draws read the nulls of this generated column (a conditioned column, or a label's parent). */
  boolean readsNulls(int column) {
    for (Entry entry : entries) {
      if (entry.column() == column) {
        return true;
      }
    }
    return false;
  }

  int dims() {
    return dims;
  }

  /**
   * The scores of rows [firstRow, firstRow + n) into {@code out[dimension][i]}, from the rows' independent normals
   * ({@code independent[dimension][i]}) and their keys; nulls already drawn ({@code state}) select a parent's
   * pieces for a null label. The conditioned scores are drawn row by row; the others, which follow linearly from
   * them, column by column over the chunk, as the unconditional sampler does.
   */
  /**
   * The strata of rows [firstRow, firstRow + n) into {@code out}: a function of the row index alone. Within each
   * block of {@value #BLOCK} rows a keyed permutation deals out the block's exact quotas (the table's last block is
   * as long as its rows, so its quotas are exact too).
   */
  void strata(long firstRow, int n, int[] out) {
    long block = -1;
    long blockSize = BLOCK;
    FeistelPermutation permutation = null;
    for (int i = 0; i < n; i++) {
      if (cumulativeShares.length == 1) {
        out[i] = 0;
        continue;
      }
      long row = firstRow + i;
      long rowBlock = row / BLOCK;
      if (rowBlock != block || row - rowBlock * BLOCK >= blockSize) {
        long start = rowBlock * BLOCK;
        blockSize = rowLimit > start ? Math.min(BLOCK, rowLimit - start) : BLOCK;
        blockSize = Math.max(blockSize, row - start + 1);
        permutation = new FeistelPermutation(blockSize, CounterRng.subKey(strataKey, rowBlock));
        block = rowBlock;
      }
      out[i] = stratumAt((permutation.apply(row - block * BLOCK) + 0.5) / blockSize);
    }
  }

  /**
   * The scores of a chunk's n rows into {@code out[dimension][i]}, from the rows' independent normals
   * ({@code independent[dimension][i]}), their keys and strata ({@link #strata}); nulls already drawn
   * ({@code state}) select a parent's pieces for a null label. The conditioned scores are drawn row by row; the
   * others, which follow linearly from them, column by column over the chunk, as the unconditional sampler does.
   */
  void draw(int n, long[] rowKeys, double[][] independent, ChunkState state, int[] strata, double[][] out) {
    double[][] g = new double[dims][];
    for (int position = 0; position < dims; position++) {
      g[position] = position < drawn ? new double[n] : independent[order[position]];
    }
    double[] rowG = new double[Math.max(drawn, 1)];
    int[] slots = new int[entries.length];
    Masses scratch = Masses.of(maxPieces);
    for (int i = 0; i < n; i++) {
      int stratum = strata[i];
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
            mu += factor.entry(position, j) * rowG[j];
          }
          double sigma = factor.entry(position, position);
          int set = entry.parent() < 0 ? 0 : slots[entry.parent()] + 1;
          Pieces pieceSet = rowPieces[e][set];
          Masses masses = fixedMasses[stratum][e] != null ? fixedMasses[stratum][e][set]
              : masses(pieceSet, mu, sigma, scratch);
          double u = CounterRng.uniform(rowKeys[i], order[position]);
          int chosen = choose(pieceSet, mu, u, masses);
          double z = within(pieceSet, chosen, mu, sigma, u, masses);
          rowG[position] = sigma > MIN_SIGMA ? (z - mu) / sigma : 0;
          g[position][i] = rowG[position];
          out[order[position]][i] = z;
          slots[e] = pieceSet.slot()[chosen];
        }
        if (entry.column() >= 0 && state.nulls(entry.column())[i]) {
          slots[e] = -1;
        }
      }
    }
    for (int position = 0; position < dims; position++) {
      if (position >= drawn) {
        factor.apply(position, g, out[order[position]], n);
      }
    }
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
   * Each piece's probability under N(μ, σ²) times its weight, cumulated, with Φ at its ends (two neighbouring
   * labels share an end, so Φ is computed once there). Far in the upper tail the complements are used.
   */
  private static Masses masses(Pieces set, double mu, double sigma, Masses into) {
    double total = 0;
    double inverse = sigma > MIN_SIGMA ? 1 / sigma : 0;
    for (int k = 0; k < set.size(); k++) {
      double mass = 0;
      if (sigma > MIN_SIGMA) {
        double a = (set.low()[k] - mu) * inverse;
        double b = (set.high()[k] - mu) * inverse;
        boolean upper = a > 0;
        double low = k > 0 && set.low()[k] == set.high()[k - 1] && upper == into.upper()[k - 1]
            ? into.high()[k - 1] : StandardNormal.cdfFast(upper ? -a : a);
        double high = StandardNormal.cdfFast(upper ? -b : b);
        into.low()[k] = low;
        into.high()[k] = high;
        into.upper()[k] = upper;
        mass = set.weight()[k] * (upper ? low - high : high - low);
      }
      total += Math.max(mass, 0);
      into.cumulative()[k] = total;
    }
    return into;
  }

  /**
   * The piece holding the row: the uniform picks one by the cumulative masses. Where every mass underflows (μ many σ
   * away from all pieces), the nearest piece.
   */
  private static int choose(Pieces set, double mu, double u, Masses masses) {
    int last = set.size() - 1;
    double total = masses.cumulative()[last];
    if (!(total > 0)) {
      return nearest(set, mu);
    }
    double target = u * total;
    for (int k = 0; k < last; k++) {
      if (target < masses.cumulative()[k]) {
        return k;
      }
    }
    return last;
  }

  private static int nearest(Pieces set, double mu) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < set.size(); k++) {
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
  private static double within(Pieces set, int k, double mu, double sigma, double u, Masses masses) {
    double low = set.low()[k];
    double high = set.high()[k];
    double before = k == 0 ? 0 : masses.cumulative()[k - 1];
    double mass = masses.cumulative()[k] - before;
    double total = masses.cumulative()[set.size() - 1];
    double z = mu;
    if (sigma > MIN_SIGMA && mass > 0) {
      double v = Math.min(1, Math.max(0, (u * total - before) / mass));
      double pa = masses.low()[k];
      double pb = masses.high()[k];
      z = masses.upper()[k] ? mu - sigma * StandardNormal.inverseCdf(pa - v * (pa - pb))
          : mu + sigma * StandardNormal.inverseCdf(pa + v * (pb - pa));
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
