package io.synthlake.fit;

import io.synthlake.model.ColumnKind;
import java.util.Objects;

/**
 * A source column as the core sees it: name, Spark type (DDL text, stored in the model), the type's class, the
 * decimal scale (for decimals), and the kind forced by configuration (null when detected).
 */
public record ColumnSpec(String name, String sparkType, SourceType type, int decimalScale, ColumnKind forcedKind) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sparkType, "sparkType");
    Objects.requireNonNull(type, "type");
  }

  /** Whether the profile sees this column's values as text (strings, booleans, or anything forced categorical). */
  public boolean profiledAsText() {
    return !type.numberValued() || forcedKind == ColumnKind.CATEGORICAL;
  }

  public boolean integral() {
    return type.integral(decimalScale);
  }

  /** Null when the kind can be forced on this type, else the reason it cannot. */
  public String incompatibility(ColumnKind kind) {
    boolean ok = switch (kind) {
      case CONTINUOUS, INTEGER -> type.numeric();
      case BOOLEAN -> type == SourceType.BOOLEAN;
      case DATE -> type == SourceType.DATE;
      case TIMESTAMP -> type == SourceType.TIMESTAMP || type == SourceType.TIMESTAMP_NTZ;
      case IDENTIFIER -> type == SourceType.STRING || integral();
      case TEXT -> type == SourceType.STRING;
      case CATEGORICAL, CONSTANT -> true;
      case PII -> false;
    };
    if (kind == ColumnKind.PII) {
      return "personal data is declared in pii.columns (for example pii: {columns: {" + name + ": email}}), "
          + "not as a fit kind";
    }
    return ok ? null : "a column of type " + sparkType + " cannot be modelled as " + kind.configName();
  }
}
