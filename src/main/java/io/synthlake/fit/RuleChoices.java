package io.synthlake.fit;

import io.synthlake.model.Rule;
import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules fit keeps, as they are chosen: each column's values are decided by at most one rule and its nulls by
 * at most one null pattern (exact from one column, or one-way from any number), and no column may come to depend
 * on itself through what the rules read (generate computes a column after the ones its rules read). Remembers why
 * a rule was not kept, for the notes and for a declared rule's error.
 */
final class RuleChoices {
  private final FitNotes notes;
  private final Map<String, String> values = new HashMap<>();
  /** What each column's value is computed from (its nulls are drawn first, in a graph of their own). */
  private final Map<String, Set<String>> reads = new HashMap<>();
  private final Set<String> kept = new HashSet<>();
  private final Map<String, String> why = new HashMap<>();
  /** Discovered rules not kept, by reason, summarised in one note each ({@link #noteRefusals}). */
  private final Map<String, List<String>> refused = new java.util.LinkedHashMap<>();
  /** Null patterns kept without a rule of their own: the patterns kept already make them hold. */
  private final List<String> heldThrough = new ArrayList<>();

  RuleChoices(FitNotes notes) {
    this.notes = notes;
  }

  boolean decide(Rule rule, String column, List<String> from) {
    return decide(rule.holds(), column, from);
  }

  /** Keeps rules that decide a column's values from others, unless another rule decides it or a cycle forms. */
  boolean decide(List<String> texts, String column, List<String> from) {
    String text = String.join(", ", texts);
    if (values.containsKey(column)) {
      return refuse(texts, "column " + column + " is already decided by " + values.get(column));
    }
    if (wouldCycle(column, from)) {
      return refuse(texts, "it would make the rules circular");
    }
    values.put(column, text);
    link(column, from);
    kept.addAll(texts);
    return true;
  }

  /**
   * Keeps a null pattern in {@code graph}, one-way as a further determining column of its column's pattern, unless
   * the column's nulls follow an exact pattern, a cycle forms, or (for a discovered rule) the columns it would then
   * copy would make it null in more rows than in the source. A rule the patterns kept already hold is kept without
   * an edge of its own.
   */
  boolean decideNulls(RuleSpec.NullPattern rule, boolean declared, NullGraph graph) {
    String text = rule.text();
    String when = rule.when();
    String column = rule.column();
    if (graph.implies(when, column) && (!rule.exactly() || graph.implies(column, when))) {
      if (!declared) {
        heldThrough.add(text);
      }
      kept.add(text);
      return true;
    }
    if (graph.isExact(column) || (rule.exactly() && !graph.reads(column).isEmpty())) {
      return refuse(List.of(text), "the nulls of " + column + " already follow " + String.join(", ",
          graph.texts(column)));
    }
    if (graph.wouldCycle(when, column)) {
      return refuse(List.of(text), "it would make the null patterns circular");
    }
    if (!declared && !rule.exactly() && !graph.reads(column).isEmpty()) {
      List<String> whens = new ArrayList<>(graph.reads(column));
      whens.add(when);
      if (graph.overfills(whens, column)) {
        return refuse(List.of(text), "the column would be null in more rows than in the source", String.format(
            Locale.ROOT, "%s would be null in %.2f%% of generated rows, %.2f%% in the source", column,
            100 * graph.anyNull(whens), 100 * graph.sourceShare(column)));
      }
    }
    graph.add(when, column, rule.exactly());
    kept.add(text);
    return true;
  }

  boolean isDecided(String column) {
    return values.containsKey(column);
  }

  /** Whether a column reading {@code from} would depend on itself. */
  boolean wouldCycle(String column, List<String> from) {
    return cycles(reads, column, from);
  }

  private static boolean cycles(Map<String, Set<String>> reads, String column, List<String> from) {
    for (String start : from) {
      if (start.equals(column) || reaches(reads, start, column, new HashSet<>())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code from} reads {@code target}, directly or through other columns. */
  private static boolean reaches(Map<String, Set<String>> reads, String from, String target, Set<String> seen) {
    if (!seen.add(from)) {
      return false;
    }
    for (String read : reads.getOrDefault(from, Set.of())) {
      if (read.equals(target) || reaches(reads, read, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private void link(String column, List<String> from) {
    reads.computeIfAbsent(column, k -> new HashSet<>()).addAll(from);
  }

  private boolean refuse(List<String> texts, String reason) {
    String kind = reason.startsWith("the nulls of") ? "the column's nulls already follow another null pattern"
        : reason.startsWith("column ") ? "the column is already decided by another rule" : reason;
    return refuse(texts, kind, reason);
  }

  private boolean refuse(List<String> texts, String kind, String reason) {
    for (String text : texts) {
      why.put(text, reason);
    }
    refused.computeIfAbsent(kind, k -> new ArrayList<>()).add(String.join(", ", texts) + " (" + reason + ")");
    return false;
  }

  /** One note per reason a discovered rule was not kept: how many, and the first one; and the rules held through. */
  void noteRefusals() {
    if (!heldThrough.isEmpty()) {
      notes.table("rules: %d found null patterns hold through the others kept, such as %s", heldThrough.size(),
          heldThrough.get(0));
    }
    for (Map.Entry<String, List<String>> entry : refused.entrySet()) {
      List<String> rules = entry.getValue();
      if (rules.size() == 1) {
        notes.table("rules: %s not kept", rules.get(0));
      } else {
        notes.table("rules: %d found rules not kept because %s, such as %s", rules.size(), entry.getKey(),
            rules.get(0));
      }
    }
  }

  boolean kept(String text) {
    return kept.contains(text);
  }

  String why(String text) {
    return why.getOrDefault(text, "it is not a rule fit can hold");
  }

  /** Marks label rules kept by a table (the table, not each rule, decides its child). */
  void keepAll(List<String> texts) {
    kept.addAll(texts);
  }

  List<String> keptTexts() {
    return new ArrayList<>(kept);
  }
}
