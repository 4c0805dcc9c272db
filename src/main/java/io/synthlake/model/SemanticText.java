package io.synthlake.model;

import io.synthlake.text.SemanticType;
import java.util.Objects;

/**
 * What a string column's values are (a city, a company, a title, ...), and how the source writes them, so that
 * generated values look like the column's own.
 *
 * @param type the kind of values
 * @param locale the IETF language tag of generated values (pii.locale)
 * @param letterCase how the source writes letters: as-is (mixed), upper or lower
 * @param space what stands between words, where the source never writes a space ("-" in "United-States")
 * @param detectedBy why: declared, its name, or its values
 */
public record SemanticText(SemanticType type, String locale, LetterCase letterCase, String space,
    String detectedBy) implements java.io.Serializable {
  public SemanticText {
    Objects.requireNonNull(type, "semantic text needs its type");
    Objects.requireNonNull(locale, "semantic text needs its locale");
    letterCase = letterCase == null ? LetterCase.AS_IS : letterCase;
    space = space == null ? " " : space;
  }

  /** How the source writes letters. */
  public enum LetterCase {
    AS_IS, UPPER, LOWER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String configName() {
      return io.synthlake.names.KebabCase.of(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static LetterCase fromConfigName(String name) {
      for (LetterCase value : values()) {
        if (value.configName().equals(name)) {
          return value;
        }
      }
      throw new IllegalArgumentException("unknown letter case '" + name + "' (expected as-is, upper or lower)");
    }
  }
}
