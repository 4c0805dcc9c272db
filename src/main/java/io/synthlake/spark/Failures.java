package io.synthlake.spark;

import io.synthlake.errors.SynthException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;

/** Turns Spark and Hadoop exceptions into the one-line reasons shown to users. */
public final class Failures {
  private Failures() {}

  /**
   * A value that an expression could not process while Spark ran (SQLSTATE class 22, "data exception": an ANSI
   * cast of a malformed string, a division by zero, an overflow, a date out of range). Spark's own message quotes
   * the value, which may be personal data, so synthlake's message is built from the condition, the types and the
   * failing expression only.
   *
   * @param fragment the failing part of the expression's text, or null
   * @param fromSql whether the expression was parsed from SQL text; synthlake parses none but source.where
   */
  public record DataError(String condition, String sqlState, Map<String, String> parameters, String fragment,
      boolean fromSql) {
    /** What went wrong, without the value: "CAST_INVALID_INPUT: a STRING value cannot be cast to INT". */
    public String describe() {
      String source = parameters.get("sourceType");
      String target = parameters.get("targetType");
      String what = source != null && target != null
          ? ": a " + unquoted(source) + " value cannot be cast to " + unquoted(target) : "";
      return condition + what + (fragment == null || fragment.isBlank() ? "" : " in '" + fragment + "'")
          + " (SQLSTATE " + sqlState + ")";
    }

    /**
     * The error for this failure: exit 3 when it comes from source.where (parsed SQL whose failing part is in the
     * filter's text: the filter is wrong for the data), else exit 4 (the data, or a view over it, cannot be
     * processed).
     */
    public SynthException toSynth(Throwable cause, String where, String location) {
      if (fromSql && where != null && (fragment == null || where.contains(fragment))) {
        return SynthException.config(cause, "source.where '%s' fails on a value of %s: %s; guard the expression "
            + "or use try_cast, try_divide", where, location == null ? "the source" : location, describe());
      }
      return SynthException.input(cause, "%s holds a value that cannot be processed: %s", location == null
          ? "the source" : location, describe());
    }

    private static String unquoted(String type) {
      return type.replace("\"", "");
    }
  }

  /**
   * A failure of a Spark action, classified like fit's scans: a file that cannot be read is exit 4 naming
   * {@code unreadable} ("source x"), a value that cannot be processed is {@link DataError#toSynth}; anything else
   * is returned as it is.
   *
   * @param where the source's row filter, or null
   * @param location what holds the values, for a data error ("source x")
   */
  public static RuntimeException classify(Exception error, String where, String unreadable, String location) {
    if (error instanceof SynthException synth) {
      return synth;
    }
    if (isReadFailure(error)) {
      return SynthException.input(error, "cannot read %s: %s", unreadable, reason(error));
    }
    Optional<DataError> data = dataError(error);
    if (data.isPresent()) {
      return data.get().toSynth(error, where, location);
    }
    return error instanceof RuntimeException runtime ? runtime : Failures.<RuntimeException>rethrow(error);
  }

  /** Throws a checked exception unchanged: Scala code throws SparkException without declaring it. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception error) throws E {
    throw (E) error;
  }

  /** A file that vanished, is corrupt, or is not what its format says. */
  public static boolean isReadFailure(Throwable error) {
    if (causedBy(error, IOException.class)) {
      return true;
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("FAILED_READ_FILE") || message.contains("MALFORMED_RECORD")
          || message.contains("CANNOT_READ_FILE") || message.contains("PATH_NOT_FOUND")
          || t.getClass().getName().contains("ParquetDecodingException")) {
        return true;
      }
    }
    return false;
  }

  /** Whether any message in the cause chain names the given text (e.g. a file's path). */
  public static boolean mentions(Throwable error, String text) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** The data exception in the cause chain, if any. */
  public static Optional<DataError> dataError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable spark && spark.getSqlState() != null && spark.getSqlState().startsWith("22")) {
        String fragment = null;
        boolean fromSql = false;
        for (QueryContext context : spark.getQueryContext()) {
          if (context.contextType() == QueryContextType.SQL) {
            fromSql = true;
            fragment = context.fragment();
          }
        }
        Map<String, String> parameters = spark.getMessageParameters() == null ? Map.of()
            : spark.getMessageParameters();
        return Optional.of(new DataError(String.valueOf(spark.getCondition()), spark.getSqlState(), parameters,
            fragment, fromSql));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a model, turning an OutOfMemoryError into exit 6: a model is small (kilobytes to a few megabytes), so
   * one that does not fit in the driver's heap is not a model synthlake wrote, or a driver far too small.
   */
  public static <T> T readingModel(String location, Supplier<T> read) {
    try {
      return read.get();
    } catch (OutOfMemoryError e) {
      throw SynthException.model(e, "model %s does not fit in the driver's memory (%d MB): synthlake models are "
          + "small, so check that it is one; else raise the driver memory (SYNTH_DRIVER_MEMORY, --driver-memory)",
          location, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

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
