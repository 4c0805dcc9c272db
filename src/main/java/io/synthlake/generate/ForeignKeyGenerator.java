package io.synthlake.generate;

import io.synthlake.model.FanOut;
import io.synthlake.stats.CounterRng;

/**
 * A foreign key: each child row draws a parent row index and writes that row's key, exactly as the parent's own
 * key generator writes it, so every value is one of the synthetic parent's keys without any key being stored,
 * collected or joined. The child's rows take stratified positions ((a keyed permutation of the row + ½) / rows)
 * on the fan-out curve, which gives each parent its expected number of children; a second keyed permutation
 * scatters the popular parents over the parent's rows. The columns of one composite key share both permutations
 * and so draw the same parent row.
 */
final class ForeignKeyGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final FanOut fanOut;
  private final long childRows;
  private final FeistelPermutation childOrder;
  private final long parentRows;
  private final FeistelPermutation parentOrder;
  private final RowGenerator parentKeys;
  private final long parentSeed;
  private final long parentTableKey;
  private final long parentColumnSalt;

  /**
   * @param keySeed the same for every column of one foreign key
   * @param parentKeys the parent's generator of the referenced key column
   */
  ForeignKeyGenerator(double nullFraction, FanOut fanOut, long childRows, long keySeed, long parentRows,
      RowGenerator parentKeys, long parentSeed, long parentTableKey, long parentColumnSalt) {
    super(nullFraction);
    this.fanOut = fanOut;
    this.childRows = Math.max(1, childRows);
    this.childOrder = new FeistelPermutation(this.childRows, CounterRng.draw(keySeed, 1));
    this.parentRows = parentRows;
    this.parentOrder = new FeistelPermutation(parentRows, CounterRng.draw(keySeed, 2));
    this.parentKeys = parentKeys;
    this.parentSeed = parentSeed;
    this.parentTableKey = parentTableKey;
    this.parentColumnSalt = parentColumnSalt;
  }

  /** The parent row that child row {@code row} points at. */
  long parentRow(long row) {
    double position = (childOrder.apply(Math.min(row, childRows - 1)) + 0.5) / childRows;
    long rank = Math.min(parentRows - 1, (long) Math.floor(fanOut.parentShareAt(position) * parentRows));
    return parentOrder.apply(rank);
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    long parent = parentRow(row);
    // The parent's stream for its key column at that row, as the parent's sampler derives it.
    long parentKey = CounterRng.saltedKey(CounterRng.hash(parentSeed, parentTableKey, parent), parentColumnSalt);
    parentKeys.write(parent, parentKey, CounterRng.uniform(parentKey, VALUE_DRAW), sink, position);
  }
}
