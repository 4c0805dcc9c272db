package io.synthlake.generate;

import io.synthlake.fit.SourceType;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.stats.CounterRng;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labels (and booleans): the slot whose interval of the copula's scale holds the uniform. The folded rare labels
 * come back as made-up labels (of the column's semantic type, words or shape: {@link TextMaker}), drawn from a pool
 * about as large as the number of labels folded, so they stay rare; they are never the source's rare labels, which
 * the model does not hold.
 */
final class CategoricalGenerator extends ColumnGenerator {
  private static final long serialVersionUID = 1L;
  /** At most this many distinct made-up labels per column. */
  static final long MAX_OTHER_POOL = 1_000_000;

  private final CategoricalScale scale;
  private final FixedValue[] values;
  private final TextMaker otherMaker;
  private final long otherPool;
  private final long otherKey;
  private final Set<String> labels;
  private final Derivation derivation;

  /** How a column that a rule decides gets its label, from the slots of an earlier column. */
  sealed interface Derivation extends Serializable permits Table, Mapped {}

  /**
   * The label drawn from the scale of the parent's slot ({@code scales[slot]}, or {@code otherwise} for a null or
   * folded parent), at the column's own copula normal or value draw.
   */
  record Table(int parent, CategoricalScale[] scales, CategoricalScale otherwise) implements Derivation {}

  /**
   * The label mapped from the slot of column {@code from}: {@code values[slot]} (null for a null target), recorded
   * as {@code slots[slot]}; the column's own draw where {@code mapped[slot]} is false.
   */
  record Mapped(int from, boolean[] mapped, FixedValue[] values, int[] slots, long labelKey) implements Derivation {}

  /**
   * The recorded slot of the k-th made-up label: below -1, so a column mapped from this one can give every row with
   * the same made-up label the same value ({@link #madeUpIndex}).
   */
  static int madeUpSlot(long index) {
    return (int) (-2 - index);
  }

  /** The made-up label's index of a recorded slot, or -1 for a stored label or a null. */
  static long madeUpIndex(int slot) {
    return slot <= -2 ? -2L - slot : -1;
  }

  /**
   * @param otherPool how many distinct labels the other bucket draws from
   * @param otherKey the key of the made-up labels (fixed per column and seed, so a label repeats across rows)
   */
  CategoricalGenerator(double nullFraction, CategoricalMarginal marginal, OutputType type, long otherPool,
      long otherKey) {
    this(nullFraction, marginal, type, otherPool, otherKey, null);
  }

  CategoricalGenerator(double nullFraction, CategoricalMarginal marginal, OutputType type, long otherPool,
      long otherKey, Derivation derivation) {
    super(nullFraction);
    this.derivation = derivation;
    this.scale = CategoricalScale.of(marginal);
    List<Category> categories = marginal.categories();
    this.values = new FixedValue[scale.size()];
    this.labels = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      values[i] = FixedValue.parse(categories.get(i).value(), type);
      labels.add(categories.get(i).value());
    }
    // Made-up labels only make sense as strings; in other types the folded share becomes nulls.
    this.otherMaker = marginal.other() != null && type.type() == SourceType.STRING
        ? TextMaker.of(marginal.other().shape(), marginal.other().words(), marginal.other().semantic()) : null;
    this.otherPool = Math.max(1, Math.min(MAX_OTHER_POOL, otherPool));
    this.otherKey = otherKey;
  }

  @Override
  void generate(long firstRow, long[] keys, boolean[] nulls, double[] normals, int count, ColumnSink sink,
      int offset, double[] scratch, ChunkState state, int self) {
    int[] recorded = state.slots(self);
    int[] parents = derivation instanceof Table table ? state.slots(table.parent())
        : derivation instanceof Mapped mapped ? state.slots(mapped.from()) : null;
    for (int i = 0; i < count; i++) {
      long key = keys[i];
      int position = offset + i;
      if (nulls[i]) {
        sink.putNull(position);
        record(recorded, i, -1);
        continue;
      }
      long drawKey = key;
      if (derivation instanceof Mapped mapped) {
        int from = parents[i];
        if (from <= -2) {
          // A made-up label of the determinant always maps to the same value: a draw keyed by the label, not the row.
          drawKey = CounterRng.subKey(mapped.labelKey(), madeUpIndex(from));
        }
        if (from >= 0 && mapped.mapped()[from]) {
          FixedValue value = mapped.values()[from];
          if (value == null) {
            sink.putNull(position);
          } else {
            value.put(sink, position);
          }
          record(recorded, i, mapped.slots()[from]);
          continue;
        }
      }
      CategoricalScale rowScale = scale;
      if (derivation instanceof Table table) {
        int parent = parents[i];
        CategoricalScale parentScale = parent >= 0 ? table.scales()[parent] : null;
        rowScale = parentScale != null ? parentScale : table.otherwise();
      }
      int slot = normals == null || drawKey != key ? rowScale.slotAt(CounterRng.uniform(drawKey, VALUE_DRAW))
          : rowScale.slotOfNormal(normals[i]);
      record(recorded, i, slot);
      FixedValue value = values[slot];
      if (value != null) {
        value.put(sink, position);
      } else if (otherMaker != null && scale.label(slot) == null) {
        long index = (long) (CounterRng.uniform(drawKey, SPECIAL_DRAW) * otherPool);
        record(recorded, i, madeUpSlot(index));
        byte[] label = otherLabel(index);
        sink.putString(position, label, label.length);
      } else {
        sink.putNull(position);
      }
    }
  }

  private static void record(int[] recorded, int i, int slot) {
    if (recorded != null) {
      recorded[i] = slot;
    }
  }

  /** The slot of a stored label, or -1. */
  int slotOf(String label) {
    for (int slot = 0; slot < scale.size(); slot++) {
      if (label.equals(scale.label(slot))) {
        return slot;
      }
    }
    return -1;
  }

  /**
   * The index-th made-up label; never equal to a kept label (that would inflate its share): keyed redraws, then the
   * column's shape where the maker's values are all kept labels (state codes), at last a numbered variant.
   */
  private byte[] otherLabel(long index) {
    return otherMaker.makeAvoiding(CounterRng.subKey(otherKey, index), labels::contains)
        .getBytes(StandardCharsets.UTF_8);
  }
}
