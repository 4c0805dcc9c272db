package io.synthlake.fit;

import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The null patterns fit keeps, as a graph from the columns a pattern reads to its column, and the share of rows
 * generate will make null in each column. Generate draws a column that follows no pattern null on its own, at its
 * source share; a column that follows one is null wherever a column it reads is, and elsewhere on its own at the
 * otherwise fraction (never, when exact). Every column's nulls are so the union of independent own draws: its own
 * and those of every column above it. The share of rows where any of a set of columns is null is 1 - the product
 * of (1 - own share) over their ancestors, each counted once, and the otherwise fraction that keeps a column's
 * source share follows exactly. The source's own union of the columns a pattern reads would not do: generate
 * draws them independently unless patterns link them, whatever their overlap in the source.
 */
final class NullGraph {
  /** Source null share of each column a pattern may name. */
  private final Map<String, Double> shares;
  /** The share of rows by which generate may make a column null more often than the source. */
  private final double slack;
  /** The columns each column's pattern reads, in the order they were added. */
  private final Map<String, List<String>> reads = new LinkedHashMap<>();
  private final Set<String> exact = new HashSet<>();
  /** Whose nulls make whose null in generated rows: a pattern's reads to its column, and back when exact. */
  private final Map<String, Set<String>> implies = new HashMap<>();
  /** Own shares, memoised until an edge above their column is added. */
  private final Map<String, Double> own = new HashMap<>();

  NullGraph(Map<String, Double> shares, double slack) {
    this.shares = Map.copyOf(shares);
    this.slack = slack;
  }

  void add(String when, String column, boolean exactly) {
    reads.computeIfAbsent(column, k -> new ArrayList<>()).add(when);
    if (exactly) {
      exact.add(column);
      implies.computeIfAbsent(column, k -> new HashSet<>()).add(when);
    }
    implies.computeIfAbsent(when, k -> new HashSet<>()).add(column);
    // Only the column and the columns below it read the new edge (and a few more, back along exact patterns).
    reach(column, implies, new HashSet<>()).forEach(own::remove);
  }

  /** The columns whose nulls the column's pattern copies (empty when it follows none). */
  List<String> reads(String column) {
    return reads.getOrDefault(column, List.of());
  }

  boolean isExact(String column) {
    return exact.contains(column);
  }

  /** The column's pattern as rule text, one per column it reads. */
  List<String> texts(String column) {
    return reads(column).stream().map(w -> new RuleSpec.NullPattern(w, column, isExact(column)).text()).toList();
  }

  /** The columns with a pattern, in the order their first determining column was added. */
  Set<String> columns() {
    return reads.keySet();
  }

  /** Whether generate already makes {@code to} null wherever {@code from} is, through the patterns kept. */
  boolean implies(String from, String to) {
    return reach(from, implies, new HashSet<>()).contains(to);
  }

  /** Whether the nulls of {@code when} are computed from those of {@code column}, so it cannot read them. */
  boolean wouldCycle(String when, String column) {
    return reach(when, reads, new HashSet<>()).contains(column);
  }

  double sourceShare(String column) {
    return shares.get(column);
  }

  /** Whether the columns would make {@code column} null in more generated rows than the slack allows. */
  boolean overfills(Collection<String> whens, String column) {
    return anyNull(whens) - sourceShare(column) >= slack;
  }

  /** The share of generated rows where any of the columns is null. */
  double anyNull(Collection<String> columns) {
    Set<String> above = new HashSet<>();
    for (String column : columns) {
      reach(column, reads, above);
    }
    double present = 1;
    for (String column : above) {
      present *= 1 - own(column);
    }
    return 1 - present;
  }

  /**
   * Where none of the columns its pattern reads is null, the share of rows the column is null in: what keeps its
   * source share, or 0 when they alone make it null more often.
   */
  double otherwise(String column) {
    if (exact.contains(column)) {
      return 0;
    }
    double above = anyNull(reads(column));
    return above >= 1 ? 0 : Math.max(0, Math.min(1, (sourceShare(column) - above) / (1 - above)));
  }

  /** The share of rows a column's own draw makes null, whatever the columns above it. */
  private double own(String column) {
    Double known = own.get(column);
    if (known == null) {
      known = reads.containsKey(column) ? otherwise(column) : sourceShare(column);
      own.put(column, known);
    }
    return known;
  }

  /** {@code from} and every column reachable from it along {@code edges}, added to {@code seen}. */
  private static Set<String> reach(String from, Map<String, ? extends Collection<String>> edges, Set<String> seen) {
    if (seen.add(from)) {
      Collection<String> next = edges.get(from);
      if (next != null) {
        next.forEach(column -> reach(column, edges, seen));
      }
    }
    return seen;
  }
}
