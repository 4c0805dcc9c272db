package io.synthlake.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column references that survive any name: spaces, dots, dashes and backticks included. */
public final class Columns {
  private Columns() {}

  public static Column named(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }
}
