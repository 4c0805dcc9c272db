package io.synthlake.generate;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** A discrete distribution over characters, sampled from a uniform by binary search on cumulative weights. */
final class CharTable implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String DIGITS = "0123456789";
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  /** Used for the "other" class when the model kept no character of it (all were rare). */
  static final String PUNCTUATION = "-_.";

  private final char[] chars;
  private final double[] cumulative;

  private CharTable(char[] chars, double[] cumulative) {
    this.chars = chars;
    this.cumulative = cumulative;
  }

  /** From positive weights; at least one weight must be positive. */
  static CharTable of(Map<Character, Double> weights) {
    TreeMap<Character, Double> sorted = new TreeMap<>();
    weights.forEach((c, w) -> {
      if (w > 0) {
        sorted.merge(c, w, Double::sum);
      }
    });
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a character table needs a positive weight");
    }
    char[] chars = new char[sorted.size()];
    double[] cumulative = new double[sorted.size()];
    double total = 0;
    int i = 0;
    for (Map.Entry<Character, Double> entry : sorted.entrySet()) {
      total += entry.getValue();
      chars[i] = entry.getKey();
      cumulative[i] = total;
      i++;
    }
    for (int j = 0; j < cumulative.length; j++) {
      cumulative[j] /= total;
    }
    cumulative[cumulative.length - 1] = 1.0;
    return new CharTable(chars, cumulative);
  }

  static CharTable uniform(String alphabet) {
    Map<Character, Double> weights = new TreeMap<>();
    for (char c : alphabet.toCharArray()) {
      weights.put(c, 1.0);
    }
    return of(weights);
  }

  char sample(double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return chars[lo];
  }

  /** The characters, in order: an alphabet for encoding numbers. */
  char[] alphabet() {
    return chars.clone();
  }

  static CharClass classOf(char c) {
    if (c >= '0' && c <= '9') {
      return CharClass.DIGIT;
    }
    if (c >= 'A' && c <= 'Z') {
      return CharClass.UPPER;
    }
    if (c >= 'a' && c <= 'z') {
      return CharClass.LOWER;
    }
    return CharClass.OTHER;
  }

  enum CharClass {
    DIGIT(DIGITS),
    UPPER(CharTable.UPPER),
    LOWER(CharTable.LOWER),
    OTHER(PUNCTUATION);

    final String fallback;

    CharClass(String fallback) {
      this.fallback = fallback;
    }
  }
}
