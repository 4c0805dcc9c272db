package io.synthlake.spark.source;

import io.synthlake.generate.ColumnSink;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string column of a batch that is also the sampler's sink for it. Each row holds a reference to a UTF8String:
 * model labels (which repeat on most rows) are wrapped once and shared, so neither the sampler nor Spark's
 * conversion to rows copies or allocates per value; other strings are copied into their own UTF8String.
 */
final class StringVector extends ColumnVector implements ColumnSink {
  /** Slots of the direct-mapped cache from a label's byte array (by identity) to its UTF8String. */
  private static final int CACHE_SLOTS = 256;

  private final UTF8String[] values;
  private final byte[][] cachedLabels = new byte[CACHE_SLOTS][];
  private final UTF8String[] cachedStrings = new UTF8String[CACHE_SLOTS];
  private int nulls;

  StringVector(int capacity) {
    super(DataTypes.StringType);
    this.values = new UTF8String[capacity];
  }

  /** Forgets the previous batch's values. */
  void reset() {
    Arrays.fill(values, null);
    nulls = 0;
  }

  @Override
  public void putLabel(int position, byte[] utf8) {
    int slot = System.identityHashCode(utf8) & (CACHE_SLOTS - 1);
    if (cachedLabels[slot] != utf8) {
      cachedLabels[slot] = utf8;
      cachedStrings[slot] = UTF8String.fromBytes(utf8);
    }
    values[position] = cachedStrings[slot];
  }

  @Override
  public void putString(int position, byte[] utf8, int length) {
    values[position] = UTF8String.fromBytes(Arrays.copyOf(utf8, length));
  }

  @Override
  public void putNull(int position) {
    values[position] = null;
    nulls++;
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    return values[rowId];
  }

  @Override
  public byte[] getBinary(int rowId) {
    return values[rowId] == null ? null : values[rowId].getBytes();
  }

  @Override
  public boolean isNullAt(int rowId) {
    return values[rowId] == null;
  }

  @Override
  public boolean hasNull() {
    return nulls > 0;
  }

  @Override
  public int numNulls() {
    return nulls;
  }

  @Override
  public void close() {
    // Nothing off-heap to free.
  }

  @Override
  public void putBoolean(int position, boolean value) {
    throw notString();
  }

  @Override
  public void putByte(int position, byte value) {
    throw notString();
  }

  @Override
  public void putShort(int position, short value) {
    throw notString();
  }

  @Override
  public void putInt(int position, int value) {
    throw notString();
  }

  @Override
  public void putLong(int position, long value) {
    throw notString();
  }

  @Override
  public void putFloat(int position, float value) {
    throw notString();
  }

  @Override
  public void putDouble(int position, double value) {
    throw notString();
  }

  @Override
  public void putUnscaledDecimal(int position, long unscaled) {
    throw notString();
  }

  @Override
  public void putBigDecimal(int position, BigDecimal value) {
    throw notString();
  }

  @Override
  public boolean getBoolean(int rowId) {
    throw notString();
  }

  @Override
  public byte getByte(int rowId) {
    throw notString();
  }

  @Override
  public short getShort(int rowId) {
    throw notString();
  }

  @Override
  public int getInt(int rowId) {
    throw notString();
  }

  @Override
  public long getLong(int rowId) {
    throw notString();
  }

  @Override
  public float getFloat(int rowId) {
    throw notString();
  }

  @Override
  public double getDouble(int rowId) {
    throw notString();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw notString();
  }

  @Override
  public ColumnarMap getMap(int rowId) {
    throw notString();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw notString();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw notString();
  }

  private static UnsupportedOperationException notString() {
    return new UnsupportedOperationException("a synthlake string column holds strings only");
  }
}
