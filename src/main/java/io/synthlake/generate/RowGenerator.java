package io.synthlake.generate;

import io.synthlake.stats.CounterRng;
import io.synthlake.stats.StandardNormal;

/** A generator that makes one value at a time from the row's uniform: keys, text and constants. */
abstract class RowGenerator extends ColumnGenerator {
  private static final long serialVersionUID = 1L;

  RowGenerator(double nullFraction) {
    super(nullFraction);
  }

  @Override
  final void generate(long firstRow, long[] keys, boolean[] nulls, double[] normals, int count, ColumnSink sink,
      int offset, double[] scratch, ChunkState state, int self) {
    for (int i = 0; i < count; i++) {
      long key = keys[i];
      if (nulls[i]) {
        sink.putNull(offset + i);
      } else {
        double u = normals == null ? CounterRng.uniform(key, VALUE_DRAW) : StandardNormal.cdf(normals[i]);
        write(firstRow + i, key, u, sink, offset + i);
      }
    }
  }

  /**
   * Writes the value of {@code row} at {@code position}.
   *
   * @param key the column's stream for this row
   * @param u the copula's uniform for this column, or the stream's value draw when it is not in the copula
   */
  abstract void write(long row, long key, double u, ColumnSink sink, int position);
}
