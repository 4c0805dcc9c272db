package io.synthlake.model;

/**
 * The characters at one position of a string column: a literal shared by every value (such as the '-' of
 * "AB-1234"), or the shares of the character classes seen there.
 */
public record PositionShape(String literal, double digit, double upper, double lower, double other) {
  public PositionShape {
    Checks.require(literal == null || literal.length() == 1, "a position literal is one character, got '%s'",
        literal);
    Checks.probability(digit, "digit share");
    Checks.probability(upper, "upper share");
    Checks.probability(lower, "lower share");
    Checks.probability(other, "other share");
  }

  public static PositionShape literal(char c) {
    return new PositionShape(String.valueOf(c), 0, 0, 0, 0);
  }
}
