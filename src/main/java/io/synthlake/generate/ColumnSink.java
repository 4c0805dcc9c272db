package io.synthlake.generate;

import java.math.BigDecimal;

/**
 * Where a column's generated values go, by position in the current batch, in Spark's physical forms: dates as
 * days, timestamps as microseconds, decimals as unscaled longs (or BigDecimal beyond 18 digits), strings as UTF-8.
 * The Spark adapter writes straight into column vectors, so no value is boxed on the way.
 */
public interface ColumnSink {
  void putNull(int position);

  void putBoolean(int position, boolean value);

  void putByte(int position, byte value);

  void putShort(int position, short value);

  void putInt(int position, int value);

  void putLong(int position, long value);

  void putFloat(int position, float value);

  void putDouble(int position, double value);

  /** A decimal of at most 18 digits as its unscaled value. */
  void putUnscaledDecimal(int position, long unscaled);

  void putBigDecimal(int position, BigDecimal value);

  /** A string whose bytes the sink must copy if it keeps them: the caller may reuse the array. */
  void putString(int position, byte[] utf8, int length);

  /**
   * A label from the model: the array is never modified, so a sink may keep a reference to it (and to anything it
   * derives from it) instead of copying the bytes. Labels repeat on most rows, which makes this worth having.
   */
  default void putLabel(int position, byte[] utf8) {
    putString(position, utf8, utf8.length);
  }
}
