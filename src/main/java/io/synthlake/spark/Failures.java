package io.synthlake.spark;

/** Turns Spark and Hadoop exceptions into the one-line reasons shown to users. */
public final class Failures {
  private Failures() {}

  /** The most specific message in the cause chain, first line only. */
  public static String reason(Throwable error) {
    Throwable deepest = error;
    String message = firstLine(error.getMessage());
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      String m = firstLine(t.getMessage());
      if (m != null && !m.isBlank()) {
        deepest = t;
        message = m;
      }
      if (t.getCause() == null) {
        break;
      }
    }
    if (message == null || message.isBlank()) {
      return deepest.getClass().getSimpleName();
    }
    return message.strip();
  }

  /** Whether any exception in the chain is of the given type. */
  public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
