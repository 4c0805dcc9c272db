package io.synthlake.model;

import java.util.Objects;

/** A decision or fallback made while fitting, for the reviewer: about one column, or the table when null. */
public record ModelNote(String column, String message) {
  public ModelNote {
    Objects.requireNonNull(message, "note message is required");
  }

  public static ModelNote table(String message) {
    return new ModelNote(null, message);
  }

  public static ModelNote column(String column, String message) {
    return new ModelNote(column, message);
  }
}
