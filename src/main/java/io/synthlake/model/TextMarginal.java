package io.synthlake.model;

import java.util.Objects;

/**
 * Free text, never its values: the character shape, the word model (null for a column too small for one), and
 * the semantic type (null when none was found). Generate uses the semantic type's generator where it has one, else
 * the word model, else the shape.
 */
public record TextMarginal(StringShape shape, WordModel words, SemanticText semantic) implements Marginal {
  public TextMarginal {
    Objects.requireNonNull(shape, "text shape is required");
  }

  public TextMarginal(StringShape shape) {
    this(shape, null, null);
  }
}
