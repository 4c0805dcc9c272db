package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a column is modelled. Detected from the Spark type and a profile of the data; overridable per column. */
public enum ColumnKind {
  /** Real numbers (float, double, decimal): atoms plus a continuous quantile function, with their resolution. */
  CONTINUOUS,
  /** Whole numbers (byte to long, decimal with scale 0): like continuous, restored as integers. */
  INTEGER,
  BOOLEAN,
  /** Labels with a frequency each; rare labels folded or dropped, never stored. */
  CATEGORICAL,
  /** Modelled as days since 1970-01-01. */
  DATE,
  /** Modelled as microseconds since 1970-01-01T00:00:00Z, restored with the source's precision. */
  TIMESTAMP,
  /** One value (or none) in every non-null row. */
  CONSTANT,
  /** Near-unique keys: only their shape (range, length, character classes) is kept, to regenerate unique values. */
  IDENTIFIER,
  /** High-cardinality strings: a length and character model only, never the values. */
  TEXT,
  /** Personal data (names, e-mails, phones, ...): nothing kept; generate writes realistic fake values. */
  PII;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ColumnKind fromConfigName(String name) {
    for (ColumnKind kind : values()) {
      if (kind.configName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown column kind '" + name + "' (expected one of " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(ColumnKind::configName).collect(Collectors.joining(", "));
  }

  /** Kinds whose values take part in the Gaussian copula. */
  public boolean inCopula() {
    return switch (this) {
      case CONTINUOUS, INTEGER, BOOLEAN, CATEGORICAL, DATE, TIMESTAMP -> true;
      case CONSTANT, IDENTIFIER, TEXT, PII -> false;
    };
  }

  /** Kinds modelled as numbers with a {@link NumericMarginal}. */
  public boolean numeric() {
    return this == CONTINUOUS || this == INTEGER || this == DATE || this == TIMESTAMP;
  }
}
