package io.synthlake.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Column references that survive any name: spaces, dots, dashes, backticks, unicode. Spark parses a name given
 * as a string ({@code col("a.b")} is field b of struct a), so every reference by name goes through here.
 */
public final class Columns {
  private Columns() {}

  public static Column named(String name) {
    return functions.col(quoted(name));
  }

  /** The name as one quoted identifier: in backticks, each backtick doubled (Spark SQL's escape). */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
