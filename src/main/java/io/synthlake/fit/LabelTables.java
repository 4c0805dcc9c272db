package io.synthlake.fit;

import io.synthlake.errors.SynthException;
import io.synthlake.model.Rule;
import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The label tables between categorical columns: a Chow-Liu forest (Chow &amp; Liu 1968), the maximum-weight forest
 * of the pairs' mutual information, where each column has one parent and is drawn from a table of its labels given
 * the parent's. Two kinds of edge enter it:
 * <ul>
 *   <li>rule edges, first: a pair whose contingency counts show an implication (a label with a single partner) or
 *       an exclusion (two labels that never meet where independence would put at least ten times
 *       min-category-count rows); the rule's cells stay 0, so it holds in every generated row;</li>
 *   <li>association edges (with {@code fit.label-tables}): any other pair whose association is significant, by the
 *       G-test (G = 2 n MI, chi-squared with (r-1)(c-1) degrees of freedom) at {@link #EDGE_P_VALUE}.</li>
 * </ul>
 * Within a table, the cells seen fewer than min-category-count times are pooled: their total is spread over the
 * row's small cells in proportion to the child's marginal, so no cell below the threshold is stored and the child
 * keeps its marginal. Rules between columns the forest does not join are noted, not kept.
 */
final class LabelTables {
  private LabelTables() {}

  /**
   * Significance an association edge needs. Strict, because a table of a weak association only adds pooling noise:
   * at Adult's 32,561 rows a 2 x 2 pair needs MI above 0.00037 nats (Cramér's V about 0.027).
   */
  static final double EDGE_P_VALUE = 1e-6;

  private record Edge(int pair, String a, String b, double information, List<String> rules, long exceptions,
      Set<Long> zeroed, boolean declared) {}

  static List<RuleFinder.PendingTable> find(RuleFinder finder, RuleCounts counts, Map<String, RuleSpec> declared,
      RuleChoices choices) {
    RulePlan plan = finder.currentPlan();
    List<RuleFinder.Column> discrete = finder.discrete();
    long m = finder.fit().minCategoryCount();
    List<Edge> edges = new ArrayList<>();
    for (int p = 0; p < plan.pairs().length; p++) {
      RuleFinder.Column a = discrete.get(plan.pairs()[p][0]);
      RuleFinder.Column b = discrete.get(plan.pairs()[p][1]);
      if (!a.labels() || !b.labels() || choices.isDecided(a.name()) || choices.isDecided(b.name())) {
        continue;
      }
      Edge edge = edge(finder, counts, p, a, b, declared, m);
      if (edge != null) {
        edges.add(edge);
      }
    }
    // Declared rules first, then the other rule edges (a rule needs its edge), then the strongest association.
    edges.sort(Comparator.<Edge>comparingInt(e -> e.declared() ? 0 : e.rules().isEmpty() ? 2 : 1)
        .thenComparingDouble(e -> -e.information()));
    Map<String, String> component = new HashMap<>();
    List<Edge> forest = new ArrayList<>();
    for (Edge edge : edges) {
      String ra = root(component, edge.a());
      String rb = root(component, edge.b());
      if (ra.equals(rb)) {
        if (edge.rules().isEmpty()) {
          continue;
        }
        for (String text : edge.rules()) {
          if (declared.containsKey(text)) {
            throw SynthException.config("rule '%s' in fit.rules cannot be held: the label rules already join %s "
                + "and %s through other columns (one parent per column)", text, edge.a(), edge.b());
          }
        }
        finder.notes().table("rules: %d label %s between %s and %s not kept: the two columns are already joined "
            + "through others (%s)", edge.rules().size(), edge.rules().size() == 1 ? "rule" : "rules", edge.a(),
            edge.b(), edge.rules().get(0));
        continue;
      }
      component.put(ra, rb);
      forest.add(edge);
    }
    return orient(finder, counts, forest, choices);
  }

  private static String root(Map<String, String> parent, String node) {
    String current = node;
    while (parent.containsKey(current)) {
      current = parent.get(current);
    }
    return current;
  }

  private static Edge edge(RuleFinder finder, RuleCounts counts, int pair, RuleFinder.Column a,
      RuleFinder.Column b, Map<String, RuleSpec> declared, long m) {
    RulePlan plan = finder.currentPlan();
    long[] table = counts.tables[pair];
    int la = plan.dictionaries().get(plan.pairs()[pair][0]).size();
    int lb = plan.dictionaries().get(plan.pairs()[pair][1]).size();
    int width = lb + 2;
    List<String> labelsA = RuleFinder.labelsOf(a);
    List<String> labelsB = RuleFinder.labelsOf(b);
    long[] rowTotals = new long[la + 2];
    long[] columnTotals = new long[lb + 2];
    long n = 0;
    for (int x = 0; x < la + 2; x++) {
      for (int y = 0; y < lb + 2; y++) {
        long cell = table[x * width + y];
        rowTotals[x] += cell;
        columnTotals[y] += cell;
        n += cell;
      }
    }
    long allowed = finder.allowed();
    List<String> rules = new ArrayList<>();
    Set<Long> zeroed = new HashSet<>();
    long exceptions = 0;
    boolean hasDeclared = false;
    // Implications a = x -> b = y (rows: x among a's labels, b present) and b = y -> a = x (the reverse).
    for (int direction = 0; direction < 2; direction++) {
      int outer = direction == 0 ? la : lb;
      int inner = direction == 0 ? lb : la;
      for (int x = 0; x < outer; x++) {
        long total = 0;
        long best = -1;
        int bestY = -1;
        for (int y = 0; y <= inner; y++) {
          long cell = direction == 0 ? table[x * width + y] : table[y * width + x];
          total += cell;
          if (y < inner && cell > best) {
            best = cell;
            bestY = y;
          }
        }
        if (direction == 1) {
          // Rows whose a is null also break "b = y -> a = x".
          total += table[(la + 1) * width + x];
        }
        String text = direction == 0
            ? new RuleSpec.Implication(a.name(), labelsA.get(x), b.name(), labelsB.get(bestY < 0 ? 0 : bestY)).text()
            : new RuleSpec.Implication(b.name(), labelsB.get(x), a.name(), labelsA.get(bestY < 0 ? 0 : bestY)).text();
        boolean isDeclared = declared.containsKey(text);
        // Significant only where independence would break it in at least ten times m rows: nine soldiers who
        // are all men make no rule, 13,000 husbands who are all men do.
        long partnerRows = direction == 0 ? columnTotals[bestY < 0 ? 0 : bestY] : rowTotals[bestY < 0 ? 0 : bestY];
        double expectedBreaks = total * (1 - (double) partnerRows / Math.max(1, n));
        if (total < m || bestY < 0 || total - best >= allowed || inner < 2 || finder.isDropped(text)
            || (!isDeclared && (!finder.discover()
                || expectedBreaks < RuleFinder.EXCLUSION_EXPECTED_FACTOR * m))) {
          continue;
        }
        hasDeclared |= isDeclared;
        rules.add(text);
        for (int y = 0; y <= inner; y++) {
          if (y != bestY) {
            long cell = direction == 0 ? table[x * width + y] : table[y * width + x];
            // Every other cell is held at 0, an empty one too: the table's pooling must not fill it.
            if (zeroed.add(direction == 0 ? (long) x * width + y : (long) y * width + x)) {
              exceptions += cell;
            }
          }
        }
      }
    }
    List<long[]> exclusions = new ArrayList<>();
    for (int x = 0; x < la; x++) {
      for (int y = 0; y < lb; y++) {
        long cell = table[x * width + y];
        double expected = (double) rowTotals[x] * columnTotals[y] / Math.max(1, n);
        String text = new RuleSpec.Exclusion(a.name(), labelsA.get(x), b.name(), labelsB.get(y)).text();
        String reverse = new RuleSpec.Exclusion(b.name(), labelsB.get(y), a.name(), labelsA.get(x)).text();
        boolean isDeclared = declared.containsKey(text) || declared.containsKey(reverse);
        if (isDeclared) {
          finder.requireHolds(declared.containsKey(text) ? declared.get(text) : declared.get(reverse), cell,
              rowTotals[x]);
        }
        if (zeroed.contains((long) x * width + y) || finder.isDropped(text) || finder.isDropped(reverse)) {
          continue;
        }
        if (isDeclared || (finder.discover() && cell < allowed
            && expected >= RuleFinder.EXCLUSION_EXPECTED_FACTOR * m)) {
          hasDeclared |= isDeclared;
          exclusions.add(new long[] {x, y, Math.round(expected), isDeclared && declared.containsKey(reverse) ? 1 : 0});
        }
      }
    }
    exclusions.sort(Comparator.comparingLong(e -> -e[2]));
    for (long[] e : exclusions) {
      int x = (int) e[0];
      int y = (int) e[1];
      rules.add(e[3] == 1
          ? new RuleSpec.Exclusion(b.name(), labelsB.get(y), a.name(), labelsA.get(x)).text()
          : new RuleSpec.Exclusion(a.name(), labelsA.get(x), b.name(), labelsB.get(y)).text());
      long cell = table[x * width + y];
      if (zeroed.add((long) x * width + y)) {
        exceptions += cell;
      }
    }
    for (RuleSpec spec : declared.values()) {
      if (spec instanceof RuleSpec.Implication implication && !rules.contains(spec.text())
          && spec.columns().containsAll(List.of(a.name(), b.name()))) {
        boolean forward = implication.column().equals(a.name());
        List<String> outerLabels = forward ? labelsA : labelsB;
        List<String> innerLabels = forward ? labelsB : labelsA;
        int x = outerLabels.indexOf(implication.label());
        int then = innerLabels.indexOf(implication.thenLabel());
        long total = 0;
        long kept = 0;
        for (int y = 0; y <= (forward ? lb : la); y++) {
          long cell = forward ? table[x * width + y] : table[y * width + x];
          total += cell;
          kept += y == then ? cell : 0;
        }
        finder.requireHolds(spec, total - kept, total);
        throw SynthException.config("rule '%s' in fit.rules cannot be held: %s has fewer than two labels, or "
            + "the rule was dropped", spec.text(), implication.thenColumn());
      }
    }
    double information = 0;
    for (int x = 0; x < la + 2; x++) {
      for (int y = 0; y < lb + 2; y++) {
        long cell = table[x * width + y];
        if (cell > 0) {
          information += (double) cell / n * Math.log((double) cell * n / ((double) rowTotals[x] * columnTotals[y]));
        }
      }
    }
    if (rules.isEmpty() && !(finder.fit().labelTables() && significant(information, n, rowTotals, columnTotals))) {
      return null;
    }
    return new Edge(pair, a.name(), b.name(), information, rules, exceptions, zeroed, hasDeclared);
  }

  /** The G-test of independence: G = 2 n MI against chi-squared with (r-1)(c-1) degrees of freedom. */
  static boolean significant(double information, long n, long[] rowTotals, long[] columnTotals) {
    long rowsSeen = java.util.Arrays.stream(rowTotals).filter(t -> t > 0).count();
    long columnsSeen = java.util.Arrays.stream(columnTotals).filter(t -> t > 0).count();
    long freedom = (rowsSeen - 1) * (columnsSeen - 1);
    if (freedom <= 0 || n <= 0) {
      return false;
    }
    double g = 2 * n * information;
    return new ChiSquaredDistribution(null, freedom).cumulativeProbability(g) > 1 - EDGE_P_VALUE;
  }

  /**
   * Roots each tree of the forest at its column with the most edges (then the most labels) and makes a table per
   * edge, child given parent; cells below min-category-count and the cells the rules exclude are 0.
   */
  private static List<RuleFinder.PendingTable> orient(RuleFinder finder, RuleCounts counts, List<Edge> forest,
      RuleChoices choices) {
    Map<String, List<Edge>> adjacent = new LinkedHashMap<>();
    for (Edge edge : forest) {
      adjacent.computeIfAbsent(edge.a(), k -> new ArrayList<>()).add(edge);
      adjacent.computeIfAbsent(edge.b(), k -> new ArrayList<>()).add(edge);
    }
    List<String> nodes = new ArrayList<>(adjacent.keySet());
    nodes.sort(Comparator.<String>comparingInt(node -> -adjacent.get(node).size()));
    Set<String> visited = new HashSet<>();
    List<RuleFinder.PendingTable> tables = new ArrayList<>();
    for (String root : nodes) {
      if (visited.contains(root)) {
        continue;
      }
      List<String> queue = new ArrayList<>(List.of(root));
      visited.add(root);
      while (!queue.isEmpty()) {
        String parent = queue.remove(0);
        for (Edge edge : adjacent.get(parent)) {
          String child = edge.a().equals(parent) ? edge.b() : edge.a();
          if (!visited.add(child)) {
            continue;
          }
          queue.add(child);
          RuleFinder.PendingTable table = table(finder, counts, edge, parent, child);
          List<String> decides = edge.rules().isEmpty()
              ? List.of("the label table " + parent + " -> " + child) : edge.rules();
          if (choices.decide(decides, child, List.of(parent))) {
            tables.add(table);
          }
        }
      }
    }
    return tables;
  }

  private static RuleFinder.PendingTable table(RuleFinder finder, RuleCounts counts, Edge edge, String parent,
      String child) {
    RulePlan plan = finder.currentPlan();
    long[] cells = counts.tables[edge.pair()];
    int la = plan.dictionaries().get(plan.pairs()[edge.pair()][0]).size();
    int lb = plan.dictionaries().get(plan.pairs()[edge.pair()][1]).size();
    int width = lb + 2;
    List<RuleFinder.Column> discrete = finder.discrete();
    List<String> labelsA = RuleFinder.labelsOf(discrete.get(plan.pairs()[edge.pair()][0]));
    List<String> labelsB = RuleFinder.labelsOf(discrete.get(plan.pairs()[edge.pair()][1]));
    boolean parentIsA = edge.a().equals(parent);
    long m = finder.fit().minCategoryCount();
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    Map<String, Long> otherwise = new LinkedHashMap<>();
    Map<String, Set<String>> ruledOut = new HashMap<>();
    Set<String> otherwiseRuledOut = new HashSet<>();
    Map<String, Long> pooled = new HashMap<>();
    long otherwisePooled = 0;
    int parentSize = parentIsA ? la : lb;
    int childSize = parentIsA ? lb : la;
    for (int x = 0; x < parentSize + 2; x++) {
      Map<String, Long> row = x < parentSize ? new LinkedHashMap<>() : otherwise;
      Set<String> forbidden = x < parentSize ? new HashSet<>() : otherwiseRuledOut;
      long pool = 0;
      for (int y = 0; y <= childSize; y++) {
        int ia = parentIsA ? x : y;
        int ib = parentIsA ? y : x;
        long cell = cells[ia * width + ib];
        // Every cell a rule excludes, the other buckets' included (a rule can exclude a made-up label too).
        boolean ruled = edge.zeroed().contains((long) ia * width + ib);
        String label = y < childSize ? (parentIsA ? labelsB : labelsA).get(y) : null;
        long kept = cell < m || ruled ? 0 : cell;
        row.merge(label, kept, Long::sum);
        pool += ruled ? 0 : cell - kept;
        if (ruled) {
          forbidden.add(label);
        }
      }
      if (x < parentSize) {
        rows.put((parentIsA ? labelsA : labelsB).get(x), row);
        ruledOut.put((parentIsA ? labelsA : labelsB).get(x), forbidden);
        pooled.put((parentIsA ? labelsA : labelsB).get(x), pool);
      } else {
        otherwisePooled += pool;
      }
    }
    return new RuleFinder.PendingTable(parent, child, rows, otherwise, ruledOut, otherwiseRuledOut, pooled,
        otherwisePooled, edge.rules(), edge.exceptions(), edge.information(),
        edge.declared() ? Rule.Origin.DECLARED : Rule.Origin.DISCOVERED);
  }
}
