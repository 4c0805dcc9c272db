package io.synthlake.fit;

import io.synthlake.model.NullPatternRule;
import io.synthlake.model.Rule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns' nulls join the copula: a copula column with at least {@code min-category-count} nulls and as many
 * values, whose nulls no null pattern copies from other columns. Each gets a presence dimension after the values
 * ({@link UniformScorer.Presence}), so the copula pass measures how its nulls go with every other column, and
 * generate puts them where those columns make them likely instead of at random: in a table of cities, police
 * figures that only large departments report stay in large cities.
 *
 * <p>A column's value is scored only where it is present, so it says nothing about its own presence: their
 * correlation is 0 by construction, as is its correlation with the presences its null pattern copies
 * ({@link CopulaPlan#nullsDecidedBy()}).
 */
public final class PresencePlan {
  /**
   * The share of rows a column's nulls and its values must each reach: rarer nulls move few rows wherever they
   * fall, and the latent correlation of a rare binary rests on a handful of rows (a tetrachoric estimate with a
   * near-empty cell runs to ±1).
   */
  static final double MIN_SHARE = 0.01;

  private PresencePlan() {}

  /** Per column with a null pattern among the rules, the columns whose nulls it copies. */
  public static Map<String, List<String>> nullReads(List<Rule> rules) {
    Map<String, List<String>> reads = new HashMap<>();
    for (Rule rule : rules) {
      if (rule instanceof NullPatternRule pattern) {
        reads.put(pattern.column(), pattern.when());
      }
    }
    return reads;
  }

  /**
   * The plan with presence dimensions added.
   *
   * @param nullCounts per column name, its null count over the {@code rows} the copula pass reads
   * @param nullReads per column with a null pattern, the columns whose nulls it copies
   */
  public static CopulaPlan extend(CopulaPlan plan, Map<String, Long> nullCounts, long rows, int minCount,
      Map<String, List<String>> nullReads) {
    List<Integer> chosen = new ArrayList<>();
    for (int p = 0; p < plan.size(); p++) {
      String name = plan.names().get(p);
      long nulls = nullCounts.getOrDefault(name, 0L);
      double least = Math.max(Math.max(1, minCount), MIN_SHARE * rows);
      if (!plan.isPresence(p) && !nullReads.containsKey(name) && nulls >= least && rows - nulls >= least) {
        chosen.add(p);
      }
    }
    if (chosen.isEmpty()) {
      return plan;
    }
    int m = chosen.size();
    List<Integer> columns = new ArrayList<>(plan.columns());
    List<String> names = new ArrayList<>(plan.names());
    List<UniformScorer> scorers = new ArrayList<>();
    plan.scorers().forEach(scorer -> scorers.add(scorer.shifted(m)));
    double[] epsilon = Arrays.copyOf(plan.epsilon(), plan.size() + m);
    Map<String, Integer> presenceOf = new HashMap<>();
    for (int p : chosen) {
      String name = plan.names().get(p);
      presenceOf.put(name, columns.size());
      columns.add(plan.columns().get(p));
      names.add(name);
      scorers.add(new UniformScorer.Presence((double) nullCounts.get(name) / rows));
      epsilon[columns.size() - 1] = Math.max(1e-12, 0.5 / Math.max(1, rows));
    }
    List<List<Integer>> decidedBy = new ArrayList<>();
    for (int p = 0; p < columns.size(); p++) {
      decidedBy.add(p >= plan.size() ? List.of() : deciders(names.get(p), presenceOf, nullReads));
    }
    return new CopulaPlan(columns, names, scorers, epsilon, plan.extra(), decidedBy);
  }

  /** The presence positions of the column and of every column whose nulls its null patterns copy. */
  private static List<Integer> deciders(String column, Map<String, Integer> presenceOf,
      Map<String, List<String>> nullReads) {
    List<Integer> positions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(column));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!seen.add(name)) {
        continue;
      }
      Integer position = presenceOf.get(name);
      if (position != null) {
        positions.add(position);
      }
      pending.addAll(nullReads.getOrDefault(name, List.of()));
    }
    return positions;
  }
}
