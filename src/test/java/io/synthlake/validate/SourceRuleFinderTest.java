package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.ValidateConfig;
import io.synthlake.rules.RuleSpec;
import io.synthlake.validate.RuleAdherence.Observed;
import io.synthlake.validate.RuleCandidates.Capped;
import io.synthlake.validate.RuleCandidates.Column;
import io.synthlake.validate.RuleCandidates.Facts;
import io.synthlake.validate.RuleCandidates.Family;
import io.synthlake.validate.RuleCandidates.Pair;
import io.synthlake.validate.RuleCandidates.Plan;
import io.synthlake.validate.SourceRuleFinder.Found;
import io.synthlake.validate.SourceRuleFinder.FoundRule;
import io.synthlake.validate.SourceRuleFinder.NullCounts;
import io.synthlake.validate.SourceRuleFinder.OrderCounts;
import io.synthlake.validate.SourceRuleFinder.SumCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules from hand-made counts, without Spark: each kind, exceptions just below and at m, the caps. */
class SourceRuleFinderTest {
  private static final int M = 5;

  /** A two-column source given as its (first, second, rows) cells: its plan, found rules and texts. */
  private static final class TwoColumns {
    private final Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
    private final String first;
    private final String second;

    TwoColumns(String first, String second) {
      this.first = first;
      this.second = second;
    }

    TwoColumns cell(String a, String b, long rows) {
      cells.computeIfAbsent(a, k -> new LinkedHashMap<>()).merge(b, rows, Long::sum);
      return this;
    }

    Found find() {
      Map<String, Map<String, Long>> values = new LinkedHashMap<>();
      values.put(first, new LinkedHashMap<>());
      values.put(second, new LinkedHashMap<>());
      long rows = 0;
      for (Map.Entry<String, Map<String, Long>> row : cells.entrySet()) {
        for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
          values.get(first).merge(row.getKey(), cell.getValue(), Long::sum);
          values.get(second).merge(cell.getKey(), cell.getValue(), Long::sum);
          rows += cell.getValue();
        }
      }
      Plan plan = labelPlan(rows, values);
      assertThat(plan.tables()).containsExactly(new Pair(first, second));
      return SourceRuleFinder.find(plan, Map.of(), List.of(PairTable.of(first, second, cells)), Map.of(), List.of());
    }
  }

  private static Plan labelPlan(long rows, Map<String, Map<String, Long>> values) {
    List<Column> columns = values.keySet().stream().map(name -> new Column(name, Family.STRING, 0)).toList();
    Map<String, Facts> facts = new LinkedHashMap<>();
    values.forEach((name, counts) -> facts.put(name, new Facts(counts.values().stream().mapToLong(Long::longValue)
        .sum(), (long) counts.size(), null, null, null, null)));
    return RuleCandidates.plan(rows, M, columns, facts, values, RuleCandidates.orderPairs(columns));
  }

  private static List<String> texts(Found found) {
    return found.rules().stream().map(rule -> rule.rule().text()).toList();
  }

  private static TwoColumns cities(long milanInNorway) {
    return new TwoColumns("city", "country").cell("Oslo", "NO", 300).cell("Bergen", "NO", 200)
        .cell("Rome", "IT", 250).cell("Milan", "IT", 150).cell("Milan", "NO", milanInNorway).cell("Nuuk", "DK", 3);
  }

  @Test
  void aDependencyHoldsWithFewerThanMExceptionsAndItsMapHoldsOnlyFrequentLabels() {
    Found found = cities(M - 1).find();
    assertThat(texts(found)).containsExactly("city -> country");
    FoundRule rule = found.rules().get(0);
    assertThat(rule.sourceRows()).isEqualTo(907);
    assertThat(rule.sourceExceptions()).isEqualTo(M - 1);
    // Nuuk (3 rows) and Denmark (3 rows) are rarer than m: never in a map that travels to the executors.
    assertThat(rule.mapping()).containsOnly(Map.entry("Oslo", "NO"), Map.entry("Bergen", "NO"),
        Map.entry("Rome", "IT"), Map.entry("Milan", "IT"));
    // Each direction is a candidate; implications of city are left to the dependency, none of country holds.
    assertThat(found.tested().dependency()).isEqualTo(2);
    assertThat(found.tested().exclusion()).isZero();

    // One Milan row more breaks the dependency; the cities that still imply their country remain.
    assertThat(texts(cities(M).find())).containsExactly("city = 'Bergen' -> country = 'NO'",
        "city = 'Oslo' -> country = 'NO'", "city = 'Rome' -> country = 'IT'");
  }

  @Test
  void nearKeysAndNearConstantsMakeNoDependency() {
    TwoColumns key = new TwoColumns("id", "group").cell("a", "g1", 6).cell("b", "g2", 6);
    for (int i = 0; i < 20; i++) {
      key.cell("k" + i, i % 2 == 0 ? "g1" : "g2", 1);
    }
    // 12 of 32 rows have an id seen m times or more: a near-key, which determines anything.
    assertThat(texts(key.find())).isEmpty();
    TwoColumns constant = new TwoColumns("a", "b").cell("x", "y", 50).cell("w", "y", 45).cell("w", "z", 3);
    assertThat(texts(constant.find())).isEmpty();
  }

  private static TwoColumns plans(long freeByEmail) {
    // Large enough that independence would break "free -> none" in ten times m rows (label rules need that).
    return new TwoColumns("plan", "support").cell("free", "none", 380).cell("free", "email", freeByEmail)
        .cell("pro", "email", 150).cell("pro", "phone", 150).cell("pro", "none", 40).cell("team", "phone", 100)
        .cell("team", "email", 100)
        .cell("team", "none", 100).cell("trial", "none", 4);
  }

  @Test
  void anImplicationHoldsForOneLabelAndNeverNamesARareOne() {
    Found found = plans(M - 1).find();
    assertThat(texts(found)).containsExactly("plan = 'free' -> support = 'none'");
    FoundRule rule = found.rules().get(0);
    assertThat(rule.sourceRows()).isEqualTo(380 + M - 1);
    assertThat(rule.sourceExceptions()).isEqualTo(M - 1);
    // free, pro and team of plan (trial has 4 rows: not a candidate); none, email and phone of support.
    assertThat(found.tested().implication()).isEqualTo(6);
    assertThat(String.join(" ", texts(found))).doesNotContain("trial");
    // With m rows of free by e-mail the implication breaks; free still never meets phone, where independence would
    // put about 90 rows.
    assertThat(texts(plans(M).find())).containsExactly("plan = 'free' -> support != 'phone'");
  }

  @Test
  void anExclusionNeedsTenTimesMExpectedRowsAndIsNotSaidTwice() {
    TwoColumns pair = new TwoColumns("a", "b").cell("x1", "y1", M - 1).cell("x1", "y2", 249).cell("x1", "y3", 249)
        .cell("x2", "y1", 150).cell("x2", "y2", 100).cell("x2", "y3", 50)
        .cell("x3", "y1", 150).cell("x3", "y2", 50).cell("x3", "y3", 100);
    Found found = pair.find();
    assertThat(texts(found)).containsExactly("a = 'x1' -> b != 'y1'");
    assertThat(found.rules().get(0).sourceRows()).isEqualTo(498 + M - 1);
    assertThat(found.rules().get(0).sourceExceptions()).isEqualTo(M - 1);
    assertThat(found.tested().exclusion()).isEqualTo(9);
    assertThat(texts(pair.cell("x1", "y1", 1).find())).isEmpty();

    // y1 nearly only with x2: the implications already exclude x1 with y1, so no exclusion is added.
    TwoColumns implied = new TwoColumns("a", "b").cell("x1", "y1", 2).cell("x1", "y2", 498).cell("x2", "y1", 300)
        .cell("x2", "y2", 200);
    assertThat(texts(implied.find())).containsExactly("a = 'x1' -> b = 'y2'", "b = 'y1' -> a = 'x2'");
  }

  private static Plan numberPlan(long rows, Map<String, Facts> facts, Family family) {
    List<Column> columns = facts.keySet().stream().map(name -> new Column(name, family, 2)).toList();
    return RuleCandidates.plan(rows, M, columns, facts, Map.of(), RuleCandidates.orderPairs(columns));
  }

  private static Facts range(double min, double max) {
    return new Facts(100, null, min, max, null, null);
  }

  @Test
  void ordersPreferTheStrictFormAndSkipThoseTheRangesImply() {
    Map<String, Facts> facts = new LinkedHashMap<>();
    facts.put("start", range(0, 100));
    facts.put("end", range(10, 200));
    facts.put("due", range(300, 400));
    Plan plan = numberPlan(100, facts, Family.DATE);
    assertThat(plan.orderPairs().kept()).containsExactly(new Pair("start", "end"), new Pair("start", "due"),
        new Pair("end", "due"));
    Map<Pair, OrderCounts> counts = new LinkedHashMap<>();
    counts.put(new Pair("start", "end"), new OrderCounts(96, 0, M - 1));
    counts.put(new Pair("start", "due"), new OrderCounts(100, 0, 0));
    counts.put(new Pair("end", "due"), new OrderCounts(100, 0, 0));
    Found found = SourceRuleFinder.find(plan, counts, List.of(), Map.of(), List.of());
    assertThat(texts(found)).containsExactly("start < end");
    assertThat(found.rules().get(0).sourceExceptions()).isEqualTo(M - 1);
    assertThat(found.ordersImpliedByRanges()).isEqualTo(2);
    assertThat(found.tested().order()).isEqualTo(3);

    counts.put(new Pair("start", "end"), new OrderCounts(80, 16, M - 1));
    assertThat(texts(SourceRuleFinder.find(plan, counts, List.of(), Map.of(), List.of())))
        .containsExactly("start <= end");
    counts.put(new Pair("start", "end"), new OrderCounts(1, 20, 79));
    assertThat(texts(SourceRuleFinder.find(plan, counts, List.of(), Map.of(), List.of())))
        .containsExactly("end <= start");
    counts.put(new Pair("start", "end"), new OrderCounts(80, 15, M));
    assertThat(texts(SourceRuleFinder.find(plan, counts, List.of(), Map.of(), List.of()))).isEmpty();
    // Dates are compared with dates only, never with numbers.
    assertThat(RuleCandidates.orderPairs(List.of(new Column("d", Family.DATE, 0), new Column("n", Family.DOUBLE, 0),
        new Column("t", Family.TIMESTAMP, 0), new Column("i", Family.INTEGRAL, 0))).kept())
        .containsExactly(new Pair("n", "i"));
  }

  private static Facts number(double mean, double std) {
    return new Facts(100, 50L, mean - 3 * std, mean + 3 * std, mean, std);
  }

  @Test
  void sumsAreCandidatesWhenTheirMeansAgreeAndHoldWithinTheTolerance() {
    Map<String, Facts> facts = new LinkedHashMap<>();
    facts.put("price", number(100, 10));
    facts.put("tax", number(20, 2));
    facts.put("total", number(120.5, 11));
    facts.put("weight", number(7, 1));
    Plan plan = numberPlan(100, facts, Family.DECIMAL);
    assertThat(plan.sums().kept()).extracting(c -> c.rule().text()).containsExactly("total = price + tax");
    assertThat(plan.sums().kept().get(0).tolerance()).isEqualTo(new RuleCandidates.Tolerance(0.005, 0));
    Found found = SourceRuleFinder.find(plan, Map.of(), List.of(), Map.of(), List.of(new SumCounts(100, M - 1)));
    assertThat(texts(found)).containsExactly("total = price + tax");
    assertThat(found.rules().get(0).tolerance().absolute()).isEqualTo(0.005);
    assertThat(found.tested().sum()).isEqualTo(1);
    assertThat(texts(SourceRuleFinder.find(plan, Map.of(), List.of(), Map.of(), List.of(new SumCounts(100, M)))))
        .isEmpty();

    // The last column is the total: net = gross - tax.
    Map<String, Facts> net = new LinkedHashMap<>();
    net.put("gross", number(100, 10));
    net.put("tax", number(20, 2));
    net.put("net", number(80, 9));
    assertThat(numberPlan(100, net, Family.INTEGRAL).sums().kept()).extracting(c -> c.rule().text())
        .containsExactly("net = gross - tax");
    assertThat(RuleCandidates.tolerance(new Column("a", Family.INTEGRAL, 0))).isEqualTo(
        new RuleCandidates.Tolerance(0.5, 0));
    RuleCandidates.Tolerance doubles = RuleCandidates.tolerance(new Column("a", Family.DECIMAL, 2),
        new Column("b", Family.DOUBLE, 0));
    assertThat(doubles.holds(1e-7, 1e3)).isTrue();
    assertThat(doubles.holds(1e-5, 1e3)).isFalse();
    assertThat(doubles.holds(5e-10, 0.1)).isTrue();
  }

  @Test
  void nullPatternsAreExactWhenFewerThanMRowsHaveOneNullElseOneWay() {
    Map<String, Facts> facts = new LinkedHashMap<>();
    facts.put("a", new Facts(80, null, null, null, null, null));
    facts.put("b", new Facts(78, null, null, null, null, null));
    facts.put("full", new Facts(100, null, null, null, null, null));
    List<Column> columns = facts.keySet().stream().map(name -> new Column(name, Family.OTHER, 0)).toList();
    Plan plan = RuleCandidates.plan(100, M, columns, facts, Map.of(), RuleCandidates.orderPairs(columns));
    Pair pair = new Pair("a", "b");
    assertThat(plan.nullPairs().kept()).containsExactly(pair);
    Found exact = SourceRuleFinder.find(plan, Map.of(), List.of(), Map.of(pair, new NullCounts(1, 3, 19)), List.of());
    assertThat(texts(exact)).containsExactly("a is null <-> b is null");
    assertThat(exact.rules().get(0).sourceRows()).isEqualTo(100);
    assertThat(exact.rules().get(0).sourceExceptions()).isEqualTo(4);
    Found oneWay = SourceRuleFinder.find(plan, Map.of(), List.of(), Map.of(pair, new NullCounts(M - 1, 10, 16)),
        List.of());
    assertThat(texts(oneWay)).containsExactly("a is null -> b is null");
    assertThat(oneWay.rules().get(0).sourceRows()).isEqualTo(20);
    assertThat(texts(SourceRuleFinder.find(plan, Map.of(), List.of(), Map.of(pair, new NullCounts(M, 10, 15)),
        List.of()))).isEmpty();
  }

  @Test
  void labelPairsFitTheCellBudgetSmallestFirstAndWideColumnsAreCounted() {
    Map<String, Map<String, Long>> values = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c")) {
      Map<String, Long> labels = new LinkedHashMap<>();
      for (int i = 0; i < RuleCandidates.MAX_LABELS; i++) {
        labels.put("v" + i, 10L);
      }
      values.put(name, labels);
    }
    values.put("flag", Map.of("true", 5000L, "false", 5000L));
    Map<String, Long> wide = new LinkedHashMap<>();
    for (int i = 0; i <= RuleCandidates.MAX_LABELS; i++) {
      wide.put("w" + i, 10L);
    }
    values.put("wide", wide);
    List<Column> columns = new ArrayList<>(values.keySet().stream().map(n -> new Column(n, Family.STRING, 0))
        .toList());
    columns.add(new Column("text", Family.STRING, 0));
    Map<String, Facts> facts = new LinkedHashMap<>();
    values.forEach((name, counts) -> facts.put(name, new Facts(10_000, (long) counts.size(), null, null, null,
        null)));
    facts.put("text", new Facts(10_000, 9_000L, null, null, null, null));
    assertThat(RuleCandidates.countedColumns(columns, facts)).containsExactly("a", "b", "c", "flag", "wide");
    Plan plan = RuleCandidates.plan(10_000, M, columns, facts, values, new Capped<>(List.of(), 0));
    // Three 3,003-cell pairs with flag, then one of the 1,002,001-cell pairs: the next would pass 2 million.
    assertThat(plan.tables()).containsExactly(new Pair("a", "b"), new Pair("a", "flag"), new Pair("b", "flag"),
        new Pair("c", "flag"));
    assertThat(plan.pairsOverCellBudget()).isEqualTo(2);
    assertThat(plan.highCardinalityColumns()).isEqualTo(2);
  }

  @Test
  void adherenceIsTheShareOfApplicableRowsAndTheLowestRuleDecides() {
    Found found = new Found(M, List.of(
        FoundRule.of(new RuleSpec.Order("start", "end", true), 100, 0),
        FoundRule.of(new RuleSpec.NullPattern("a", "b", true), 100, 2),
        FoundRule.of(new RuleSpec.Dependency("city", "country"), 97, 4)),
        new RuleReport.KindCounts(2, 3, 0, 1, 0, 0), 1, new RuleReport.LeftOut(0, 0, 0, 0, 0, 0, 0, 0));
    RuleReport report = RuleAdherence.report(found, List.of(new Observed(200, 3), new Observed(0, 0),
        new Observed(50, 0)));
    assertThat(report.rules()).extracting(RuleReport.RuleResult::adherence).containsExactly(197 / 200.0, null, 1.0);
    assertThat(report.ruleAdherence()).isCloseTo(0.985, within(1e-12));
    assertThat(report.lowest()).isEqualTo("start < end");
    assertThat(report.rowWeightedAdherence()).isCloseTo(247 / 250.0, within(1e-12));
    assertThat(report.found()).isEqualTo(new RuleReport.KindCounts(1, 1, 0, 1, 0, 0));
    assertThat(report.rules().get(2).kind()).isEqualTo(RuleKind.DEPENDENCY);

    ValidateConfig.Gates gates = new ValidateConfig.Gates(null, null, null, null, null, null, null, null, 0.99, null,
        null, null, null);
    assertThat(GateCheck.breaches(withRules(report), gates)).containsExactly("rule adherence 0.9850 (start < end) "
        + "is below validate.gates.min-rule-adherence 0.9900");
    RuleReport none = RuleAdherence.report(new Found(M, List.of(), found.tested(), 0, found.leftOut()), List.of());
    assertThat(none.ruleAdherence()).isNull();
    assertThat(GateCheck.breaches(withRules(none), gates)).isEmpty();
  }

  private static ValidationReport withRules(RuleReport rules) {
    QualitySummary summary = QualitySummary.of(List.of(1.0), List.of(1.0), List.of(0.5));
    return new ValidationReport(1, "test", "t", "s", "o", 1, 1, summary, summary, null, rules, null, null, List.of(),
        List.of(), List.of(), List.of());
  }
}
