package io.synthlake.spark.source;

import io.synthlake.generate.ColumnSink;
import java.math.BigDecimal;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.Decimal;

/** Writes generated values straight into a Spark column vector, in Spark's physical forms. */
final class VectorSink implements ColumnSink {
  private final WritableColumnVector vector;
  private final int precision;

  VectorSink(WritableColumnVector vector, int precision) {
    this.vector = vector;
    this.precision = precision;
  }

  @Override
  public void putNull(int position) {
    vector.putNull(position);
  }

  @Override
  public void putBoolean(int position, boolean value) {
    vector.putBoolean(position, value);
  }

  @Override
  public void putByte(int position, byte value) {
    vector.putByte(position, value);
  }

  @Override
  public void putShort(int position, short value) {
    vector.putShort(position, value);
  }

  @Override
  public void putInt(int position, int value) {
    vector.putInt(position, value);
  }

  @Override
  public void putLong(int position, long value) {
    vector.putLong(position, value);
  }

  @Override
  public void putFloat(int position, float value) {
    vector.putFloat(position, value);
  }

  @Override
  public void putDouble(int position, double value) {
    vector.putDouble(position, value);
  }

  @Override
  public void putUnscaledDecimal(int position, long unscaled) {
    // Spark keeps decimals of up to 9 digits as ints and up to 18 as longs.
    if (precision <= Decimal.MAX_INT_DIGITS()) {
      vector.putInt(position, (int) unscaled);
    } else {
      vector.putLong(position, unscaled);
    }
  }

  @Override
  public void putBigDecimal(int position, BigDecimal value) {
    vector.putDecimal(position, Decimal.apply(value), precision);
  }

  @Override
  public void putString(int position, byte[] utf8, int length) {
    vector.putByteArray(position, utf8, 0, length);
  }
}
