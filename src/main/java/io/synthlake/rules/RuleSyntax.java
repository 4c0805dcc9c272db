package io.synthlake.rules;

/** TEMPORARY placeholder until the parser lands from branch rules-config. */
public final class RuleSyntax {
  private RuleSyntax() {}

  public static RuleSpec parse(String text) {
    throw new UnsupportedOperationException(text);
  }
}
