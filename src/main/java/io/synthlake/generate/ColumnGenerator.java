package io.synthlake.generate;

import io.synthlake.stats.CounterRng;
import java.io.Serializable;

/**
 * Makes one column's value for a row from the row's draws. Each column reads its own stream (keyed by the row and
 * the column's name), always at the same draw numbers, so a value never depends on other columns, the batch or
 * the partition; copula columns also get their uniform from the row's correlated normals.
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
   * Writes the value of {@code row} at {@code position}.
   *
   * @param key the column's stream for this row
   * @param u the copula's uniform for this column, or NaN when the column is not in the copula
   */
  final void generate(long row, long key, double u, ColumnSink sink, int position) {
    if (nullFraction > 0 && CounterRng.uniform(key, NULL_DRAW) < nullFraction) {
      sink.putNull(position);
      return;
    }
    write(row, key, Double.isNaN(u) ? CounterRng.uniform(key, VALUE_DRAW) : u, sink, position);
  }

  abstract void write(long row, long key, double u, ColumnSink sink, int position);
}
