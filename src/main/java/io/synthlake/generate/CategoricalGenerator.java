package io.synthlake.generate;

import io.synthlake.fit.SourceType;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.stats.CounterRng;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labels (and booleans): the slot whose interval of the copula's scale holds the uniform. The folded rare labels
 * come back as made-up labels of their shape, drawn from a pool about as large as the number of labels folded, so
 * they stay rare; they are never the source's rare labels, which the model does not hold.
 */
final class CategoricalGenerator extends ColumnGenerator {
  private static final long serialVersionUID = 1L;
  /** At most this many distinct made-up labels per column. */
  static final long MAX_OTHER_POOL = 1_000_000;
  private static final int MAX_COLLISION_RETRIES = 4;

  private final CategoricalScale scale;
  private final FixedValue[] values;
  private final ShapedStrings otherShape;
  private final long otherPool;
  private final long otherKey;
  private final Set<String> labels;

  /**
   * @param otherPool how many distinct labels the other bucket draws from
   * @param otherKey the key of the made-up labels (fixed per column and seed, so a label repeats across rows)
   */
  CategoricalGenerator(double nullFraction, CategoricalMarginal marginal, OutputType type, long otherPool,
      long otherKey) {
    super(nullFraction);
    this.scale = CategoricalScale.of(marginal);
    List<Category> categories = marginal.categories();
    this.values = new FixedValue[scale.size()];
    this.labels = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      values[i] = FixedValue.parse(categories.get(i).value(), type);
      labels.add(categories.get(i).value());
    }
    // Made-up labels only make sense as strings; in other types the folded share becomes nulls.
    this.otherShape = marginal.other() != null && type.type() == SourceType.STRING
        ? new ShapedStrings(marginal.other().shape()) : null;
    this.otherPool = Math.max(1, Math.min(MAX_OTHER_POOL, otherPool));
    this.otherKey = otherKey;
  }

  @Override
  void generate(long firstRow, long[] keys, double[] normals, int count, ColumnSink sink, int offset,
      double[] scratch) {
    for (int i = 0; i < count; i++) {
      long key = keys[i];
      int position = offset + i;
      if (isNull(key)) {
        sink.putNull(position);
        continue;
      }
      int slot = normals == null ? scale.slotAt(CounterRng.uniform(key, VALUE_DRAW)) : scale.slotOfNormal(normals[i]);
      FixedValue value = values[slot];
      if (value != null) {
        value.put(sink, position);
      } else if (otherShape != null && scale.label(slot) == null) {
        byte[] label = otherLabel((long) (CounterRng.uniform(key, SPECIAL_DRAW) * otherPool));
        sink.putString(position, label, label.length);
      } else {
        sink.putNull(position);
      }
    }
  }

  /** The index-th made-up label; never equal to a kept label (that would inflate its share). */
  private byte[] otherLabel(long index) {
    byte[] label = otherShape.compose(CounterRng.subKey(otherKey, index));
    for (int retry = 1; retry <= MAX_COLLISION_RETRIES && labels.contains(ascii(label)); retry++) {
      label = otherShape.compose(CounterRng.subKey(otherKey, index + retry * MAX_OTHER_POOL));
    }
    return label;
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
