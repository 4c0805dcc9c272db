package io.synthlake.rules;

import java.util.List;
import java.util.Objects;

/**
 * A rule a table's rows obey, as a person writes it in a job file and reads it in a model, a note or a report:
 * what must hold, without the fitted data that holds it. The text form ({@link #text()}) is canonical, so a
 * declared rule, a discovered one and a dropped one compare by text; {@link RuleSyntax} parses it back.
 *
 * <p>Names that are not plain words (letters, digits, {@code _}, {@code .} and {@code -}, not starting with
 * {@code -} or {@code .}) are written between backquotes, labels between single quotes; either doubles its quote
 * inside.
 */
public sealed interface RuleSpec permits RuleSpec.Dependency, RuleSpec.Order, RuleSpec.Sum, RuleSpec.NullPattern,
    RuleSpec.Implication, RuleSpec.Exclusion {

  /** The columns the rule names, the one it constrains last. */
  List<String> columns();

  /** The canonical text: {@code education -> education-num}, {@code start <= end}, ... */
  String text();

  /** The column whose values (or, for a null pattern, whose nulls) the rule decides. */
  String constrained();

  /** {@code from -> to}: every value of {@code from} goes with a single value of {@code to}. */
  record Dependency(String from, String to) implements RuleSpec {
    public Dependency {
      requireDistinct(from, to);
    }

    @Override
    public List<String> columns() {
      return List.of(from, to);
    }

    @Override
    public String text() {
      return name(from) + " -> " + name(to);
    }

    @Override
    public String constrained() {
      return to;
    }
  }

  /** {@code low <= high} (or {@code <} when strict) in every row where both are present. */
  record Order(String low, String high, boolean strict) implements RuleSpec {
    public Order {
      requireDistinct(low, high);
    }

    @Override
    public List<String> columns() {
      return List.of(low, high);
    }

    @Override
    public String text() {
      return name(low) + (strict ? " < " : " <= ") + name(high);
    }

    @Override
    public String constrained() {
      return high;
    }
  }

  /** {@code total = left + right} (or {@code - right}) in every row where all three are present. */
  record Sum(String total, String left, String right, boolean minus) implements RuleSpec {
    public Sum {
      requireDistinct(total, left, right);
    }

    @Override
    public List<String> columns() {
      return List.of(left, right, total);
    }

    @Override
    public String text() {
      return name(total) + " = " + name(left) + (minus ? " - " : " + ") + name(right);
    }

    @Override
    public String constrained() {
      return total;
    }
  }

  /**
   * {@code when is null -> column is null}: column is null in every row where {@code when} is; with
   * {@code exactly} ({@code <->}) also the reverse.
   */
  record NullPattern(String when, String column, boolean exactly) implements RuleSpec {
    public NullPattern {
      requireDistinct(when, column);
    }

    @Override
    public List<String> columns() {
      return List.of(when, column);
    }

    @Override
    public String text() {
      return name(when) + " is null " + (exactly ? "<->" : "->") + " " + name(column) + " is null";
    }

    @Override
    public String constrained() {
      return column;
    }
  }

  /** {@code column = 'label' -> thenColumn = 'thenLabel'}: every row with the label has the other label. */
  record Implication(String column, String label, String thenColumn, String thenLabel) implements RuleSpec {
    public Implication {
      requireDistinct(column, thenColumn);
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(thenLabel, "thenLabel");
    }

    @Override
    public List<String> columns() {
      return List.of(column, thenColumn);
    }

    @Override
    public String text() {
      // RuleSpec.label: the accessor label() hides the static helper inside the record.
      return name(column) + " = " + RuleSpec.label(label) + " -> " + name(thenColumn) + " = "
          + RuleSpec.label(thenLabel);
    }

    @Override
    public String constrained() {
      return thenColumn;
    }
  }

  /** {@code column = 'label' -> thenColumn != 'thenLabel'}: no row has both labels. */
  record Exclusion(String column, String label, String thenColumn, String thenLabel) implements RuleSpec {
    public Exclusion {
      requireDistinct(column, thenColumn);
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(thenLabel, "thenLabel");
    }

    @Override
    public List<String> columns() {
      return List.of(column, thenColumn);
    }

    @Override
    public String text() {
      return name(column) + " = " + RuleSpec.label(label) + " -> " + name(thenColumn) + " != "
          + RuleSpec.label(thenLabel);
    }

    @Override
    public String constrained() {
      return thenColumn;
    }
  }

  /** A column name as rule text: bare when it is a plain word, else between backquotes. */
  static String name(String column) {
    return isPlainName(column) ? column : "`" + column.replace("`", "``") + "`";
  }

  /** A label as rule text: between single quotes, a quote doubled. */
  static String label(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Letters, digits, '_', '.', '-', not starting with '-' or '.', and not a word of the syntax. */
  static boolean isPlainName(String column) {
    if (column.isEmpty() || column.charAt(0) == '-' || column.charAt(0) == '.') {
      return false;
    }
    for (int i = 0; i < column.length(); i++) {
      char c = column.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return !column.equalsIgnoreCase("is") && !column.equalsIgnoreCase("null");
  }

  private static void requireDistinct(String... columns) {
    for (int i = 0; i < columns.length; i++) {
      Objects.requireNonNull(columns[i], "column");
      if (columns[i].isEmpty()) {
        throw new IllegalArgumentException("a rule names an empty column");
      }
      for (int j = 0; j < i; j++) {
        if (columns[i].equals(columns[j])) {
          throw new IllegalArgumentException("a rule names column " + columns[i] + " twice");
        }
      }
    }
  }
}
