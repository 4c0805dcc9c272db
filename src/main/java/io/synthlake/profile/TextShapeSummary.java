package io.synthlake.profile;

import java.util.Collections;
import java.util.List;

/**
 * Read-only shape statistics of a string column (see {@link TextShapeState}).
 *
 * @param lengthCounts count of values by length (index = length)
 * @param characterCounts counts of printable ASCII characters (index = char - 32), last = every other character
 * @param classCounts per leading position: counts of digit, upper, lower and other characters
 * @param literals per leading position: the character every value has there, or null
 */
public record TextShapeSummary(
    long[] lengthCounts,
    long truncatedLengths,
    long[] characterCounts,
    long[][] classCounts,
    List<Character> literals,
    long valuesWithWhitespace) {
  public TextShapeSummary {
    literals = Collections.unmodifiableList(new java.util.ArrayList<>(literals));
  }

  public int maxLength() {
    return lengthCounts.length - 1;
  }

  /** How many counted characters lie between first and last (printable ASCII, inclusive). */
  public long characters(char first, char last) {
    long count = 0;
    for (int c = Math.max(first, TextShapeState.PRINTABLE_FIRST); c <= Math.min(last, TextShapeState.PRINTABLE_LAST);
        c++) {
      count += characterCounts[c - TextShapeState.PRINTABLE_FIRST];
    }
    return count;
  }

  /** Every counted character. */
  public long characters() {
    long count = 0;
    for (long c : characterCounts) {
      count += c;
    }
    return count;
  }

  public long values() {
    long total = 0;
    for (long count : lengthCounts) {
      total += count;
    }
    return total;
  }
}
