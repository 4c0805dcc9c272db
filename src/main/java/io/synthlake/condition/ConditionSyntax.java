package io.synthlake.condition;

import io.synthlake.errors.SynthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a generate condition: parts joined by {@code AND}, each one of
 *
 * <pre>
 *   column = literal                     column IN (literal, literal, ...)
 *   column BETWEEN literal AND literal   column &lt; literal   (and &lt;=, >, >=)
 * </pre>
 *
 * <p>A literal is a number, {@code true}/{@code false}, or text between single quotes (a quote inside doubled); a
 * column name that is not a plain word ({@code education-num} is one) goes between backquotes. Keywords are read in
 * any case. The text is never handed to Spark: it only selects intervals of the model's distributions, so nothing
 * of it can run as SQL. A malformed condition fails with one line naming what was expected and where.
 */
public final class ConditionSyntax {
  /** Longer conditions are refused: a condition names a few columns, not a program. */
  public static final int MAX_LENGTH = 10_000;
  private static final String OPERATORS = "=, IN, BETWEEN, <, <=, > or >=";

  private ConditionSyntax() {}

  /** The parts of a condition, in the order written; {@code what} names it in messages (--where, generate.where). */
  public static List<ColumnCondition> parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw SynthException.config("%s is empty: give a condition such as \"age BETWEEN 30 AND 45\"", what);
    }
    if (text.length() > MAX_LENGTH) {
      throw SynthException.config("%s is %d characters long, more than the limit of %d", what, text.length(),
          MAX_LENGTH);
    }
    return new Parser(text, what).condition();
  }

  private enum Kind { WORD, STRING, NAME, SYMBOL, END }

  private record Token(Kind kind, String value, int start) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && value.equalsIgnoreCase(word);
    }

    String shown() {
      return switch (kind) {
        case END -> "the end";
        case STRING -> "'" + value + "'";
        case NAME -> "`" + value + "`";
        default -> "'" + value + "'";
      };
    }
  }

  private static final class Parser {
    private final String text;
    private final String what;
    private final List<Token> tokens;
    private int next;

    Parser(String text, String what) {
      this.text = text;
      this.what = what;
      this.tokens = tokens();
    }

    List<ColumnCondition> condition() {
      List<ColumnCondition> parts = new ArrayList<>();
      parts.add(part());
      while (peek().is("AND")) {
        next++;
        parts.add(part());
      }
      if (peek().kind != Kind.END) {
        throw error("AND or the end", peek());
      }
      return parts;
    }

    private ColumnCondition part() {
      Token name = take();
      if (name.kind != Kind.WORD && name.kind != Kind.NAME || isKeyword(name)) {
        throw error("a column name", name);
      }
      Token operator = take();
      String column = name.value;
      if (operator.is("=")) {
        return new ColumnCondition.OneOf(column, List.of(literal()));
      }
      if (operator.is("IN")) {
        expect("(");
        List<ColumnCondition.Literal> values = new ArrayList<>();
        values.add(literal());
        while (peek().is(",")) {
          next++;
          values.add(literal());
        }
        expect(")");
        return new ColumnCondition.OneOf(column, values);
      }
      if (operator.is("BETWEEN")) {
        ColumnCondition.Literal low = literal();
        expect("AND");
        return new ColumnCondition.Within(column, low, true, literal(), true);
      }
      return switch (operator.kind == Kind.SYMBOL ? operator.value : "") {
        case "<" -> new ColumnCondition.Within(column, null, false, literal(), false);
        case "<=" -> new ColumnCondition.Within(column, null, false, literal(), true);
        case ">" -> new ColumnCondition.Within(column, literal(), false, null, false);
        case ">=" -> new ColumnCondition.Within(column, literal(), true, null, false);
        default -> throw error(OPERATORS + " after column " + column, operator);
      };
    }

    private ColumnCondition.Literal literal() {
      Token token = take();
      if (token.kind == Kind.STRING) {
        return new ColumnCondition.Literal(token.value, true);
      }
      if (token.kind != Kind.WORD || isKeyword(token)) {
        throw error("a value (a number, true, false or 'text')", token);
      }
      return new ColumnCondition.Literal(token.value, false);
    }

    private static boolean isKeyword(Token token) {
      return token.kind == Kind.WORD && (token.is("AND") || token.is("IN") || token.is("BETWEEN"));
    }

    private void expect(String value) {
      Token token = take();
      if (!token.is(value)) {
        throw error("'" + value + "'", token);
      }
    }

    private Token peek() {
      return tokens.get(next);
    }

    private Token take() {
      Token token = tokens.get(next);
      if (token.kind != Kind.END) {
        next++;
      }
      return token;
    }

    private SynthException error(String expected, Token found) {
      return SynthException.config("%s: expected %s at character %d, found %s", what, expected, found.start + 1,
          found.shown());
    }

    private List<Token> tokens() {
      List<Token> result = new ArrayList<>();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '\'' || c == '`') {
          int start = i;
          StringBuilder value = new StringBuilder();
          i++;
          while (true) {
            if (i >= text.length()) {
              throw SynthException.config("%s: the %s opened at character %d is never closed", what,
                  c == '\'' ? "quote" : "backquote", start + 1);
            }
            char d = text.charAt(i);
            if (d == c && i + 1 < text.length() && text.charAt(i + 1) == c) {
              value.append(c);
              i += 2;
            } else if (d == c) {
              i++;
              break;
            } else {
              value.append(d);
              i++;
            }
          }
          result.add(new Token(c == '\'' ? Kind.STRING : Kind.NAME, value.toString(), start));
        } else if (c == '(' || c == ')' || c == ',') {
          result.add(new Token(Kind.SYMBOL, String.valueOf(c), i++));
        } else if (c == '<' || c == '>' || c == '=' || c == '!') {
          int start = i;
          i++;
          if (i < text.length() && (text.charAt(i) == '=' && c != '=' || c == '<' && text.charAt(i) == '>')) {
            i++;
          }
          String symbol = text.substring(start, i);
          if (symbol.startsWith("!") || symbol.equals("<>")) {
            throw SynthException.config("%s: '%s' at character %d is not supported: a condition selects values with "
                + "=, IN or a range", what, symbol, start + 1);
          }
          result.add(new Token(Kind.SYMBOL, symbol, start));
        } else {
          int start = i;
          while (i < text.length() && !Character.isWhitespace(text.charAt(i))
              && "()',<>=!`".indexOf(text.charAt(i)) < 0) {
            i++;
          }
          String word = text.substring(start, i);
          if (word.equalsIgnoreCase("OR") || word.equalsIgnoreCase("NOT")) {
            throw SynthException.config("%s: %s at character %d is not supported: join parts with AND (IN lists "
                + "alternatives)", what, word.toUpperCase(Locale.ROOT), start + 1);
          }
          result.add(new Token(Kind.WORD, word, start));
        }
      }
      result.add(new Token(Kind.END, "", text.length()));
      return result;
    }
  }
}
