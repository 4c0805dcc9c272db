package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonValue;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import java.util.Locale;

/**
 * SDMetrics' semantic types, which decide how a column is scored: numerical and datetime columns by KSComplement
 * (and correlations), categorical and boolean ones by TVComplement (and contingency tables); the rest (keys, text,
 * personal data) are not scored, as in SDMetrics.
 */
public enum Sdtype {
  NUMERICAL, DATETIME, CATEGORICAL, BOOLEAN, OTHER;

  public boolean continuous() {
    return this == NUMERICAL || this == DATETIME;
  }

  public boolean discrete() {
    return this == CATEGORICAL || this == BOOLEAN;
  }

  public boolean scored() {
    return this != OTHER;
  }

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** An SDV metadata sdtype; anything unknown (id, text, pii types, ...) is not scored. */
  public static Sdtype ofMetadata(String sdtype) {
    return switch (sdtype == null ? "" : sdtype) {
      case "numerical" -> NUMERICAL;
      case "datetime" -> DATETIME;
      case "categorical" -> CATEGORICAL;
      case "boolean" -> BOOLEAN;
      default -> OTHER;
    };
  }

  /** The sdtype of a model column: what fit decided it is. */
  public static Sdtype ofModel(ColumnModel column) {
    ColumnKind kind = column.kind();
    return switch (kind) {
      case CONTINUOUS, INTEGER -> NUMERICAL;
      case DATE, TIMESTAMP -> DATETIME;
      case BOOLEAN -> BOOLEAN;
      case CATEGORICAL -> CATEGORICAL;
      case CONSTANT -> ofSparkType(column.sparkType());
      case IDENTIFIER, TEXT, PII -> OTHER;
    };
  }

  /** The sdtype a column of this Spark type gets when nothing else says (strings: categorical). */
  public static Sdtype ofSparkType(String sparkType) {
    String type = sparkType.toLowerCase(Locale.ROOT);
    if (type.equals("boolean")) {
      return BOOLEAN;
    }
    if (type.equals("date") || type.startsWith("timestamp")) {
      return DATETIME;
    }
    if (type.equals("string") || type.startsWith("varchar") || type.startsWith("char")) {
      return CATEGORICAL;
    }
    return type.matches("tinyint|smallint|int|bigint|float|double|decimal.*|byte|short|integer|long") ? NUMERICAL
        : OTHER;
  }
}
