package io.synthlake.model;

import java.util.Objects;

/** A label and its share of the column's non-null values. */
public record Category(String value, double probability) {
  public Category {
    Objects.requireNonNull(value, "category value is required");
    Checks.probability(probability, "category probability");
  }
}
