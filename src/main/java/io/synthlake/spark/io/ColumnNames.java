package io.synthlake.spark.io;

import io.synthlake.config.OutputFormat;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Columns;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Checks of column names made before any scan or write. Any name is otherwise fine: every reference goes through
 * {@link Columns#named}. Two names that differ only in case are one column to a case-insensitive session (Spark's
 * default, {@code spark.sql.caseSensitive=false}), so they are refused up front with both names, rather than
 * failing half-way or silently resolving to one of them.
 */
public final class ColumnNames {
  private ColumnNames() {}

  public static boolean caseSensitive(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get("spark.sql.caseSensitive", "false"));
  }

  /** The first two names that are equal but for case, or null. */
  static String[] caseClash(List<String> names) {
    Map<String, String> seen = new HashMap<>();
    for (String name : names) {
      String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (previous != null) {
        return new String[] {previous, name};
      }
    }
    return null;
  }

  /** Fails with exit 4 when a source has two columns equal but for case and the session cannot tell them apart. */
  public static void requireDistinctSourceNames(SparkSession spark, List<String> names, String location) {
    String[] clash = caseSensitive(spark) ? null : caseClash(names);
    if (clash != null) {
      throw SynthException.input("source %s has columns '%s' and '%s', which differ only in case: Spark compares "
          + "names without case by default, so they cannot be told apart; rename one, or set "
          + "spark.sql.caseSensitive=true (spark-submit --conf, or spark-defaults.conf)", location, clash[0],
          clash[1]);
    }
  }

  /**
   * Fails with exit 5 before any row is generated when the output cannot hold the model's names: two names equal
   * but for case in a case-insensitive session (any format), or a line break in a CSV header, which no CSV
   * reader reads back as one name.
   */
  public static void requireWritable(SparkSession spark, List<String> names, OutputFormat format, String output) {
    String[] clash = caseSensitive(spark) ? null : caseClash(names);
    if (clash != null) {
      throw SynthException.output("cannot write %s: the model's columns '%s' and '%s' differ only in case, and "
          + "Spark compares names without case by default; set spark.sql.caseSensitive=true (spark-submit "
          + "--conf, or spark-defaults.conf)", output,
          clash[0], clash[1]);
    }
    if (format == OutputFormat.CSV) {
      for (String name : names) {
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
          throw SynthException.output("cannot write %s as csv: column '%s' has a line break in its name, which a "
              + "CSV header cannot hold; use --format parquet or delta", output, name.replace("\n", "\\n")
              .replace("\r", "\\r"));
        }
      }
    }
  }
}
