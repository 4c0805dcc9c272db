package io.synthlake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static List<RuleSpec> rules(String... texts) {
    return Arrays.stream(texts).map(RuleSyntax::parse).toList();
  }

  private static List<String> texts(List<RuleSpec> rules) {
    return rules.stream().map(RuleSpec::text).toList();
  }

  @Test
  void rulesThatHoldTogetherAreKeptInOrder() {
    List<RuleSpec> rules = rules("education -> education-num", "start <= end", "total = net + tax",
        "a is null -> b is null", "relationship = 'Husband' -> sex = 'Male'",
        "sex = 'Male' -> relationship != 'Wife'");
    assertThat(RuleSet.check(rules)).isEqualTo(rules);
    assertThat(RuleSet.check(List.of())).isEmpty();
  }

  @Test
  void aRuleGivenTwiceIsKeptOnce() {
    assertThat(texts(RuleSet.check(rules("a <= b", "c -> d", "b >= a", "c -> d")))).containsExactly("a <= b",
        "c -> d");
    assertThat(texts(RuleSet.check(rules("a = 'x' -> b != 'y'", "b = 'y' -> a != 'x'"))))
        .containsExactly("a = 'x' -> b != 'y'");
  }

  @Test
  void nullPatternsBothWaysBecomeOneExactPattern() {
    assertThat(texts(RuleSet.check(rules("a is null -> b is null", "c -> d", "b is null -> a is null"))))
        .containsExactly("a is null <-> b is null", "c -> d");
    assertThat(texts(RuleSet.check(rules("a is null -> b is null", "b is null <-> a is null"))))
        .containsExactly("a is null <-> b is null");
    assertThat(texts(RuleSet.check(rules("a is null -> b is null", "a is null -> b is null"))))
        .containsExactly("a is null -> b is null");
    // Null patterns decide no values: a longer chain back to its start is no cycle.
    assertThat(RuleSet.check(rules("a is null -> b is null", "b is null -> c is null", "c is null -> a is null")))
        .hasSize(3);
  }

  @Test
  void twoRulesDecidingOneColumnConflict() {
    assertThatThrownBy(() -> RuleSet.check(rules("a -> b", "b = c + d")))
        .isInstanceOf(RuleSet.RuleSetException.class)
        .hasMessage("rules 'a -> b' and 'b = c + d' both decide column b: keep one");
    assertThatThrownBy(() -> RuleSet.check(rules("a -> c", "b -> c")))
        .hasMessage("rules 'a -> c' and 'b -> c' both decide column c: keep one");
    assertThatThrownBy(() -> RuleSet.check(rules("x <= `a b`", "`a b` = c - d")))
        .hasMessage("rules 'x <= `a b`' and '`a b` = c - d' both decide column `a b`: keep one");
    assertThatThrownBy(() -> RuleSet.check(rules("c = a + b", "a -> c")))
        .hasMessage("rules 'c = a + b' and 'a -> c' both decide column c: keep one");
    assertThatThrownBy(() -> RuleSet.check(rules("a <= c", "b < c", "d -> c")))
        .hasMessage("rules 'a <= c' and 'd -> c' both decide column c: keep one");
  }

  @Test
  void ordersMayShareTheirHighSide() {
    assertThat(RuleSet.check(rules("start <= end", "booked <= end", "paid < end"))).hasSize(3);
  }

  @Test
  void aOneToOnePairIsNoCycle() {
    List<RuleSpec> pair = rules("code -> name", "name -> code");
    assertThat(RuleSet.check(pair)).isEqualTo(pair);
    assertThat(RuleSet.cycle(pair)).isEmpty();
    assertThat(RuleSet.order(pair)).containsExactly("code", "name");
    assertThat(RuleSet.order(rules("name -> code", "code -> name"))).containsExactly("name", "code");
  }

  @Test
  void cyclesAreRefusedNamingTheirRules() {
    assertThatThrownBy(() -> RuleSet.check(rules("a < b", "b < a")))
        .isInstanceOf(RuleSet.RuleSetException.class)
        .hasMessage("rules form a cycle: a < b, b < a");
    assertThatThrownBy(() -> RuleSet.check(rules("b <= c", "a <= b", "c <= a")))
        .hasMessage("rules form a cycle: b <= c, c <= a, a <= b");
    assertThatThrownBy(() -> RuleSet.check(rules("c = a + b", "c -> a")))
        .hasMessage("rules form a cycle: c = a + b, c -> a");
    assertThatThrownBy(() -> RuleSet.check(rules("x -> y", "a -> b", "b -> c", "a = c - d")))
        .hasMessage("rules form a cycle: a -> b, b -> c, a = c - d");
  }

  @Test
  void contradictoryImplicationsAreRefused() {
    assertThatThrownBy(() -> RuleSet.check(rules("a = 'x' -> b = 'y'", "a = 'x' -> b = 'z'")))
        .hasMessage("rules 'a = 'x' -> b = 'y'' and 'a = 'x' -> b = 'z'' contradict each other: no row could have "
            + "a = 'x'");
    assertThatThrownBy(() -> RuleSet.check(rules("a = 'x' -> b = 'y'", "b = 'y' -> a != 'x'")))
        .hasMessage("rules 'a = 'x' -> b = 'y'' and 'b = 'y' -> a != 'x'' contradict each other: no row could have "
            + "a = 'x'");
    assertThat(RuleSet.check(rules("a = 'x' -> b = 'y'", "a = 'w' -> b = 'z'", "b = 'y' -> a = 'x'"))).hasSize(3);
  }

  @Test
  void orderPutsEveryColumnAfterTheColumnsItIsDecidedFrom() {
    assertThat(RuleSet.order(rules("total = net + tax", "gross -> net", "a is null -> total is null", "x < tax")))
        .containsExactly("gross", "net", "a", "x", "tax", "total");
    assertThat(RuleSet.order(List.of())).isEmpty();
    assertThatThrownBy(() -> RuleSet.order(rules("a < b", "b < a"))).hasMessage("rules form a cycle: a < b, b < a");
  }

  @Test
  void cycleFindsTheRulesACandidateWouldCloseIntoACycle() {
    List<RuleSpec> kept = rules("a <= b", "b -> c");
    assertThat(RuleSet.cycle(kept)).isEmpty();
    List<RuleSpec> withCandidate = new java.util.ArrayList<>(kept);
    withCandidate.add(RuleSyntax.parse("c < a"));
    assertThat(RuleSet.cycle(withCandidate).map(RuleSetTest::texts)).contains(List.of("a <= b", "b -> c",
        "c < a"));
  }
}
