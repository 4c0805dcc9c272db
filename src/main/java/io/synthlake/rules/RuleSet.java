package io.synthlake.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Structural checks of a list of rules, before any data is read: rules that can all hold at once, and an order in
 * which generate can decide columns so that every rule holds by construction.
 *
 * <p>A column's values are decided by at most one rule of the value kinds: the target of a dependency, the total
 * of a sum, or the high side of orders (several orders may share one, the high then being at least every low).
 * The "decides" graph has an edge from each column such a rule reads to the column it decides; it must have no
 * cycle, but for a one-to-one pair {@code a -> b} and {@code b -> a}, which only says the map is a bijection (it
 * is ordered as written first). Null patterns, implications and exclusions decide no values and are not in the
 * graph.
 */
public final class RuleSet {
  private RuleSet() {}

  /** Rules that cannot all hold, or that form a cycle; the message names them. */
  public static final class RuleSetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    RuleSetException(String message) {
      super(message);
    }
  }

  /** An edge of the decides graph: the rule that reads {@code from} to decide {@code to}. */
  private record Edge(String from, String to, RuleSpec rule) {}

  /**
   * The rules without repeats, when they can hold together and form no cycle; else a {@link RuleSetException}.
   * A rule given twice is kept once, as is an exclusion given from both sides; {@code a is null -> b is null}
   * with {@code b is null -> a is null} (or with {@code a is null <-> b is null}) becomes that one {@code <->}
   * rule, at the place of the first.
   */
  public static List<RuleSpec> check(List<RuleSpec> rules) {
    List<RuleSpec> merged = merge(rules);
    Map<String, RuleSpec> deciders = new LinkedHashMap<>();
    for (RuleSpec rule : merged) {
      decided(rule).ifPresent(column -> {
        RuleSpec earlier = deciders.putIfAbsent(column, rule);
        if (earlier != null && !(earlier instanceof RuleSpec.Order && rule instanceof RuleSpec.Order)) {
          throw new RuleSetException("rules '" + earlier.text() + "' and '" + rule.text() + "' both decide column "
              + RuleSpec.name(column) + ": keep one");
        }
      });
    }
    contradiction(merged);
    cycle(merged).ifPresent(cycle -> {
      throw cycleError(cycle);
    });
    return merged;
  }

  /**
   * A cycle of the decides graph, as its rules in order from the one listed first; empty when there is none.
   * Fit asks this of a discovered candidate together with the rules it keeps.
   */
  public static Optional<List<RuleSpec>> cycle(List<RuleSpec> rules) {
    Map<String, List<Edge>> graph = graph(rules);
    Map<String, Boolean> onPath = new LinkedHashMap<>();
    List<Edge> path = new ArrayList<>();
    for (String column : graph.keySet()) {
      Optional<List<Edge>> cycle = visit(column, graph, onPath, path);
      if (cycle.isPresent()) {
        List<RuleSpec> cycleRules = cycle.get().stream().map(Edge::rule).toList();
        int first = 0;
        for (int i = 1; i < cycleRules.size(); i++) {
          if (rules.indexOf(cycleRules.get(i)) < rules.indexOf(cycleRules.get(first))) {
            first = i;
          }
        }
        List<RuleSpec> rotated = new ArrayList<>(cycleRules.subList(first, cycleRules.size()));
        rotated.addAll(cycleRules.subList(0, first));
        return Optional.of(rotated);
      }
    }
    return Optional.empty();
  }

  /**
   * Every column the rules name, each after the columns its values are decided from, otherwise in the order the
   * rules name them; a {@link RuleSetException} when the rules form a cycle.
   */
  public static List<String> order(List<RuleSpec> rules) {
    Map<String, List<Edge>> graph = graph(rules);
    Map<String, Integer> incoming = new LinkedHashMap<>();
    graph.keySet().forEach(column -> incoming.put(column, 0));
    graph.values().forEach(edges -> edges.forEach(edge -> incoming.merge(edge.to(), 1, Integer::sum)));
    List<String> order = new ArrayList<>();
    while (!incoming.isEmpty()) {
      String ready = incoming.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
          .findFirst().orElseThrow(() -> cycleError(cycle(rules).orElseThrow()));
      incoming.remove(ready);
      graph.get(ready).forEach(edge -> incoming.merge(edge.to(), -1, Integer::sum));
      order.add(ready);
    }
    return order;
  }

  private static RuleSetException cycleError(List<RuleSpec> cycle) {
    return new RuleSetException("rules form a cycle: " + cycle.stream().map(RuleSpec::text)
        .collect(Collectors.joining(", ")));
  }

  /** Depth first from {@code column}; the edges of the first cycle found. */
  private static Optional<List<Edge>> visit(String column, Map<String, List<Edge>> graph,
      Map<String, Boolean> onPath, List<Edge> path) {
    Boolean state = onPath.get(column);
    if (state != null) {
      if (!state) {
        return Optional.empty();
      }
      int start = 0;
      while (!path.get(start).from().equals(column)) {
        start++;
      }
      return Optional.of(List.copyOf(path.subList(start, path.size())));
    }
    onPath.put(column, true);
    for (Edge edge : graph.get(column)) {
      path.add(edge);
      Optional<List<Edge>> cycle = visit(edge.to(), graph, onPath, path);
      path.remove(path.size() - 1);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    onPath.put(column, false);
    return Optional.empty();
  }

  /** Every column the rules name, in order, with the edges out of it; the reverse of a one-to-one pair left out. */
  private static Map<String, List<Edge>> graph(List<RuleSpec> rules) {
    Map<String, List<Edge>> graph = new LinkedHashMap<>();
    Set<RuleSpec> seen = new HashSet<>();
    for (RuleSpec rule : rules) {
      rule.columns().forEach(column -> graph.computeIfAbsent(column, c -> new ArrayList<>()));
      if (rule instanceof RuleSpec.Dependency dependency
          && seen.contains(new RuleSpec.Dependency(dependency.to(), dependency.from()))) {
        continue;
      }
      seen.add(rule);
      if (decided(rule).isPresent()) {
        for (String column : rule.columns()) {
          if (!column.equals(rule.constrained())) {
            graph.get(column).add(new Edge(column, rule.constrained(), rule));
          }
        }
      }
    }
    return graph;
  }

  /** The column whose values a rule of the value kinds decides. */
  private static Optional<String> decided(RuleSpec rule) {
    boolean values = rule instanceof RuleSpec.Dependency || rule instanceof RuleSpec.Order
        || rule instanceof RuleSpec.Sum;
    return values ? Optional.of(rule.constrained()) : Optional.empty();
  }

  /** Repeats dropped, two one-way null patterns of a pair merged into one exact one. */
  private static List<RuleSpec> merge(List<RuleSpec> rules) {
    Map<Object, RuleSpec> kept = new LinkedHashMap<>();
    for (RuleSpec rule : rules) {
      kept.merge(sameAs(rule), rule, (earlier, later) -> {
        if (earlier instanceof RuleSpec.NullPattern first && later instanceof RuleSpec.NullPattern second) {
          boolean exactly = first.exactly() || second.exactly() || !first.when().equals(second.when());
          return new RuleSpec.NullPattern(first.when(), first.column(), exactly);
        }
        return earlier;
      });
    }
    return List.copyOf(kept.values());
  }

  /** What a rule says, whichever way it is written: null patterns and exclusions read both ways. */
  private static Object sameAs(RuleSpec rule) {
    if (rule instanceof RuleSpec.NullPattern pattern) {
      return List.of(RuleSpec.NullPattern.class, Set.of(pattern.when(), pattern.column()));
    }
    if (rule instanceof RuleSpec.Exclusion exclusion) {
      return List.of(RuleSpec.Exclusion.class, Set.of(List.of(exclusion.column(), exclusion.label()),
          List.of(exclusion.thenColumn(), exclusion.thenLabel())));
    }
    return rule;
  }

  /** Implications that no row with their label could obey together: to two labels, or to one also excluded. */
  private static void contradiction(List<RuleSpec> rules) {
    for (RuleSpec rule : rules) {
      if (!(rule instanceof RuleSpec.Implication implication)) {
        continue;
      }
      for (RuleSpec other : rules) {
        boolean contradicts;
        if (other instanceof RuleSpec.Implication then) {
          contradicts = then.column().equals(implication.column()) && then.label().equals(implication.label())
              && then.thenColumn().equals(implication.thenColumn())
              && !then.thenLabel().equals(implication.thenLabel());
        } else {
          contradicts = sameAs(other).equals(sameAs(new RuleSpec.Exclusion(implication.column(),
              implication.label(), implication.thenColumn(), implication.thenLabel())));
        }
        if (contradicts) {
          throw new RuleSetException("rules '" + implication.text() + "' and '" + other.text()
              + "' contradict each other: no row could have " + RuleSpec.name(implication.column()) + " = "
              + RuleSpec.label(implication.label()));
        }
      }
    }
  }
}
