package io.synthlake.generate;

import io.synthlake.stats.CounterRng;

/**
 * Integer keys, unique over every row index: rows are cut into blocks as long as the source's protected key range,
 * and block b maps its rows one to one onto the range shifted by b ranges, through a keyed permutation. The first
 * block lands inside the source's range, scattered like real keys; larger outputs continue above it. A key is a
 * function of its row index alone, so other tables can compute it (foreign keys) and appends can continue it.
 */
final class IntegerKeyGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final long lower;
  private final long range;
  private final long columnKey;
  private final NumberWriter writer;

  IntegerKeyGenerator(double nullFraction, long lower, long upper, long columnKey, OutputType type) {
    super(nullFraction);
    this.lower = lower;
    this.range = Math.min(FeistelPermutation.MAX_DOMAIN, Math.max(1, upper - lower + 1));
    this.columnKey = columnKey;
    this.writer = new NumberWriter(type, 1.0);
  }

  /** The key of a row index. */
  long keyOf(long row) {
    long block = row / range;
    long offset = new FeistelPermutation(range, CounterRng.subKey(columnKey, block)).apply(row % range);
    return lower + block * range + offset;
  }

  /** The largest key rows [0, rows) can get. */
  long largestKey(long rows) {
    long blocks = (rows - 1) / range + 1;
    return lower + blocks * range - 1;
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    writer.put(sink, position, keyOf(row));
  }
}
