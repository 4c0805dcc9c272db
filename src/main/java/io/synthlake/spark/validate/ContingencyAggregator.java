package io.synthlake.spark.validate;

import io.synthlake.spark.BinaryResultAggregator;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Contingency tables of many column pairs in one aggregate, as dense count arrays: each row's key per column is
 * coded once (a continuous column's bin, 0 to 11; a discrete column's label through its dictionary, with missing
 * last), and each pair adds one to its cell. No row leaves its task; the tables are small because the caller
 * sends here only pairs whose cells fit a budget.
 */
final class ContingencyAggregator extends BinaryResultAggregator<ContingencyAggregator.Buffer> {
  private static final long serialVersionUID = 1L;

  private final boolean[] binned;
  private final List<Map<String, Integer>> dictionaries;
  private final int[] sizes;
  private final int[][] pairs;

  /**
   * @param binned per input column: an int bin (true) or a label (false)
   * @param dictionaries per label column its label codes (null for binned columns)
   * @param sizes per input column, the number of codes (labels plus one for missing; bins)
   * @param pairs per table, the two input columns it counts
   */
  ContingencyAggregator(boolean[] binned, List<Map<String, Integer>> dictionaries, int[] sizes, int[][] pairs) {
    super(Buffer.class);
    this.binned = binned.clone();
    this.dictionaries = dictionaries;
    this.sizes = sizes.clone();
    this.pairs = pairs.clone();
  }

  /** One count array per pair, row-major over (first code, second code). */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[][] tables;

    Buffer(long[][] tables) {
      this.tables = tables;
    }
  }

  @Override
  public Buffer zero() {
    long[][] tables = new long[pairs.length][];
    for (int p = 0; p < pairs.length; p++) {
      tables[p] = new long[sizes[pairs[p][0]] * sizes[pairs[p][1]]];
    }
    return new Buffer(tables);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    int[] codes = new int[binned.length];
    for (int c = 0; c < codes.length; c++) {
      if (binned[c]) {
        codes[c] = row.getInt(c);
      } else if (row.isNullAt(c)) {
        codes[c] = sizes[c] - 1;
      } else {
        Integer code = dictionaries.get(c).get(row.getString(c));
        if (code == null) {
          throw new IllegalStateException("label of input column " + c + " missing from its dictionary");
        }
        codes[c] = code;
      }
    }
    for (int p = 0; p < pairs.length; p++) {
      buffer.tables[p][codes[pairs[p][0]] * sizes[pairs[p][1]] + codes[pairs[p][1]]]++;
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (int p = 0; p < a.tables.length; p++) {
      long[] into = a.tables[p];
      long[] from = b.tables[p];
      for (int i = 0; i < into.length; i++) {
        into[i] += from[i];
      }
    }
    return a;
  }
}
