package io.synthlake.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a model's rules must pass to be generated: every column they name exists, each column's values are
 * decided by at most one rule and its nulls by at most one null pattern (which may read several columns), and no
 * column's value (or null) depends on itself through the columns its rules (or null patterns) read: generate draws
 * every null first, then computes each value after the values it reads.
 */
final class RuleGraph {
  private RuleGraph() {}

  static void check(List<Rule> rules, Set<String> columns) {
    Map<String, Rule> values = new HashMap<>();
    Map<String, Rule> nulls = new HashMap<>();
    Map<String, List<String>> reads = new HashMap<>();
    Map<String, List<String>> nullReads = new HashMap<>();
    for (Rule rule : rules) {
      List<String> named = new ArrayList<>(rule.reads());
      named.add(rule.column());
      for (String column : named) {
        Checks.require(columns.contains(column), "rule %s names column '%s', which is not a model column",
            String.join(", ", rule.holds()), column);
      }
      Map<String, Rule> decided = rule instanceof NullPatternRule ? nulls : values;
      Rule earlier = decided.put(rule.column(), rule);
      Checks.require(earlier == null, "rules %s and %s both decide column '%s'", String.join(", ", earlier == null
          ? List.of() : earlier.holds()), String.join(", ", rule.holds()), rule.column());
      (rule instanceof NullPatternRule ? nullReads : reads).computeIfAbsent(rule.column(), k -> new ArrayList<>())
          .addAll(rule.reads());
    }
    // Generate draws every column's nulls first, then the values: each graph needs an order of its own.
    for (Map<String, List<String>> graph : List.of(reads, nullReads)) {
      Map<String, Integer> state = new HashMap<>();
      for (String column : graph.keySet()) {
        List<String> path = new ArrayList<>();
        Checks.require(!cycle(column, graph, state, path), "the rules form a cycle through columns %s",
            String.join(" -> ", path));
      }
    }
  }

  /** Depth-first search; state 1 is on the path, 2 is done. On a cycle, path holds it. */
  private static boolean cycle(String column, Map<String, List<String>> reads, Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(column);
    if (seen != null) {
      if (seen == 1) {
        path.add(column);
        return true;
      }
      return false;
    }
    state.put(column, 1);
    path.add(column);
    for (String read : reads.getOrDefault(column, List.of())) {
      if (cycle(read, reads, state, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    state.put(column, 2);
    return false;
  }
}
