package io.synthlake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSyntaxTest {
  @Test
  void readsEveryForm() {
    assertThat(RuleSyntax.parse("education -> education-num"))
        .isEqualTo(new RuleSpec.Dependency("education", "education-num"));
    assertThat(RuleSyntax.parse("start <= end")).isEqualTo(new RuleSpec.Order("start", "end", false));
    assertThat(RuleSyntax.parse("start < end")).isEqualTo(new RuleSpec.Order("start", "end", true));
    assertThat(RuleSyntax.parse("end >= start")).isEqualTo(new RuleSpec.Order("start", "end", false));
    assertThat(RuleSyntax.parse("end > start")).isEqualTo(new RuleSpec.Order("start", "end", true));
    assertThat(RuleSyntax.parse("total = net + tax")).isEqualTo(new RuleSpec.Sum("total", "net", "tax", false));
    assertThat(RuleSyntax.parse("net = total - tax")).isEqualTo(new RuleSpec.Sum("net", "total", "tax", true));
    assertThat(RuleSyntax.parse("a is null -> b is null")).isEqualTo(new RuleSpec.NullPattern("a", "b", false));
    assertThat(RuleSyntax.parse("a IS NULL <-> b Is Null")).isEqualTo(new RuleSpec.NullPattern("a", "b", true));
    assertThat(RuleSyntax.parse("relationship = 'Husband' -> sex = 'Male'"))
        .isEqualTo(new RuleSpec.Implication("relationship", "Husband", "sex", "Male"));
    assertThat(RuleSyntax.parse("relationship = 'Wife' -> sex != 'Male'"))
        .isEqualTo(new RuleSpec.Exclusion("relationship", "Wife", "sex", "Male"));
  }

  @Test
  void operatorsNeedSpacesSoHyphensAndDotsBelongToNames() {
    assertThat(RuleSyntax.parse("  capital-gain\t=  a.b -\nc-d ")).isEqualTo(
        new RuleSpec.Sum("capital-gain", "a.b", "c-d", true));
    assertThat(RuleSyntax.parse("`a b` -> `is`")).isEqualTo(new RuleSpec.Dependency("a b", "is"));
    assertThat(RuleSyntax.parse("`plain` -> b")).isEqualTo(new RuleSpec.Dependency("plain", "b"));
  }

  @Test
  void theTextOfEveryRuleReadsBackAsTheRule() {
    List<RuleSpec> rules = List.of(
        new RuleSpec.Dependency("education", "education-num"),
        new RuleSpec.Dependency("first name", "last`name"),
        new RuleSpec.Order("start", "end", false),
        new RuleSpec.Order("-x", ".y", true),
        new RuleSpec.Sum("total", "net", "tax", false),
        new RuleSpec.Sum("null", "is", "a -> b", true),
        new RuleSpec.NullPattern("a", "b", false),
        new RuleSpec.NullPattern("col`umn", "é col", true),
        new RuleSpec.Implication("relationship", "Husband", "sex", "Male"),
        new RuleSpec.Implication("a", "it's", "b", ""),
        new RuleSpec.Exclusion("a", "x -> y", "`b`", "'quoted'"),
        new RuleSpec.Exclusion("Ünïcode", "a  b", "c", "=> != <-"));
    for (RuleSpec rule : rules) {
      assertThat(RuleSyntax.parse(rule.text())).as(rule.text()).isEqualTo(rule);
    }
    assertThat(rules.get(1).text()).isEqualTo("`first name` -> `last``name`");
    assertThat(rules.get(9).text()).isEqualTo("a = 'it''s' -> b = ''");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                     | a rule is empty: expected a column name",
      "\" \t \"                 | a rule is empty: expected a column name",
      "'x' -> b               | expected a column name at character 1, got 'x'",
      "a                      | expected an operator (->, <=, <, >=, >, =) or 'is null' after 'a' at the end of the "
          + "rule",
      "start =< end           | expected an operator (->, <=, <, >=, >, =) or 'is null' after 'start' at character "
          + "7, got '=<'",
      "a <=                   | expected a column name after '<=' at the end of the rule",
      "a <= a                 | a rule names column a twice (characters 1 and 6)",
      "c = a + c              | a rule names column c twice (characters 1 and 9)",
      "a + b                  | expected an operator (->, <=, <, >=, >, =) or 'is null' after 'a' at character 3, "
          + "got '+'",
      "a<=b                   | expected a column name (an operator needs a space on each side; a name of other "
          + "characters goes between backquotes) at character 1, got 'a<=b'",
      "-> b                   | expected a column name at character 1, got '->'",
      "c = a                  | expected + or - after 'a' at the end of the rule",
      "c = a * b              | expected + or - after 'a' at character 7, got '*'",
      "c = + b                | expected a column name or a label after '=' at character 5, got '+'",
      "a -> b c               | expected the end of the rule after 'b' at character 8, got 'c'",
      "a -> b -> c            | expected the end of the rule after 'b' at character 8, got '->'",
      "`a b -> c              | the name at character 1 has no closing ` (write `` for a ` inside it)",
      "a = 'x -> b = 'y'      | expected a space after the label 'x -> b = ' at character 16, got 'y'",
      "a = 'x' -> b = 'y      | the label at character 16 has no closing ' (write '' for a ' inside it)",
      "a = 'x' -> b           | expected = or != after 'b' at the end of the rule",
      "a = 'x' -> b = c       | expected a label in single quotes after '=' at character 16, got 'c'",
      "a = 'x' <-> b = 'y'    | expected -> after 'x' at character 9, got '<->'",
      "a = 'x' -> `` = 'y'    | the name at character 12 is empty",
      "a is not null -> b     | expected 'null' after 'is' at character 6, got 'not'",
      "a is null => b is null | expected -> or <-> after 'null' at character 11, got '=>'",
      "a is null -> b         | expected 'is null' after 'b' at the end of the rule",
      "a is null -> b is      | expected 'null' after 'is' at the end of the rule",
      "a is null -> b = 'x'   | expected 'is null' after 'b' at character 16, got '='",
      "is -> b                | expected a column name at character 1, got 'is'"})
  void malformedRulesSayWhatWasExpectedWhere(String text, String message) {
    assertThatThrownBy(() -> RuleSyntax.parse(text))
        .isInstanceOf(RuleSyntax.RuleSyntaxException.class)
        .hasMessage(message);
  }

  @Test
  void theErrorCarriesItsCharacter() {
    assertThatThrownBy(() -> RuleSyntax.parse("start =< end"))
        .satisfies(e -> assertThat(((RuleSyntax.RuleSyntaxException) e).character()).isEqualTo(7));
    assertThatThrownBy(() -> RuleSyntax.parse("a <="))
        .satisfies(e -> assertThat(((RuleSyntax.RuleSyntaxException) e).character()).isEqualTo(5));
    assertThatThrownBy(() -> RuleSyntax.parse(null)).hasMessage("a rule is empty: expected a column name");
  }
}
