package io.synthlake.generate;

import io.synthlake.stats.CounterRng;
import java.io.Serializable;

/**
 * Makes one column's values for a run of rows. Each column reads its own stream (keyed by the row and the
 * column's name), always at the same draw numbers, so a value never depends on other columns, the batch or the
 * partition; copula columns also get the row's correlated normal score.
 *
 * <p>A sampler hands over a column's rows together, so each generator's loop runs with one receiver type and
 * inlines its lookups and its sink (a per-value virtual call per column costs more than the sampling).
 */
abstract class ColumnGenerator implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Draw numbers within a column's stream. */
  static final int NULL_DRAW = 0;
  static final int VALUE_DRAW = 1;
  static final int SPECIAL_DRAW = 2;

  private final double nullFraction;

  ColumnGenerator(double nullFraction) {
    this.nullFraction = nullFraction;
  }

  /**
   * Writes rows {@code firstRow .. firstRow + count - 1} at positions {@code offset ..}.
   *
   * @param keys each row's stream for this column
   * @param nulls which rows are null (the sampler draws them first, from the null share or a null pattern)
   * @param normals each row's copula normal score for this column, or null when the column is not in the copula
   * @param scratch room for count doubles, which the generator may overwrite
   * @param state the chunk's values that rules read; a generator records its own there when asked
   * @param self this column's index in the state
   */
  abstract void generate(long firstRow, long[] keys, boolean[] nulls, double[] normals, int count, ColumnSink sink,
      int offset, double[] scratch, ChunkState state, int self);

  /** Whether the row with this stream is null on its own (drawn first, at the modelled share). */
  final boolean drawsNull(long key) {
    return nullFraction > 0 && CounterRng.uniform(key, NULL_DRAW) < nullFraction;
  }

  double nullFraction() {
    return nullFraction;
  }
}
