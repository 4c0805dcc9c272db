package io.synthlake.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a rule from its text, exactly the canonical forms {@link RuleSpec#text()} writes:
 *
 * <pre>
 *   A -> B                                   Dependency
 *   a &lt;= b,  a &lt; b,  b >= a,  b > a           Order (the last two normalised to low, high)
 *   c = a + b,  c = a - b                    Sum
 *   a is null -> b is null,  a is null &lt;-> b is null        NullPattern (keywords in any case)
 *   A = 'x' -> B = 'y',  A = 'x' -> B != 'y'                Implication, Exclusion
 * </pre>
 *
 * <p>Tokens are separated by whitespace, so an operator needs a space on each side: {@code education-num} is one
 * name and {@code a - b} a difference. A name that is not a plain word goes between backquotes, a label between
 * single quotes, either doubling its quote inside. A malformed text fails with one line saying what was expected
 * where, so that a job file's author can fix it without reading this class.
 */
public final class RuleSyntax {
  private static final String FIRST_OPERATORS = "an operator (->, <=, <, >=, >, =) or 'is null'";

  private RuleSyntax() {}

  /** The rule {@code text} writes; a null text is an empty one. */
  public static RuleSpec parse(String text) {
    return new Parser(text == null ? "" : text).rule();
  }

  /** A rule text that is not one of the forms; {@link #character()} is 1-based, one past the end at the end. */
  public static final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int character;

    RuleSyntaxException(String message, int character) {
      super(message);
      this.character = character;
    }

    public int character() {
      return character;
    }
  }

  private enum Kind { NAME, LABEL, WORD }

  /** A name or label with its quotes removed, or a bare word (an operator, a keyword or a mistake). */
  private record Token(Kind kind, String value, String raw, int start) {
    /** As the user wrote it, between single quotes unless it carries its own quotes. */
    String quoted() {
      return kind == Kind.WORD || raw.charAt(0) != '\'' && raw.charAt(0) != '`' ? "'" + raw + "'" : raw;
    }
  }

  private static final class Parser {
    private final String text;
    private final List<Token> tokens;
    private final List<Token> names = new ArrayList<>();
    private int next;

    Parser(String text) {
      this.text = text;
      this.tokens = tokens(text);
    }

    RuleSpec rule() {
      if (tokens.isEmpty()) {
        throw new RuleSyntaxException("a rule is empty: expected a column name", 1);
      }
      String first = name("a column name");
      String operator = word(FIRST_OPERATORS, "->", "<=", "<", ">=", ">", "=", "is");
      RuleSpec rule = switch (operator) {
        case "->" -> new RuleSpec.Dependency(first, name("a column name"));
        case "<=", "<" -> new RuleSpec.Order(first, name("a column name"), operator.equals("<"));
        case ">=", ">" -> new RuleSpec.Order(name("a column name"), first, operator.equals(">"));
        case "=" -> afterEquals(first);
        default -> nullPattern(first);
      };
      if (next < tokens.size()) {
        throw expected("the end of the rule", tokens.get(next));
      }
      return rule;
    }

    private RuleSpec afterEquals(String first) {
      if (next < tokens.size() && tokens.get(next).kind() == Kind.LABEL) {
        String label = tokens.get(next++).value();
        word("->", "->");
        String then = name("a column name");
        boolean equal = word("= or !=", "=", "!=").equals("=");
        String thenLabel = label();
        return equal ? new RuleSpec.Implication(first, label, then, thenLabel)
            : new RuleSpec.Exclusion(first, label, then, thenLabel);
      }
      String left = name("a column name or a label");
      boolean minus = word("+ or -", "+", "-").equals("-");
      return new RuleSpec.Sum(first, left, name("a column name"), minus);
    }

    private RuleSpec nullPattern(String first) {
      word("'null'", "null");
      boolean exactly = word("-> or <->", "->", "<->").equals("<->");
      String column = name("a column name");
      word("'is null'", "is");
      word("'null'", "null");
      return new RuleSpec.NullPattern(first, column, exactly);
    }

    private String name(String expected) {
      Token token = take(expected);
      if (token.kind() != Kind.NAME) {
        boolean glued = token.kind() == Kind.WORD && !isWord(token.value());
        throw expected(expected + (glued ? " (an operator needs a space on each side; a name of other "
            + "characters goes between backquotes)" : ""), token);
      }
      for (Token earlier : names) {
        if (earlier.value().equals(token.value())) {
          throw new RuleSyntaxException("a rule names column " + RuleSpec.name(token.value()) + " twice (characters "
              + (earlier.start() + 1) + " and " + (token.start() + 1) + ")", token.start() + 1);
        }
      }
      names.add(token);
      return token.value();
    }

    private String label() {
      Token token = take("a label in single quotes");
      if (token.kind() != Kind.LABEL) {
        throw expected("a label in single quotes", token);
      }
      return token.value();
    }

    /** The next token when it is one of {@code choices} (keywords in any case), as the choice it is. */
    private String word(String expected, String... choices) {
      Token token = take(expected);
      String value = token.value().toLowerCase(Locale.ROOT);
      if (token.kind() == Kind.WORD) {
        for (String choice : choices) {
          if (choice.equals(value)) {
            return choice;
          }
        }
      }
      throw expected(expected, token);
    }

    private Token take(String expected) {
      if (next == tokens.size()) {
        throw new RuleSyntaxException("expected " + expected + " after " + tokens.get(next - 1).quoted()
            + " at the end of the rule", text.length() + 1);
      }
      return tokens.get(next++);
    }

    private RuleSyntaxException expected(String expected, Token got) {
      int index = tokens.indexOf(got);
      String after = index == 0 ? "" : " after " + tokens.get(index - 1).quoted();
      return new RuleSyntaxException("expected " + expected + after + " at character " + (got.start() + 1)
          + ", got " + got.quoted(), got.start() + 1);
    }
  }

  /** Whether a bare word is one of the syntax's operators or keywords. */
  private static boolean isWord(String value) {
    return List.of("->", "<->", "<=", "<", ">=", ">", "=", "!=", "+", "-", "is", "null")
        .contains(value.toLowerCase(Locale.ROOT));
  }

  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '`' || c == '\'') {
        String what = c == '`' ? "name" : "label";
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i == text.length()) {
            throw new RuleSyntaxException("the " + what + " at character " + (start + 1) + " has no closing " + c
                + " (write " + c + c + " for a " + c + " inside it)", start + 1);
          }
          boolean quote = text.charAt(i) == c;
          if (quote && !(i + 1 < text.length() && text.charAt(i + 1) == c)) {
            i++;
            break;
          }
          value.append(text.charAt(i));
          i += quote ? 2 : 1;
        }
        if (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          throw new RuleSyntaxException("expected a space after the " + what + " " + text.substring(start, i)
              + " at character " + (i + 1) + ", got '" + text.charAt(i) + "'", i + 1);
        }
        if (c == '`' && value.length() == 0) {
          throw new RuleSyntaxException("the name at character " + (start + 1) + " is empty", start + 1);
        }
        tokens.add(new Token(c == '`' ? Kind.NAME : Kind.LABEL, value.toString(), text.substring(start, i), start));
      } else {
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        String word = text.substring(start, i);
        tokens.add(new Token(RuleSpec.isPlainName(word) ? Kind.NAME : Kind.WORD, word, word, start));
      }
    }
    return tokens;
  }
}
