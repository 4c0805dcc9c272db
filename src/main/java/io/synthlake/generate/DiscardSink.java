package io.synthlake.generate;

import java.math.BigDecimal;

/**
 * Where a column goes that is generated only because a selected column's rule reads it (and where the benchmark
 * sends every column to time the sampler alone).
 */
public final class DiscardSink implements ColumnSink {
  public static final DiscardSink INSTANCE = new DiscardSink();

  private DiscardSink() {}

  @Override
  public void putNull(int position) {}

  @Override
  public void putBoolean(int position, boolean value) {}

  @Override
  public void putByte(int position, byte value) {}

  @Override
  public void putShort(int position, short value) {}

  @Override
  public void putInt(int position, int value) {}

  @Override
  public void putLong(int position, long value) {}

  @Override
  public void putFloat(int position, float value) {}

  @Override
  public void putDouble(int position, double value) {}

  @Override
  public void putUnscaledDecimal(int position, long unscaled) {}

  @Override
  public void putBigDecimal(int position, BigDecimal value) {}

  @Override
  public void putString(int position, byte[] utf8, int length) {}
}
