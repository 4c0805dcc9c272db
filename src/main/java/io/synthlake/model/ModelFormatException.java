package io.synthlake.model;

/** A model file that cannot be read: not JSON, not a synthlake model, from a newer version, or inconsistent. */
public final class ModelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
