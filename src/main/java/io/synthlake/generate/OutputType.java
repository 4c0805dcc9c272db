package io.synthlake.generate;

import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.fit.SourceType;
import io.synthlake.model.ColumnModel;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark type a column is written with, parsed from the DDL name stored in the model ("int",
 * "decimal(10,2)", "timestamp_ntz"), without Spark: the core restores values to it and the Spark adapter maps it
 * to a DataType.
 */
public record OutputType(SourceType type, int precision, int scale) implements Serializable {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
  /** Decimals up to this precision fit an unscaled long. */
  public static final int MAX_LONG_DIGITS = 18;

  /** The type of a DDL name, or null when synthlake cannot write it. */
  public static OutputType parse(String ddl) {
    String name = ddl.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(name);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = Integer.parseInt(decimal.group(2));
      return precision >= 1 && precision <= 38 && scale <= precision
          ? new OutputType(SourceType.DECIMAL, precision, scale) : null;
    }
    if (name.startsWith("string") || name.startsWith("varchar") || name.startsWith("char")) {
      return of(SourceType.STRING);
    }
    return switch (name) {
      case "tinyint", "byte" -> of(SourceType.BYTE);
      case "smallint", "short" -> of(SourceType.SHORT);
      case "int", "integer" -> of(SourceType.INT);
      case "bigint", "long" -> of(SourceType.LONG);
      case "float", "real" -> of(SourceType.FLOAT);
      case "double" -> of(SourceType.DOUBLE);
      case "decimal" -> new OutputType(SourceType.DECIMAL, 10, 0);
      case "boolean" -> of(SourceType.BOOLEAN);
      case "date" -> of(SourceType.DATE);
      case "timestamp" -> of(SourceType.TIMESTAMP);
      case "timestamp_ntz" -> of(SourceType.TIMESTAMP_NTZ);
      default -> null;
    };
  }

  /** The type of a model column; a model whose column type synthlake cannot write is unusable (exit 6). */
  public static OutputType of(ColumnModel column, String table) {
    OutputType type = parse(column.sparkType());
    if (type == null) {
      throw new SynthException(ExitCode.MODEL, "column " + column.name() + " of model " + table
          + " has spark-type '" + column.sparkType() + "', which synthlake cannot write");
    }
    return type;
  }

  private static OutputType of(SourceType type) {
    return new OutputType(type, 0, 0);
  }

  /** The smallest and largest whole number the type holds (for integer keys and range checks). */
  public double minimum() {
    return -maximum() - (type == SourceType.DECIMAL || type == SourceType.FLOAT || type == SourceType.DOUBLE
        ? 0 : 1);
  }

  public double maximum() {
    return switch (type) {
      case BYTE -> Byte.MAX_VALUE;
      case SHORT -> Short.MAX_VALUE;
      case INT, DATE -> Integer.MAX_VALUE;
      case LONG, TIMESTAMP, TIMESTAMP_NTZ -> Long.MAX_VALUE;
      case DECIMAL -> Math.pow(10, precision - scale) - Math.pow(10, -scale);
      case FLOAT -> Float.MAX_VALUE;
      default -> Double.MAX_VALUE;
    };
  }
}
