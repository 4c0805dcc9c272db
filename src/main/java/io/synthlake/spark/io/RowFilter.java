package io.synthlake.spark.io;

import io.synthlake.config.RowFilterRules;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Failures;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRegex;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Concat;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.ILike;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.InSubquery;
import org.apache.spark.sql.catalyst.expressions.IntegralDivide;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.Remainder;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnaryPositive;
import org.apache.spark.sql.catalyst.expressions.UnresolvedNamedLambdaVariable;
import org.apache.spark.sql.classic.ExpressionUtils;

/**
 * {@code source.where} as a row filter: Spark parses the text into an unresolved expression, and every node of it
 * must be one of {@link RowFilterRules}' constructs before the filter reaches a plan. Nothing is analysed or run
 * before the check, so a refused filter has read nothing; the filter applied is the very tree that was checked.
 */
public final class RowFilter {
  private RowFilter() {}

  /**
   * The checked filter as a column, or a configuration error naming the first construct that is not allowed.
   * Column names are checked later, against the loaded frame ({@link #requireColumns}).
   */
  public static Column parse(SparkSession spark, String where) {
    RowFilterRules.checkText(where);
    Expression expression;
    try {
      expression = spark.sessionState().sqlParser().parseExpression(where);
      check(expression);
    } catch (StackOverflowError e) {
      // Long chains (a + a + ...) are deep trees even within the text limits.
      throw SynthException.config(e, "source.where is nested too deeply to parse: simplify the filter");
    } catch (SynthException e) {
      throw e;
    } catch (Exception e) {
      // ParseException, checked in Scala's signature
      throw SynthException.config(e, "source.where '%s' is not a valid Spark SQL expression: %s", where,
          Failures.reason(e));
    }
    return ExpressionUtils.column(expression);
  }

  /**
   * Every bare name in the filter must be a column of the loaded source: else the analyser resolves names such
   * as {@code current_user} or {@code current_timestamp} to functions that read the environment. Compared by the
   * first name part (a.b is field b of struct column a), with the session's case sensitivity.
   */
  public static void requireColumns(SparkSession spark, Column filter, List<String> columns, String location) {
    scala.Function2<String, String, Object> resolver = spark.sessionState().conf().resolver();
    requireColumns(ExpressionUtils.expression(filter), columns, location, resolver);
  }

  private static void requireColumns(Expression node, List<String> columns, String location,
      scala.Function2<String, String, Object> resolver) {
    if (node instanceof UnresolvedAttribute attribute) {
      String name = attribute.nameParts().head();
      if (columns.stream().noneMatch(column -> (Boolean) resolver.apply(column, name))) {
        throw SynthException.config("source.where: '%s' is not a column of %s", name, location);
      }
    }
    scala.collection.Iterator<Expression> children = node.children().iterator();
    while (children.hasNext()) {
      requireColumns(children.next(), columns, location, resolver);
    }
  }

  static void check(Expression node) {
    String refused = refusal(node);
    if (refused != null) {
      throw RowFilterRules.refused(refused);
    }
    scala.collection.Iterator<Expression> children = node.children().iterator();
    while (children.hasNext()) {
      check(children.next());
    }
  }

  /** What is wrong with this node itself (its children are checked separately), or null when it is allowed. */
  private static String refusal(Expression node) {
    if (node instanceof UnresolvedFunction function) {
      String name = String.join(".", scala.jdk.javaapi.CollectionConverters.asJava(function.nameParts()));
      if (function.nameParts().size() != 1 || !RowFilterRules.allowedFunction(name)) {
        return "function " + name.toLowerCase(Locale.ROOT);
      }
      return function.isDistinct() || function.filter().isDefined() ? "an aggregate (DISTINCT or FILTER)" : null;
    }
    if (node instanceof In in) {
      scala.collection.Iterator<Expression> values = in.list().iterator();
      while (values.hasNext()) {
        if (!literal(values.next())) {
          return "IN with a value that is not a literal";
        }
      }
      return null;
    }
    if (node instanceof SubqueryExpression || node instanceof InSubquery) {
      return "a subquery (SELECT, EXISTS or IN (SELECT ...))";
    }
    if (node instanceof UnresolvedStar || node instanceof UnresolvedRegex) {
      return "a star (*)";
    }
    if (node instanceof LambdaFunction || node instanceof UnresolvedNamedLambdaVariable) {
      return "a lambda function (x -> ...)";
    }
    return allowed(node) ? null : "the construct " + node.nodeName() + " ('" + sqlOf(node) + "')";
  }

  private static boolean allowed(Expression node) {
    return node instanceof UnresolvedAttribute || node instanceof Literal
        || node instanceof And || node instanceof Or || node instanceof Not
        || node instanceof EqualTo || node instanceof EqualNullSafe || node instanceof LessThan
        || node instanceof LessThanOrEqual || node instanceof GreaterThan || node instanceof GreaterThanOrEqual
        || node instanceof Add || node instanceof Subtract || node instanceof Multiply || node instanceof Divide
        || node instanceof Remainder || node instanceof IntegralDivide || node instanceof UnaryMinus
        || node instanceof UnaryPositive
        || node instanceof Like || node instanceof ILike || node instanceof RLike
        || node instanceof IsNull || node instanceof IsNotNull
        || node instanceof Cast || node instanceof CaseWhen
        // a || b, Spark's operator for concat
        || node instanceof Concat;
  }

  /** A literal, possibly negated or cast: what an IN list may hold. */
  private static boolean literal(Expression value) {
    if (value instanceof Literal) {
      return true;
    }
    if (value instanceof Cast || value instanceof UnaryMinus || value instanceof UnaryPositive) {
      return literal(value.children().head());
    }
    return false;
  }

  /** The node's text as the user might have written it (the unresolved tree's SQL; no value is evaluated). */
  private static String sqlOf(Expression node) {
    try {
      return node.sql();
    } catch (RuntimeException e) {
      return node.prettyName();
    }
  }
}
