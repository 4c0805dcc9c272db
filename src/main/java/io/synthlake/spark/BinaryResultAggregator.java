package io.synthlake.spark;

import java.io.Serializable;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * An aggregator over whole rows whose buffer is a Java-serialisable state and whose result reaches the driver as
 * the serialised buffer (read back with {@link JavaBytes#read}). Buffers stay objects on the executors and are
 * serialised only when partial aggregates are exchanged.
 */
public abstract class BinaryResultAggregator<B extends Serializable> extends Aggregator<Row, B, byte[]> {
  private static final long serialVersionUID = 1L;

  private final Class<B> bufferType;

  protected BinaryResultAggregator(Class<B> bufferType) {
    this.bufferType = bufferType;
  }

  @Override
  public final byte[] finish(B buffer) {
    return JavaBytes.of(buffer);
  }

  @Override
  public final Encoder<B> bufferEncoder() {
    return Encoders.javaSerialization(bufferType);
  }

  @Override
  public final Encoder<byte[]> outputEncoder() {
    return Encoders.BINARY();
  }
}
