package io.synthlake.spark.fit;

import io.synthlake.profile.WordState;
import io.synthlake.spark.BinaryResultAggregator;
import java.io.Serializable;
import org.apache.spark.sql.Row;

/** The word pass of fit: a {@link WordState} (the core's bounded sketches) per listed string column. */
public final class WordAggregator extends BinaryResultAggregator<WordAggregator.Buffer> {
  private static final long serialVersionUID = 1L;

  private final int[] columns;

  /** @param columns the prepared frame's positions of the string columns to count */
  public WordAggregator(int[] columns) {
    super(Buffer.class);
    this.columns = columns.clone();
  }

  /** One state per listed column, in order. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    public final WordState[] states;

    Buffer(int size) {
      states = new WordState[size];
      for (int i = 0; i < size; i++) {
        states[i] = new WordState();
      }
    }
  }

  @Override
  public Buffer zero() {
    return new Buffer(columns.length);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    for (int i = 0; i < columns.length; i++) {
      if (!row.isNullAt(columns[i])) {
        buffer.states[i].add(row.getString(columns[i]));
      }
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (int i = 0; i < a.states.length; i++) {
      a.states[i].merge(b.states[i]);
    }
    return a;
  }
}
