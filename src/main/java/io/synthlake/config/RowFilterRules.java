package io.synthlake.config;

import io.synthlake.errors.SynthException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code source.where} may contain. It is a row filter, not a program: it sees the row's own values and
 * nothing else, so it cannot read files or tables, call into the JVM, end the job or look at the environment.
 * The tree walk over Spark's parsed expression lives in {@code io.synthlake.spark.io.RowFilter}; the rules and
 * their messages live here, free of Spark.
 */
public final class RowFilterRules {
  /**
   * Pure, deterministic functions of their arguments. Anything else (reflect, java_method, raise_error, UDFs,
   * input_file_name, current_user, table-valued or aggregate functions, ...) is refused.
   */
  public static final Set<String> FUNCTIONS = Set.of(
      // strings
      "lower", "upper", "lcase", "ucase", "initcap", "trim", "ltrim", "rtrim", "btrim", "length", "char_length",
      "character_length", "substring", "substr", "left", "right", "concat", "concat_ws", "replace", "lpad", "rpad",
      "startswith", "endswith", "contains", "instr", "locate",
      // numbers
      "abs", "round", "bround", "floor", "ceil", "ceiling", "sign", "signum", "pmod", "mod", "greatest", "least",
      "isnan",
      // nulls and conditions
      "coalesce", "nvl", "nvl2", "ifnull", "nullif", "isnull", "isnotnull", "if",
      // dates and times
      "year", "quarter", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "hour", "minute",
      "second", "to_date", "to_timestamp", "date_add", "date_sub", "datediff", "add_months", "months_between",
      "date_trunc", "trunc", "date_format", "make_date", "last_day",
      // x BETWEEN a AND b is parsed as a call of between
      "between");

  /** The constructs a row filter may use, for the documentation and the error messages. */
  public static final String ALLOWED_CONSTRUCTS = "column references, literals, comparisons, AND, OR, NOT, "
      + "arithmetic, IN (a list of literals), BETWEEN, LIKE, ILIKE, RLIKE, IS [NOT] NULL, CAST, CASE WHEN";

  /** Longest filter text: a row filter is a line or two, and the parser's recursion needs bounds. */
  public static final int MAX_LENGTH = 10_000;
  /** Deepest parenthesis nesting: Spark's recursive-descent parser overflows the stack on deep nesting. */
  public static final int MAX_DEPTH = 100;

  private RowFilterRules() {}

  public static boolean allowedFunction(String name) {
    return FUNCTIONS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Everything allowed, in one line. */
  public static String allowed() {
    return ALLOWED_CONSTRUCTS + " and the functions " + String.join(", ", new TreeSet<>(FUNCTIONS));
  }

  /**
   * Refuses text that Spark's SQL parser would rewrite before parsing: {@code ${env:X}} and {@code ${system:X}}
   * are expanded from the environment and system properties when spark.sql.variable.substitute is on, which would
   * put secrets into the filter (and its error messages).
   */
  public static void checkText(String where) {
    if (where.isBlank()) {
      throw SynthException.config("source.where is empty: remove it or give a filter such as \"age >= 18\"");
    }
    if (where.contains("${")) {
      throw SynthException.config("source.where: variable references (${...}) are not allowed in a row filter; "
          + "write the value itself");
    }
    if (where.length() > MAX_LENGTH) {
      throw SynthException.config("source.where is %d characters long, more than the limit of %d for a row filter",
          where.length(), MAX_LENGTH);
    }
    int depth = 0;
    for (int i = 0; i < where.length(); i++) {
      char c = where.charAt(i);
      // Counted in string literals too: an over-estimate only refuses absurd filters.
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth > MAX_DEPTH) {
        throw SynthException.config("source.where nests parentheses more than %d deep, the limit for a row filter",
            MAX_DEPTH);
      }
    }
  }

  /** The error for a construct the filter may not use, e.g. "function reflect" or "a subquery". */
  public static SynthException refused(String construct) {
    return SynthException.config("source.where: %s is not allowed in a row filter; allowed: %s", construct,
        allowed());
  }
}
