package io.synthlake.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a string column's values, with no value in it: the distribution of lengths (as a numeric marginal
 * of whole numbers), the character classes at each of the first positions, and the frequencies of printable
 * ASCII characters ({@code "other"} counts every other character).
 */
public record StringShape(NumericMarginal lengths, List<PositionShape> positions, Map<String, Double> characters) {
  /** Per-position classes are kept for this many leading positions; later positions use the overall mix. */
  public static final int MAX_POSITIONS = 32;
  public static final String OTHER_CHARACTERS = "other";

  public StringShape {
    Objects.requireNonNull(lengths, "shape lengths is required");
    positions = positions == null ? List.of() : List.copyOf(positions);
    characters = characters == null ? Map.of() : Map.copyOf(characters);
    Checks.require(positions.size() <= MAX_POSITIONS, "a shape keeps at most %d positions", MAX_POSITIONS);
    for (Map.Entry<String, Double> entry : characters.entrySet()) {
      Checks.require(entry.getKey().length() == 1 || OTHER_CHARACTERS.equals(entry.getKey()),
          "character keys are single characters or '%s', got '%s'", OTHER_CHARACTERS, entry.getKey());
      Checks.probability(entry.getValue(), "character share");
    }
  }
}
