package io.synthlake.profile;

import io.synthlake.model.StringShape;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable shape statistics of a string column: exact length counts, character counts (printable ASCII, one
 * bucket for the rest), per-position character-class counts, and the literal character shared by every value at
 * each leading position, if any. Never a value.
 */
public final class TextShapeState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Lengths above this are counted as this length. */
  public static final int MAX_TRACKED_LENGTH = 1 << 16;
  public static final int PRINTABLE_FIRST = 32;
  public static final int PRINTABLE_LAST = 126;
  /** Index of the bucket for characters outside printable ASCII. */
  public static final int OTHER_CHARACTER = PRINTABLE_LAST - PRINTABLE_FIRST + 1;
  public static final int DIGIT = 0;
  public static final int UPPER = 1;
  public static final int LOWER = 2;
  public static final int OTHER_CLASS = 3;

  private static final int POSITIONS = StringShape.MAX_POSITIONS;
  private static final byte UNSEEN = 0;
  private static final byte SINGLE = 1;
  private static final byte MIXED = 2;

  private long[] lengthCounts = new long[16];
  private long truncatedLengths;
  private final long[] characterCounts = new long[OTHER_CHARACTER + 1];
  private final long[][] classCounts = new long[POSITIONS][4];
  private final char[] literal = new char[POSITIONS];
  private final byte[] literalState = new byte[POSITIONS];
  private long valuesWithWhitespace;

  public void add(String value) {
    int length = value.length();
    int tracked = Math.min(length, MAX_TRACKED_LENGTH);
    if (length > MAX_TRACKED_LENGTH) {
      truncatedLengths++;
    }
    if (tracked >= lengthCounts.length) {
      lengthCounts = Arrays.copyOf(lengthCounts, Math.max(tracked + 1, Math.min(MAX_TRACKED_LENGTH + 1,
          lengthCounts.length * 2)));
    }
    lengthCounts[tracked]++;
    boolean whitespace = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= PRINTABLE_FIRST && c <= PRINTABLE_LAST) {
        characterCounts[c - PRINTABLE_FIRST]++;
      } else {
        characterCounts[OTHER_CHARACTER]++;
      }
      if (Character.isWhitespace(c)) {
        whitespace = true;
      }
      if (i < POSITIONS) {
        classCounts[i][classOf(c)]++;
        if (literalState[i] == UNSEEN) {
          literalState[i] = SINGLE;
          literal[i] = c;
        } else if (literalState[i] == SINGLE && literal[i] != c) {
          literalState[i] = MIXED;
        }
      }
    }
    if (whitespace) {
      valuesWithWhitespace++;
    }
  }

  public static int classOf(char c) {
    if (c >= '0' && c <= '9') {
      return DIGIT;
    }
    if (c >= 'A' && c <= 'Z') {
      return UPPER;
    }
    if (c >= 'a' && c <= 'z') {
      return LOWER;
    }
    return OTHER_CLASS;
  }

  public void merge(TextShapeState other) {
    if (other.lengthCounts.length > lengthCounts.length) {
      lengthCounts = Arrays.copyOf(lengthCounts, other.lengthCounts.length);
    }
    for (int i = 0; i < other.lengthCounts.length; i++) {
      lengthCounts[i] += other.lengthCounts[i];
    }
    truncatedLengths += other.truncatedLengths;
    for (int i = 0; i < characterCounts.length; i++) {
      characterCounts[i] += other.characterCounts[i];
    }
    for (int p = 0; p < POSITIONS; p++) {
      for (int c = 0; c < 4; c++) {
        classCounts[p][c] += other.classCounts[p][c];
      }
      if (literalState[p] == UNSEEN) {
        literalState[p] = other.literalState[p];
        literal[p] = other.literal[p];
      } else if (other.literalState[p] == MIXED
          || (other.literalState[p] == SINGLE && literalState[p] == SINGLE && other.literal[p] != literal[p])) {
        literalState[p] = MIXED;
      }
    }
    valuesWithWhitespace += other.valuesWithWhitespace;
  }

  public TextShapeSummary summary() {
    int used = lengthCounts.length;
    while (used > 0 && lengthCounts[used - 1] == 0) {
      used--;
    }
    Character[] literals = new Character[POSITIONS];
    long[][] classes = new long[POSITIONS][];
    for (int p = 0; p < POSITIONS; p++) {
      literals[p] = literalState[p] == SINGLE ? literal[p] : null;
      classes[p] = classCounts[p].clone();
    }
    return new TextShapeSummary(Arrays.copyOf(lengthCounts, used), truncatedLengths, characterCounts.clone(),
        classes, Arrays.asList(literals), valuesWithWhitespace);
  }
}
