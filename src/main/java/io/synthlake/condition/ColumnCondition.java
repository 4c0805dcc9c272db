package io.synthlake.condition;

import java.util.List;

/**
 * One part of a generate condition, on one column: the rows' value is one of some literals, or inside a range.
 * Parts are joined by AND ({@link ConditionSyntax}); the literals stay text until they meet the column's model.
 */
public sealed interface ColumnCondition extends java.io.Serializable
    permits ColumnCondition.OneOf, ColumnCondition.Within {
  String column();

  /** The condition as the user could have written it, for messages. */
  String text();

  /** A literal as written: its text without quotes, and whether it was quoted. */
  record Literal(String value, boolean quoted) implements java.io.Serializable {
    String text() {
      return quoted ? "'" + value.replace("'", "''") + "'" : value;
    }
  }

  /** {@code column = v} or {@code column IN (v1, v2, ...)}. */
  record OneOf(String column, List<Literal> values) implements ColumnCondition {
    public OneOf {
      values = List.copyOf(values);
    }

    @Override
    public String text() {
      return values.size() == 1 ? name(column) + " = " + values.get(0).text()
          : name(column) + " IN (" + String.join(", ", values.stream().map(Literal::text).toList()) + ")";
    }
  }

  /**
   * A range: {@code low} (null for none) to {@code high} (null for none), each end inclusive or not; from
   * {@code BETWEEN}, {@code <}, {@code <=}, {@code >} and {@code >=}.
   */
  record Within(String column, Literal low, boolean lowInclusive, Literal high, boolean highInclusive)
      implements ColumnCondition {
    @Override
    public String text() {
      if (low != null && high != null && lowInclusive && highInclusive) {
        return name(column) + " BETWEEN " + low.text() + " AND " + high.text();
      }
      String lower = low == null ? "" : name(column) + (lowInclusive ? " >= " : " > ") + low.text();
      String upper = high == null ? "" : name(column) + (highInclusive ? " <= " : " < ") + high.text();
      return lower.isEmpty() ? upper : upper.isEmpty() ? lower : lower + " AND " + upper;
    }
  }

  private static String name(String column) {
    return column.matches("[A-Za-z0-9_.-]+") ? column : "`" + column.replace("`", "``") + "`";
  }
}
