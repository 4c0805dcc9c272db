package io.synthlake.validate;

import io.synthlake.rules.RuleSpec;
import io.synthlake.validate.RuleCandidates.Facts;
import io.synthlake.validate.RuleCandidates.Pair;
import io.synthlake.validate.RuleCandidates.Plan;
import io.synthlake.validate.RuleCandidates.SumCandidate;
import io.synthlake.validate.RuleCandidates.Tolerance;
import io.synthlake.validate.RuleReport.KindCounts;
import io.synthlake.validate.RuleReport.LeftOut;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a source obeys, decided from its counts. With m the minimum count (fit's min-category-count), a
 * candidate is a rule when fewer than m of the rows it applies to break it (the source-exceptions) and at least m
 * follow it, and when it says more than the columns' own distributions do: a near-constant column implies
 * nothing, an order that the ranges already give is only counted, and an exclusion needs a pair that
 * independence would put in at least 10·m rows. A label in a rule, or in the map a dependency is checked with,
 * was seen at least m times.
 */
public final class SourceRuleFinder {
  static final int EXCLUSION_EXPECTED_FACTOR = 10;
  public static final int MAX_DEPENDENCIES = 200;
  /** The labels of all dependency maps together: they travel to the executors inside the synthetic pass. */
  public static final int MAX_MAPPED_LABELS = 100_000;
  public static final int MAX_IMPLICATIONS = 100;
  public static final int MAX_EXCLUSIONS = 50;

  private SourceRuleFinder() {}

  /** Rows of an ordered pair with both values: first below, equal to and above second. */
  public record OrderCounts(long less, long equal, long greater) {
    long rows() {
      return less + equal + greater;
    }
  }

  /** Rows where only the first, only the second, or both of a pair are null. */
  public record NullCounts(long firstOnly, long secondOnly, long both) {}

  /** Rows with all three values of a sum, and those where it is off by more than its tolerance. */
  public record SumCounts(long rows, long broken) {}

  /**
   * A rule the source obeys.
   *
   * @param sourceRows the source rows it applies to
   * @param sourceExceptions those that break it (fewer than m)
   * @param mapping a dependency's first labels to their second label, each seen at least m times (empty otherwise)
   * @param tolerance a sum's tolerance (null otherwise)
   */
  public record FoundRule(RuleSpec rule, long sourceRows, long sourceExceptions, Map<String, String> mapping,
      Tolerance tolerance) {
    public FoundRule {
      mapping = mapping == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    static FoundRule of(RuleSpec rule, long sourceRows, long sourceExceptions) {
      return new FoundRule(rule, sourceRows, sourceExceptions, Map.of(), null);
    }

    public RuleKind kind() {
      return RuleKind.of(rule);
    }
  }

  /** The rules in kind order (dependencies, orders, sums, null patterns, implications, exclusions). */
  public record Found(int minCount, List<FoundRule> rules, KindCounts tested, long ordersImpliedByRanges,
      LeftOut leftOut) {}

  /**
   * @param orders the counts of each pair of {@code plan.orderPairs()}
   * @param tables the tables of {@code plan.tables()}, in its order
   * @param nulls the counts of each pair of {@code plan.nullPairs()}
   * @param sums the counts of {@code plan.sums()}, in its order
   */
  public static Found find(Plan plan, Map<Pair, OrderCounts> orders, List<PairTable> tables,
      Map<Pair, NullCounts> nulls, List<SumCounts> sums) {
    int m = plan.minCount();
    int[] tested = new int[RuleKind.values().length];
    List<FoundRule> dependencies = new ArrayList<>();
    List<Ranked> implications = new ArrayList<>();
    List<Ranked> exclusions = new ArrayList<>();
    for (PairTable table : tables) {
      Direction forward = Direction.of(table, plan.labels().get(table.second()));
      Direction backward = Direction.of(table.transposed(), plan.labels().get(table.first()));
      tested[RuleKind.DEPENDENCY.ordinal()] += 2;
      FoundRule there = dependency(forward, m);
      FoundRule back = dependency(backward, m);
      Map<String, String> impliedForward = new HashMap<>();
      Map<String, String> impliedBackward = new HashMap<>();
      // Label rules relate labels (strings, booleans), as the issue defines them; a number's exact value implying
      // a label (capital-gain = 7688 -> income = '>50K') is conditional structure, not a rule.
      boolean labels = isLabel(plan, table.first()) && isLabel(plan, table.second());
      if (there != null) {
        dependencies.add(there);
      } else if (labels) {
        implications(forward, m, tested, implications, impliedForward);
      }
      if (back != null) {
        dependencies.add(back);
      } else if (labels) {
        implications(backward, m, tested, implications, impliedBackward);
      }
      // Under a dependency every label excludes all but one other: nothing to add.
      if (there == null && back == null && labels) {
        exclusions(forward, m, tested, exclusions, impliedForward, impliedBackward);
      }
    }
    List<FoundRule> rules = new ArrayList<>();
    List<FoundRule> keptDependencies = capDependencies(dependencies);
    rules.addAll(keptDependencies);
    long[] implied = new long[1];
    rules.addAll(orders(plan, orders, tested, implied));
    rules.addAll(sums(plan, sums, tested));
    rules.addAll(nullPatterns(plan, nulls, tested));
    List<FoundRule> keptImplications = Ranked.top(implications, MAX_IMPLICATIONS);
    List<FoundRule> keptExclusions = Ranked.top(exclusions, MAX_EXCLUSIONS);
    rules.addAll(keptImplications);
    rules.addAll(keptExclusions);
    LeftOut leftOut = new LeftOut(plan.highCardinalityColumns(), plan.pairsOverCellBudget(),
        plan.orderPairs().leftOut(), plan.nullPairs().leftOut(), plan.sums().leftOut(),
        dependencies.size() - keptDependencies.size(), implications.size() - keptImplications.size(),
        exclusions.size() - keptExclusions.size());
    return new Found(m, List.copyOf(rules), KindCounts.of(tested), implied[0], leftOut);
  }

  /**
   * One side of a table: per first label its rows and its most frequent second label (ties go to the label more
   * frequent in the whole column, then to the smaller one), and per second label its rows.
   */
  private record Direction(PairTable table, long[] firstTotals, long[] secondTotals, int[] top, long rows) {
    static Direction of(PairTable table, Map<String, Long> secondCounts) {
      int firsts = table.firstLabels().size();
      int seconds = table.secondLabels().size();
      long[] firstTotals = new long[firsts];
      long[] secondTotals = new long[seconds];
      int[] top = new int[firsts];
      long rows = 0;
      for (int i = 0; i < firsts; i++) {
        top[i] = -1;
        for (int j = 0; j < seconds; j++) {
          long count = table.count(i, j);
          firstTotals[i] += count;
          secondTotals[j] += count;
          if (count > 0 && (top[i] < 0 || better(table, secondCounts, i, j, top[i]))) {
            top[i] = j;
          }
        }
        rows += firstTotals[i];
      }
      return new Direction(table, firstTotals, secondTotals, top, rows);
    }

    private static boolean better(PairTable table, Map<String, Long> secondCounts, int row, int candidate,
        int best) {
      long a = table.count(row, candidate);
      long b = table.count(row, best);
      if (a != b) {
        return a > b;
      }
      String x = table.secondLabels().get(candidate);
      String y = table.secondLabels().get(best);
      long overallX = secondCounts == null ? 0 : secondCounts.getOrDefault(x, 0L);
      long overallY = secondCounts == null ? 0 : secondCounts.getOrDefault(y, 0L);
      return overallX != overallY ? overallX > overallY : x.compareTo(y) < 0;
    }

    /** Second labels with at least m rows: fewer than two, and the second column is all but constant here. */
    int spread(int m) {
      int spread = 0;
      for (long total : secondTotals) {
        if (total >= m) {
          spread++;
        }
      }
      return spread;
    }

    String firstLabel(int i) {
      return table.firstLabels().get(i);
    }

    String secondLabel(int j) {
      return table.secondLabels().get(j);
    }
  }

  /**
   * first -> second: the rows off their first label's most frequent second label number fewer than m; at least
   * two first labels have m rows or more and hold most of the rows (a near-key depends on anything), and the
   * second column has two labels of m rows or more.
   */
  private static FoundRule dependency(Direction d, int m) {
    long exceptions = 0;
    long support = 0;
    int supported = 0;
    for (int i = 0; i < d.firstTotals().length; i++) {
      if (d.top()[i] >= 0) {
        exceptions += d.firstTotals()[i] - d.table().count(i, d.top()[i]);
      }
      if (d.firstTotals()[i] >= m) {
        supported++;
        support += d.firstTotals()[i];
      }
    }
    if (exceptions >= m || supported < 2 || 2 * support < d.rows() || d.spread(m) < 2) {
      return null;
    }
    Map<String, Long> secondCounts = new HashMap<>();
    for (int j = 0; j < d.secondTotals().length; j++) {
      secondCounts.put(d.secondLabel(j), d.secondTotals()[j]);
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (int i = 0; i < d.firstTotals().length; i++) {
      if (d.firstTotals()[i] >= m && secondCounts.get(d.secondLabel(d.top()[i])) >= m) {
        mapping.put(d.firstLabel(i), d.secondLabel(d.top()[i]));
      }
    }
    return new FoundRule(new RuleSpec.Dependency(d.table().first(), d.table().second()), d.rows(), exceptions,
        mapping, null);
  }

  /**
   * first = x -> second = y for each first label of m rows or more: fewer than m of its rows have another second
   * label, at least m have y, and independence would have put at least 10·m rows elsewhere (a small label of a
   * column that is mostly y implies y by chance: nine soldiers who are all men make no rule).
   */
  private static boolean isLabel(RuleCandidates.Plan plan, String column) {
    for (RuleCandidates.Column c : plan.columns()) {
      if (c.name().equals(column)) {
        return c.family() == RuleCandidates.Family.STRING || c.family() == RuleCandidates.Family.BOOLEAN;
      }
    }
    return false;
  }

  private static void implications(Direction d, int m, int[] tested, List<Ranked> found,
      Map<String, String> implied) {
    if (d.spread(m) < 2) {
      return;
    }
    for (int i = 0; i < d.firstTotals().length; i++) {
      long rows = d.firstTotals()[i];
      if (rows < m) {
        continue;
      }
      tested[RuleKind.IMPLICATION.ordinal()]++;
      int j = d.top()[i];
      long hits = d.table().count(i, j);
      double expectedElsewhere = rows * (double) (d.rows() - d.secondTotals()[j]) / d.rows();
      if (rows - hits < m && hits >= m && expectedElsewhere >= (double) EXCLUSION_EXPECTED_FACTOR * m) {
        implied.put(d.firstLabel(i), d.secondLabel(j));
        found.add(new Ranked(FoundRule.of(new RuleSpec.Implication(d.table().first(), d.firstLabel(i),
            d.table().second(), d.secondLabel(j)), rows, rows - hits), rows, found.size()));
      }
    }
  }

  /**
   * first = x -> second != y, once per pair of columns: fewer than m rows have both where independence would put
   * 10·m or more, and no implication of x or of y says it already.
   */
  private static void exclusions(Direction d, int m, int[] tested, List<Ranked> found,
      Map<String, String> impliedForward, Map<String, String> impliedBackward) {
    for (int i = 0; i < d.firstTotals().length; i++) {
      for (int j = 0; j < d.secondTotals().length; j++) {
        double expected = d.firstTotals()[i] * (double) d.secondTotals()[j] / d.rows();
        if (expected < (double) EXCLUSION_EXPECTED_FACTOR * m) {
          continue;
        }
        tested[RuleKind.EXCLUSION.ordinal()]++;
        long observed = d.table().count(i, j);
        String x = d.firstLabel(i);
        String y = d.secondLabel(j);
        if (observed >= m || impliedForward.containsKey(x) || impliedBackward.containsKey(y)) {
          continue;
        }
        found.add(new Ranked(FoundRule.of(new RuleSpec.Exclusion(d.table().first(), x, d.table().second(), y),
            d.firstTotals()[i], observed), expected, found.size()));
      }
    }
  }

  /** The dependencies of most rows, as many as the caps on rules and on mapped labels allow, in found order. */
  private static List<FoundRule> capDependencies(List<FoundRule> dependencies) {
    List<Integer> byRows = new ArrayList<>();
    for (int i = 0; i < dependencies.size(); i++) {
      byRows.add(i);
    }
    byRows.sort(Comparator.comparingLong((Integer i) -> -dependencies.get(i).sourceRows()));
    Set<Integer> kept = new TreeSet<>();
    long labels = 0;
    for (int i : byRows) {
      int more = dependencies.get(i).mapping().size();
      if (kept.size() < MAX_DEPENDENCIES && labels + more <= MAX_MAPPED_LABELS) {
        kept.add(i);
        labels += more;
      }
    }
    return kept.stream().map(dependencies::get).toList();
  }

  /**
   * Each counted pair in its one holding direction (a <= b before b <= a when mostly equal), strict when that
   * holds too; one whose ranges already give it (max(low) below min(high)) is only counted.
   */
  private static List<FoundRule> orders(Plan plan, Map<Pair, OrderCounts> orders, int[] tested, long[] implied) {
    int m = plan.minCount();
    List<FoundRule> found = new ArrayList<>();
    for (Pair pair : plan.orderPairs().kept()) {
      OrderCounts counts = orders.get(pair);
      tested[RuleKind.ORDER.ordinal()]++;
      if (counts == null || counts.rows() < m) {
        continue;
      }
      FoundRule rule = null;
      if (counts.greater() < m) {
        rule = order(pair.first(), pair.second(), counts.greater(), counts.equal(), counts.rows(), m);
      } else if (counts.less() < m) {
        rule = order(pair.second(), pair.first(), counts.less(), counts.equal(), counts.rows(), m);
      }
      if (rule == null) {
        continue;
      }
      RuleSpec.Order order = (RuleSpec.Order) rule.rule();
      Facts low = plan.facts(order.low());
      Facts high = plan.facts(order.high());
      boolean byRanges = low.max() != null && high.min() != null
          && (order.strict() ? low.max() < high.min() : low.max() <= high.min());
      if (byRanges) {
        implied[0]++;
      } else {
        found.add(rule);
      }
    }
    return found;
  }

  private static FoundRule order(String low, String high, long above, long equal, long rows, int m) {
    boolean strict = above + equal < m;
    return FoundRule.of(new RuleSpec.Order(low, high, strict), rows, strict ? above + equal : above);
  }

  /** The sums that hold, one per triple of columns (the fewest exceptions when two forms hold). */
  private static List<FoundRule> sums(Plan plan, List<SumCounts> sums, int[] tested) {
    Map<Set<String>, FoundRule> best = new LinkedHashMap<>();
    List<SumCandidate> candidates = plan.sums().kept();
    for (int i = 0; i < candidates.size(); i++) {
      tested[RuleKind.SUM.ordinal()]++;
      SumCounts counts = sums.get(i);
      if (counts.rows() < plan.minCount() || counts.broken() >= plan.minCount()) {
        continue;
      }
      SumCandidate candidate = candidates.get(i);
      FoundRule rule = new FoundRule(candidate.rule(), counts.rows(), counts.broken(), Map.of(),
          candidate.tolerance());
      Set<String> columns = Set.copyOf(candidate.rule().columns());
      FoundRule other = best.get(columns);
      if (other == null || rule.sourceExceptions() < other.sourceExceptions()) {
        best.put(columns, rule);
      }
    }
    return List.copyOf(best.values());
  }

  /**
   * a is null <-> b is null when fewer than m rows have one null; else each one-way a is null -> b is null that
   * holds. Both need m rows with both null and m with both present (not a column null nearly everywhere).
   */
  private static List<FoundRule> nullPatterns(Plan plan, Map<Pair, NullCounts> nulls, int[] tested) {
    int m = plan.minCount();
    List<FoundRule> found = new ArrayList<>();
    for (Pair pair : plan.nullPairs().kept()) {
      NullCounts counts = nulls.get(pair);
      tested[RuleKind.NULL_PATTERN.ordinal()]++;
      if (counts == null) {
        continue;
      }
      long bothPresent = plan.rows() - counts.firstOnly() - counts.secondOnly() - counts.both();
      if (counts.both() < m || bothPresent < m) {
        continue;
      }
      if (counts.firstOnly() + counts.secondOnly() < m) {
        found.add(FoundRule.of(new RuleSpec.NullPattern(pair.first(), pair.second(), true), plan.rows(),
            counts.firstOnly() + counts.secondOnly()));
        continue;
      }
      if (counts.firstOnly() < m) {
        found.add(FoundRule.of(new RuleSpec.NullPattern(pair.first(), pair.second(), false),
            counts.firstOnly() + counts.both(), counts.firstOnly()));
      }
      if (counts.secondOnly() < m) {
        found.add(FoundRule.of(new RuleSpec.NullPattern(pair.second(), pair.first(), false),
            counts.secondOnly() + counts.both(), counts.secondOnly()));
      }
    }
    return found;
  }

  /** A rule with the figure its cap keeps the largest of, and its place in found order. */
  private record Ranked(FoundRule rule, double weight, int order) {
    static List<FoundRule> top(List<Ranked> all, int cap) {
      return all.stream().sorted(Comparator.comparingDouble((Ranked r) -> -r.weight()).thenComparingInt(Ranked::order))
          .limit(cap).sorted(Comparator.comparingInt(Ranked::order)).map(Ranked::rule).toList();
    }
  }
}
