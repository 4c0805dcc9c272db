package io.synthlake.spark.fit;

import io.synthlake.fit.UniformScorer;
import io.synthlake.stats.CounterRng;
import io.synthlake.stats.StandardNormal;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A row's normal scores z = Φ⁻¹(u) per copula column, as both copula passes see them: u is randomised inside an
 * atom's or a category's interval by a hash of (seed, row, column), so the scores are the same in every pass and
 * on every partitioning.
 */
final class CopulaScores implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long PRESENCE_STREAM = 0x7072657365L;

  private final UniformScorer[] scorers;
  /** Per scorer, where its parent's value is in the input row (label-table children), or -1. */
  private final int[] parentInput;
  private final long[] columnKeys;
  private final double[] epsilon;
  private final long seed;

  /**
   * @param epsilon per column, the clip of u into [ε, 1-ε] (half a value's share), so that values at or beyond
   *     the protected bounds get large but finite scores
   */
  CopulaScores(List<UniformScorer> scorers, List<String> columns, double[] epsilon, long seed) {
    this.scorers = scorers.toArray(new UniformScorer[0]);
    this.parentInput = new int[this.scorers.length];
    for (int i = 0; i < this.scorers.length; i++) {
      parentInput[i] = this.scorers[i].parentInput();
    }
    this.columnKeys = new long[this.scorers.length];
    for (int i = 0; i < columnKeys.length; i++) {
      // A presence's jitter is drawn apart from its column's value's.
      long key = CounterRng.hashString(columns.get(i));
      columnKeys[i] = this.scorers[i] instanceof UniformScorer.Presence ? CounterRng.subKey(key, PRESENCE_STREAM)
          : key;
    }
    this.epsilon = epsilon.clone();
    this.seed = seed;
  }

  int width() {
    return scorers.length;
  }

  /**
   * Fills z from a row laid out as (row hash, the copula columns' values, the plan's extra columns); NaN where a
   * value takes no part.
   */
  void score(Row row, double[] z) {
    long rowHash = row.getLong(0);
    for (int i = 0; i < scorers.length; i++) {
      Object value = row.get(i + 1);
      double v = CounterRng.toOpenUnit(CounterRng.hash(seed, rowHash, columnKeys[i]));
      double u = scorers[i].score(value, parentInput[i] < 0 ? null : row.get(parentInput[i]), v);
      z[i] = Double.isNaN(u)
          ? Double.NaN
          : StandardNormal.inverseCdf(Math.min(1 - epsilon[i], Math.max(epsilon[i], u)));
    }
  }
}
