package io.synthlake.spark.validate;

import io.synthlake.spark.BinaryResultAggregator;
import io.synthlake.spark.JavaBytes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Counts, per slot, the rows that carry each of its few codes (an order pair: below, equal, above; a rule:
 * applies, breaks), from one small int per slot and row, in one aggregate. Thousands of count_if aggregates would
 * say the same, but Spark evaluates those row by row without generated code once an aggregate passes a hundred
 * fields, at a cost that grows with slots times rows; here the codes are computed in one projection and counted in
 * a loop.
 */
final class CodeCounter extends BinaryResultAggregator<CodeCounter.Buffer> {
  private static final long serialVersionUID = 1L;
  /** Codes per input array: each array is one projected field, and its generated code stays small. */
  private static final int CHUNK = 256;

  private final int[] sizes;

  private CodeCounter(int[] sizes) {
    super(Buffer.class);
    this.sizes = sizes.clone();
  }

  /** Per slot, the rows of each code. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[][] counts;

    Buffer(long[][] counts) {
      this.counts = counts;
    }
  }

  /**
   * The aggregate over the codes, each an int expression from 0 to its size - 1 (never null).
   *
   * @param sizes per code, how many values it takes
   */
  static Column of(List<Column> codes, int[] sizes) {
    List<Column> arrays = new ArrayList<>();
    StructType schema = new StructType();
    for (int start = 0; start < codes.size(); start += CHUNK) {
      arrays.add(functions.array(codes.subList(start, Math.min(codes.size(), start + CHUNK))
          .toArray(Column[]::new)));
      schema = schema.add("c" + arrays.size(), DataTypes.createArrayType(DataTypes.IntegerType, true), true);
    }
    return functions.udaf(new CodeCounter(sizes), Encoders.row(schema)).apply(arrays.toArray(Column[]::new));
  }

  /** The counts from the aggregate's result: [slot][code]. */
  static long[][] read(Object result) {
    return JavaBytes.read((byte[]) result, Buffer.class).counts;
  }

  @Override
  public Buffer zero() {
    long[][] counts = new long[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      counts[s] = new long[sizes[s]];
    }
    return new Buffer(counts);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    int slot = 0;
    for (int f = 0; f < row.length(); f++) {
      List<Integer> codes = row.getList(f);
      for (Integer code : codes) {
        buffer.counts[slot++][code]++;
      }
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (int s = 0; s < a.counts.length; s++) {
      for (int c = 0; c < a.counts[s].length; c++) {
        a.counts[s][c] += b.counts[s][c];
      }
    }
    return a;
  }
}
