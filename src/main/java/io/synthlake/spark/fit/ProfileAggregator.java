package io.synthlake.spark.fit;

import io.synthlake.profile.ColumnProfileState;
import io.synthlake.profile.NumericProfileState;
import io.synthlake.profile.StepLadder;
import io.synthlake.profile.StringProfileState;
import io.synthlake.spark.BinaryResultAggregator;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Pass 1 of fit: one aggregate over every prepared column that counts rows and nulls and builds each column's
 * profile state (frequent values, distinct count, resolution, shape). Buffers stay on the executors until the
 * final merge; the driver receives one small serialised buffer.
 */
final class ProfileAggregator extends BinaryResultAggregator<ProfileAggregator.Buffer> {
  private static final long serialVersionUID = 1L;

  private final boolean[] text;
  private final StepLadder[] ladders;
  private final double[] stepTolerances;
  private final int exactDistinct;

  ProfileAggregator(List<PreparedColumn> columns, int exactDistinct) {
    super(Buffer.class);
    int n = columns.size();
    this.text = new boolean[n];
    this.ladders = new StepLadder[n];
    this.stepTolerances = new double[n];
    for (int i = 0; i < n; i++) {
      PreparedColumn column = columns.get(i);
      text[i] = column.text();
      ladders[i] = column.spec().type().ladder(column.spec().decimalScale());
      stepTolerances[i] = column.spec().type().stepTolerance();
    }
    this.exactDistinct = exactDistinct;
  }

  /** Row count and one state per column. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    final ColumnProfileState[] columns;

    Buffer(ColumnProfileState[] columns) {
      this.columns = columns;
    }
  }

  @Override
  public Buffer zero() {
    ColumnProfileState[] states = new ColumnProfileState[text.length];
    for (int i = 0; i < states.length; i++) {
      states[i] = text[i]
          ? new StringProfileState(exactDistinct)
          : new NumericProfileState(ladders[i], stepTolerances[i], exactDistinct);
    }
    return new Buffer(states);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    buffer.rows++;
    for (int i = 0; i < text.length; i++) {
      if (!row.isNullAt(i)) {
        if (text[i]) {
          ((StringProfileState) buffer.columns[i]).add(row.getString(i));
        } else {
          ((NumericProfileState) buffer.columns[i]).add(row.getDouble(i));
        }
      }
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    a.rows += b.rows;
    for (int i = 0; i < a.columns.length; i++) {
      a.columns[i].merge(b.columns[i]);
    }
    return a;
  }
}
