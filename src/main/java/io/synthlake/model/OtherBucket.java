package io.synthlake.model;

import java.util.Objects;

/**
 * The folded rare categories: their total share, and the shape of their strings, from which generate makes up
 * new labels (the rare labels themselves are never stored).
 */
public record OtherBucket(double probability, StringShape shape) {
  public OtherBucket {
    Checks.probability(probability, "other.probability");
    Objects.requireNonNull(shape, "other.shape is required");
  }
}
