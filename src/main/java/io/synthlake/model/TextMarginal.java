package io.synthlake.model;

import java.util.Objects;

/** Free text: a length distribution and character frequencies, never the values. */
public record TextMarginal(StringShape shape) implements Marginal {
  public TextMarginal {
    Objects.requireNonNull(shape, "text shape is required");
  }
}
