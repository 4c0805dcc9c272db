package io.synthlake.generate;

import io.synthlake.generate.CharTable.CharClass;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.PositionShape;
import io.synthlake.model.StringShape;
import io.synthlake.stats.CounterRng;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strings drawn from a {@link StringShape}: a length from the length distribution, then at each of the first
 * positions a literal or a character of the classes seen there (weighted by the column's character frequencies),
 * and beyond them characters with the column's overall frequencies. Only printable ASCII is produced; the
 * model's "other" characters (non-ASCII) are left out.
 */
final class ShapedStrings implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No generated string is longer, whatever a hand-edited model says. */
  static final int MAX_LENGTH = 1 << 16;

  private final NumericDistribution lengths;
  private final CharTable[] positions;
  private final char[] literals;
  private final CharTable overall;

  ShapedStrings(StringShape shape) {
    this.lengths = NumericDistribution.of(shape.lengths());
    Map<CharClass, Map<Character, Double>> byClass = byClass(shape.characters());
    List<PositionShape> shapes = shape.positions();
    this.positions = new CharTable[shapes.size()];
    this.literals = new char[shapes.size()];
    for (int p = 0; p < shapes.size(); p++) {
      PositionShape position = shapes.get(p);
      if (position.literal() != null) {
        literals[p] = position.literal().charAt(0);
      } else {
        positions[p] = positionTable(position, byClass);
      }
    }
    Map<Character, Double> all = new HashMap<>();
    byClass.values().forEach(all::putAll);
    this.overall = all.isEmpty() ? CharTable.uniform(CharTable.LOWER) : CharTable.of(all);
  }

  static Map<CharClass, Map<Character, Double>> byClass(Map<String, Double> characters) {
    Map<CharClass, Map<Character, Double>> byClass = new EnumMap<>(CharClass.class);
    for (CharClass c : CharClass.values()) {
      byClass.put(c, new HashMap<>());
    }
    characters.forEach((key, share) -> {
      if (key.length() == 1 && key.charAt(0) >= 0x20 && key.charAt(0) < 0x7f && share > 0) {
        byClass.get(CharTable.classOf(key.charAt(0))).put(key.charAt(0), share);
      }
    });
    return byClass;
  }

  /** Each class present at the position gets its share, spread over its characters by their frequencies. */
  private static CharTable positionTable(PositionShape position, Map<CharClass, Map<Character, Double>> byClass) {
    Map<Character, Double> weights = new HashMap<>();
    addClass(weights, position.digit(), byClass.get(CharClass.DIGIT), CharClass.DIGIT);
    addClass(weights, position.upper(), byClass.get(CharClass.UPPER), CharClass.UPPER);
    addClass(weights, position.lower(), byClass.get(CharClass.LOWER), CharClass.LOWER);
    addClass(weights, position.other(), byClass.get(CharClass.OTHER), CharClass.OTHER);
    return weights.isEmpty() ? CharTable.uniform(CharTable.LOWER) : CharTable.of(weights);
  }

  private static void addClass(Map<Character, Double> weights, double share, Map<Character, Double> chars,
      CharClass charClass) {
    if (share <= 0) {
      return;
    }
    if (chars.isEmpty()) {
      String fallback = charClass.fallback;
      for (char c : fallback.toCharArray()) {
        weights.merge(c, share / fallback.length(), Double::sum);
      }
      return;
    }
    double total = chars.values().stream().mapToDouble(Double::doubleValue).sum();
    chars.forEach((c, w) -> weights.merge(c, share * w / total, Double::sum));
  }

  /** A length drawn from the model's length distribution. */
  int length(double u) {
    double value = Math.rint(lengths.quantile(u));
    return (int) Math.max(0, Math.min(MAX_LENGTH, value));
  }

  /** The string for a key: length from draw 0, the character at position p from draw p + 1. */
  byte[] compose(long key) {
    int length = length(CounterRng.uniform(key, 0));
    byte[] bytes = new byte[length];
    for (int p = 0; p < length; p++) {
      bytes[p] = (byte) charAt(p, CounterRng.uniform(key, p + 1L));
    }
    return bytes;
  }

  char charAt(int position, double u) {
    if (position < positions.length) {
      return positions[position] == null ? literals[position] : positions[position].sample(u);
    }
    return overall.sample(u);
  }

  /** The literal at a position, or 0 when the position varies. */
  char literalAt(int position) {
    return position < positions.length && positions[position] == null ? literals[position] : 0;
  }

  /** The characters a position may hold (the overall set beyond the modelled positions). */
  char[] alphabetAt(int position) {
    if (position < positions.length) {
      return positions[position] == null ? new char[] {literals[position]} : positions[position].alphabet();
    }
    return overall.alphabet();
  }

  /** How many leading positions have their own character classes. */
  int modelledPositions() {
    return positions.length;
  }

  int longest() {
    return length(1.0);
  }
}
