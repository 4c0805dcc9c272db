package io.synthlake.generate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects generated values as Java objects (decimals as BigDecimal of the given scale), for tests. */
final class RecordingSink implements ColumnSink {
  final List<Object> values = new ArrayList<>();
  private final int scale;

  RecordingSink() {
    this(0);
  }

  RecordingSink(int scale) {
    this.scale = scale;
  }

  private void set(int position, Object value) {
    while (values.size() <= position) {
      values.add(null);
    }
    values.set(position, value);
  }

  void clear() {
    values.clear();
  }

  @Override
  public void putNull(int position) {
    set(position, null);
  }

  @Override
  public void putBoolean(int position, boolean value) {
    set(position, value);
  }

  @Override
  public void putByte(int position, byte value) {
    set(position, value);
  }

  @Override
  public void putShort(int position, short value) {
    set(position, value);
  }

  @Override
  public void putInt(int position, int value) {
    set(position, value);
  }

  @Override
  public void putLong(int position, long value) {
    set(position, value);
  }

  @Override
  public void putFloat(int position, float value) {
    set(position, value);
  }

  @Override
  public void putDouble(int position, double value) {
    set(position, value);
  }

  @Override
  public void putUnscaledDecimal(int position, long unscaled) {
    set(position, new BigDecimal(BigInteger.valueOf(unscaled), scale));
  }

  @Override
  public void putBigDecimal(int position, BigDecimal value) {
    set(position, value);
  }

  @Override
  public void putString(int position, byte[] utf8, int length) {
    set(position, new String(utf8, 0, length, StandardCharsets.UTF_8));
  }
}
