package io.synthlake.generate;

import io.synthlake.model.NonFinite;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.stats.CounterRng;
import java.io.Serializable;

/**
 * Numbers, dates and timestamps: the inverse marginal at the uniform, then NaN and infinities at their shares. A
 * column a rule decides is computed from the columns generated before it ({@link Derivation}); rows where the rule
 * has nothing to work from (a null part) fall back to the column's own marginal.
 */
final class NumericGenerator extends ColumnGenerator {
  private static final long serialVersionUID = 1L;

  /** How a column that a rule decides gets its value, from the numbers and slots of earlier columns. */
  sealed interface Derivation extends Serializable permits AboveLows, Total, Mapped {}

  /**
   * The high column of an order: its own draw, or the largest present low where its own draw would break the
   * order (just above it where that low is strict).
   *
   * @param strict per low, whether the high stays strictly above it
   */
  record AboveLows(int[] lows, boolean[] strict) implements Derivation {}

  /** {@code total = left + right} (or {@code - right}). */
  record Total(int left, int right, boolean minus) implements Derivation {}

  /**
   * The value mapped from the slot of column {@code from}: {@code numbers[slot]}, null where {@code nulls[slot]},
   * the column's own draw where {@code mapped[slot]} is false.
   */
  record Mapped(int from, boolean[] mapped, double[] numbers, boolean[] nulls, long labelKey)
      implements Derivation {}

  /**
   * Per-label marginals: the row's draw comes from the distribution of its label of column {@code by} (by slot of
   * that column's scale), or from {@code rest} for a label without one (the other bucket, a made-up label, null).
   */
  record ByLabel(int by, NumericDistribution[] bySlot, NumericDistribution rest) implements Serializable {
    NumericDistribution of(int slot) {
      return slot >= 0 && slot < bySlot.length && bySlot[slot] != null ? bySlot[slot] : rest;
    }
  }

  private final NumericDistribution distribution;
  private final ByLabel byLabel;
  private final NumberWriter writer;
  private final double nanEdge;
  private final double positiveEdge;
  private final double nonFiniteEdge;
  private final Derivation derivation;

  NumericGenerator(double nullFraction, NumericMarginal marginal, OutputType type) {
    this(nullFraction, marginal, type, null, null);
  }

  NumericGenerator(double nullFraction, NumericMarginal marginal, OutputType type, Derivation derivation,
      ByLabel byLabel) {
    super(nullFraction);
    this.byLabel = byLabel;
    boolean finite = !marginal.atoms().isEmpty() || marginal.continuous() != null;
    this.distribution = finite ? NumericDistribution.of(marginal) : null;
    this.writer = new NumberWriter(type, marginal.resolution());
    this.derivation = derivation;
    NonFinite nonFinite = marginal.nonFinite();
    boolean floating = type.type() == io.synthlake.fit.SourceType.FLOAT
        || type.type() == io.synthlake.fit.SourceType.DOUBLE;
    if (nonFinite == null || !floating) {
      nanEdge = positiveEdge = nonFiniteEdge = 0;
    } else {
      nanEdge = nonFinite.nan();
      positiveEdge = nanEdge + nonFinite.positiveInfinity();
      nonFiniteEdge = finite ? positiveEdge + nonFinite.negativeInfinity() : 1.0;
    }
  }

  private NumericGenerator(NumericGenerator finite) {
    super(finite.nullFraction());
    this.byLabel = finite.byLabel;
    this.distribution = finite.distribution;
    this.writer = finite.writer;
    this.derivation = finite.derivation;
    this.nanEdge = 0;
    this.positiveEdge = 0;
    this.nonFiniteEdge = 0;
  }

  /** The same generator without NaN or infinities: a condition on the column asks for finite values. */
  NumericGenerator finiteOnly() {
    return nonFiniteEdge == 0 ? this : new NumericGenerator(this);
  }

  @Override
  void generate(long firstRow, long[] keys, boolean[] nulls, double[] normals, int count, ColumnSink sink,
      int offset, double[] scratch, ChunkState state, int self) {
    double[] recorded = state.numbers(self);
    if (derivation instanceof AboveLows order) {
      generateAboveLows(order, keys, nulls, normals, count, sink, offset, scratch, state, recorded);
      return;
    }
    double[] values = scratch;
    boolean drawn = draw(keys, normals, values, count, state);
    for (int i = 0; i < count; i++) {
      int position = offset + i;
      if (nulls[i]) {
        sink.putNull(position);
        record(recorded, i, Double.NaN);
        continue;
      }
      if (derivation instanceof Total total) {
        double left = state.numbers(total.left())[i];
        double right = state.numbers(total.right())[i];
        if (!Double.isNaN(left) && !Double.isNaN(right)) {
          double value = writer.restore(total.minus() ? left - right : left + right);
          writer.put(sink, position, value);
          record(recorded, i, value);
          continue;
        }
      } else if (derivation instanceof Mapped mapped) {
        int slot = state.slots(mapped.from())[i];
        if (slot <= -2) {
          // A made-up label of the determinant always maps to the same value: a draw keyed by the label.
          long labelKey = CounterRng.subKey(mapped.labelKey(), CategoricalGenerator.madeUpIndex(slot));
          writeDrawn(labelKey, Double.NaN, sink, position, recorded, i);
          continue;
        }
        if (slot >= 0 && mapped.mapped()[slot]) {
          if (mapped.nulls()[slot]) {
            sink.putNull(position);
            record(recorded, i, Double.NaN);
          } else {
            double value = mapped.numbers()[slot];
            writer.put(sink, position, value);
            record(recorded, i, value);
          }
          continue;
        }
      }
      writeDrawn(keys[i], drawn ? values[i] : Double.NaN, sink, position, recorded, i);
    }
  }

  /**
   * The column's own draws into {@code values}: its marginal at the copula normals, or with per-label marginals its
   * label's marginal at the copula normal (at the stream's value draw when the column is outside the copula).
   * False when nothing was drawn (the stream's value draw then happens per row, where needed).
   */
  private boolean draw(long[] keys, double[] normals, double[] values, int count, ChunkState state) {
    if (distribution == null) {
      return false;
    }
    if (byLabel == null) {
      if (normals == null) {
        return false;
      }
      distribution.quantilesOfNormals(normals, values, count);
      return true;
    }
    int[] slots = state.slots(byLabel.by());
    for (int i = 0; i < count; i++) {
      NumericDistribution of = byLabel.of(slots[i]);
      values[i] = normals == null ? of.quantile(CounterRng.uniform(keys[i], VALUE_DRAW))
          : of.quantileOfNormal(normals[i]);
    }
    return true;
  }

  /**
   * The high column of an order: its own marginal at its copula normal, as if there were no rule; where that value
   * would break the order (below the largest present low, or not above it for a strict order), the low itself, or
   * the next value of the column's resolution above it for a strict order. Only the rows the copula put out of
   * order change, by as little as they can, so the column keeps its marginal: a high drawn as low + fitted gap in
   * every row, or only in those rows, lost up to 0.05 of the KS complement on real tables (docs/QUALITY.md).
   */
  private void generateAboveLows(AboveLows order, long[] keys, boolean[] nulls, double[] normals, int count,
      ColumnSink sink, int offset, double[] scratch, ChunkState state, double[] recorded) {
    double[] values = scratch;
    boolean drawn = draw(keys, normals, values, count, state);
    for (int i = 0; i < count; i++) {
      int position = offset + i;
      if (nulls[i]) {
        sink.putNull(position);
        record(recorded, i, Double.NaN);
        continue;
      }
      double base = Double.NaN;
      // Of the lows at the largest value, strict when any is.
      boolean strict = false;
      int[] lows = order.lows();
      for (int l = 0; l < lows.length; l++) {
        double value = state.numbers(lows[l])[i];
        if (Double.isNaN(value)) {
          continue;
        }
        if (!(value <= base)) {
          base = value;
          strict = order.strict()[l];
        } else if (value == base) {
          strict |= order.strict()[l];
        }
      }
      long key = keys[i];
      double own = drawn ? values[i] : distribution.quantile(CounterRng.uniform(key, VALUE_DRAW));
      double restored = writer.restore(own);
      if (Double.isNaN(base) || Double.isInfinite(base)) {
        writeDrawn(key, own, sink, position, recorded, i);
        continue;
      }
      if (restored > base || (!strict && restored == base)) {
        // A low is present: no NaN or infinity, which would break the order (the source's rows kept it).
        writer.put(sink, position, own);
        record(recorded, i, restored);
        continue;
      }
      // Onto the column's grid at or above the low (strictly above for a strict order): a low on a finer grid
      // than the high's is rounded up, never down.
      double value = writer.restoreUp(base);
      if (strict && value <= base) {
        value = writer.nextAbove(value);
      }
      writer.put(sink, position, value);
      record(recorded, i, value);
    }
  }

  /** A value of the column's own marginal (the copula's quantile when given, else the stream's value draw). */
  private void writeDrawn(long key, double quantile, ColumnSink sink, int position, double[] recorded, int i) {
    if (nonFiniteEdge > 0) {
      double w = CounterRng.uniform(key, SPECIAL_DRAW);
      if (w < nonFiniteEdge) {
        writer.putNonFinite(sink, position, w < nanEdge ? Double.NaN
            : w < positiveEdge ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        record(recorded, i, Double.NaN);
        return;
      }
    }
    double value = Double.isNaN(quantile) ? distribution.quantile(CounterRng.uniform(key, VALUE_DRAW)) : quantile;
    writer.put(sink, position, value);
    record(recorded, i, writer.restore(value));
  }

  private static void record(double[] recorded, int i, double value) {
    if (recorded != null) {
      recorded[i] = value;
    }
  }
}
