package io.synthlake.spark.validate;

import io.synthlake.profile.ExtremeValues;
import io.synthlake.spark.BinaryResultAggregator;
import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * The source's protected bounds per continuous column, the k-th smallest and k-th largest value, exactly and in
 * O(k) memory, inside the profile's single aggregate pass: fit never lets a value beyond them into a model, so a
 * synthetic value beyond them came from somewhere else (an override, a hand-edited model, a copy).
 */
final class ProtectedBoundsAggregator extends BinaryResultAggregator<ProtectedBoundsAggregator.Buffer> {
  private static final long serialVersionUID = 1L;

  private final int columns;
  private final int rank;

  ProtectedBoundsAggregator(int columns, int rank) {
    super(Buffer.class);
    this.columns = columns;
    this.rank = rank;
  }

  /** One set of extremes per continuous column, in input order. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    final ExtremeValues[] extremes;

    Buffer(ExtremeValues[] extremes) {
      this.extremes = extremes;
    }
  }

  @Override
  public Buffer zero() {
    ExtremeValues[] extremes = new ExtremeValues[columns];
    for (int i = 0; i < columns; i++) {
      extremes[i] = new ExtremeValues(rank);
    }
    return new Buffer(extremes);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    for (int i = 0; i < columns; i++) {
      if (!row.isNullAt(i)) {
        buffer.extremes[i].add(row.getDouble(i));
      }
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (int i = 0; i < columns; i++) {
      a.extremes[i].merge(b.extremes[i]);
    }
    return a;
  }
}
