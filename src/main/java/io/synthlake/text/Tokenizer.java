package io.synthlake.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into tokens and the separators between them. A word is a run of letters (with apostrophes
 * inside it, as in O'Hare); a number is a run of digits and is kept only as its shape, one {@code #} per digit, so
 * no number of the source is stored; a separator is the run of other characters between two tokens (a space,
 * {@code ", "}, {@code "-"}). Characters before the first token and after the last are not kept. Case is kept as
 * written: "Airport" and "AIRPORT" are different tokens.
 */
public final class Tokenizer {
  /** Values are read up to this many tokens; the rest of a longer value is not counted. */
  public static final int MAX_TOKENS = 256;
  /** The digit of a number's shape. */
  public static final char DIGIT = '#';

  private Tokenizer() {}

  /** A value's tokens, and the separators between them ({@code separators.get(i)} follows token i). */
  public record Tokens(List<String> tokens, List<String> separators) {
    public int size() {
      return tokens.size();
    }
  }

  /** The kind of a token. */
  public enum TokenKind { WORD, NUMBER }

  public static Tokens split(String value) {
    List<String> tokens = new ArrayList<>();
    List<String> separators = new ArrayList<>();
    int i = 0;
    int n = value.length();
    int separatorStart = -1;
    while (i < n && tokens.size() < MAX_TOKENS) {
      int c = value.codePointAt(i);
      if (Character.isLetter(c) || Character.isDigit(c)) {
        if (separatorStart >= 0 && !tokens.isEmpty()) {
          separators.add(value.substring(separatorStart, i));
        } else if (!tokens.isEmpty()) {
          separators.add("");
        }
        separatorStart = -1;
        int end = Character.isLetter(c) ? wordEnd(value, i) : numberEnd(value, i);
        tokens.add(Character.isLetter(c) ? value.substring(i, end) : numberShape(end - i));
        i = end;
      } else {
        if (separatorStart < 0) {
          separatorStart = i;
        }
        i += Character.charCount(c);
      }
    }
    return new Tokens(tokens, separators);
  }

  private static int wordEnd(String value, int start) {
    int i = start;
    int n = value.length();
    while (i < n) {
      int c = value.codePointAt(i);
      if (Character.isLetter(c)) {
        i += Character.charCount(c);
      } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(value.codePointAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static int numberEnd(String value, int start) {
    int i = start;
    while (i < value.length() && Character.isDigit(value.codePointAt(i))) {
      i += Character.charCount(value.codePointAt(i));
    }
    return i;
  }

  /** The shape of a number of this many digits: {@code ###}. */
  public static String numberShape(int digits) {
    return String.valueOf(DIGIT).repeat(Math.max(1, digits));
  }

  public static TokenKind kindOf(String token) {
    return !token.isEmpty() && token.charAt(0) == DIGIT ? TokenKind.NUMBER : TokenKind.WORD;
  }

  /** Letter case of a word: the class its dictionary replacement copies. */
  public enum Case {
    /** First letter upper case, the rest lower case (or a single upper-case letter): "Airport". */
    TITLE,
    LOWER,
    /** Two or more letters, all upper case: "USA". */
    UPPER,
    /** Anything else: "McAllen", "iPhone". */
    MIXED;

    public static Case of(String word) {
      boolean firstUpper = Character.isUpperCase(word.codePointAt(0));
      boolean restLower = true;
      boolean restUpper = true;
      int letters = 0;
      for (int i = 0; i < word.length(); ) {
        int c = word.codePointAt(i);
        if (Character.isLetter(c)) {
          if (letters > 0) {
            restLower &= !Character.isUpperCase(c);
            restUpper &= !Character.isLowerCase(c);
          }
          letters++;
        }
        i += Character.charCount(c);
      }
      if (firstUpper && letters > 1 && restUpper) {
        return UPPER;
      }
      if (firstUpper && restLower) {
        return TITLE;
      }
      if (!firstUpper && restLower) {
        return LOWER;
      }
      return MIXED;
    }

    /** The word written in this case (MIXED leaves it as it is). */
    public String apply(String word) {
      return switch (this) {
        case LOWER -> word.toLowerCase(java.util.Locale.ROOT);
        case UPPER -> word.toUpperCase(java.util.Locale.ROOT);
        case TITLE -> word.isEmpty() ? word : word.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
            + word.substring(1).toLowerCase(java.util.Locale.ROOT);
        case MIXED -> word;
      };
    }
  }
}
