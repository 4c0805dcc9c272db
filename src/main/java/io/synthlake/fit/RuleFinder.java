package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.DependencyRule;
import io.synthlake.model.Marginal;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.Rule;
import io.synthlake.model.SumRule;
import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule discovery in fit, free of Spark: plans what the rules pass counts (from the marginals the profile and refine
 * passes built), then turns the counts into rules. A candidate becomes a rule when it has the support of at least
 * min-category-count rows and the rows that break it are fewer than max(min-category-count, rule-tolerance x rows):
 * such exceptions could not be stored anyway, and generate overrules them. Declared rules skip the candidate
 * filters but must hold in the same sense, or the fit stops with how many rows break them.
 *
 * <p>Bounds: the label tables hold at most {@link #CELL_BUDGET} cells (smallest pairs first), orders and sums are
 * capped ({@link #orderCap} and {@link #MAX_SUMS} candidates) after filters on the marginals (an order needs
 * each quantile of the low at most the high's a little further up; a sum needs the means to add up), and null
 * patterns compare at most {@link #MAX_NULLABLE} columns.
 */
public final class RuleFinder {
  /** Contingency cells the rules pass may hold: 8 bytes each, so 16 MB per task at most. */
  public static final long CELL_BUDGET = 2_000_000;
  /**
   * Order candidates counted on any table; beyond them, as many as {@link #ORDER_WORK} candidate-row checks allow
   * (3.5 to 7 ns each, docs/QUALITY.md): what 5,000 candidates cost on 20 M rows. A table of up to 11 M rows counts
   * every candidate of 147 columns (8,727 on communities_crime).
   */
  static final int MIN_ORDERS = 5_000;
  static final double ORDER_WORK = 1e11;
  /** Order candidates counted on any table: 24 bytes of counts each per task, so 1.2 MB at most. */
  static final int MAX_ORDERS = 50_000;
  static final int MAX_SUMS = 2_000;
  static final int MAX_NULLABLE = 200;
  /**
   * A label rule (an implication, or an exclusion: no row has both labels) is found only where independence would
   * break it in at least this many times min-category-count rows, so chance patterns of small labels are not rules.
   */
  static final double EXCLUSION_EXPECTED_FACTOR = 10;
  /** Label rules listed per table in the model (the table holds them all). */
  static final int MAX_LISTED = 24;
  private static final double[] DOMINANCE_GRID = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};
  private static final double DOMINANCE_SLACK = 0.02;
  /** A column null in at least this share of rows has a marginal too far from the rows it shares with another. */
  private static final double SPARSE_NULL_SHARE = 0.05;

  /** A modelled column as discovery sees it, after the profile and refine passes. */
  public record Column(int index, ColumnSpec spec, ColumnKind kind, long nonNull, Marginal marginal, double mean) {
    String name() {
      return spec.name();
    }

    boolean labels() {
      return marginal instanceof CategoricalMarginal m && !m.categories().isEmpty();
    }

    boolean atoms() {
      return marginal instanceof NumericMarginal m && m.continuous() == null && m.atoms().size() >= 2;
    }

    boolean ordered() {
      return (kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER || kind == ColumnKind.DATE
          || kind == ColumnKind.TIMESTAMP) && marginal instanceof NumericMarginal m
          && (!m.atoms().isEmpty() || m.continuous() != null);
    }

    /** Dates with dates, timestamps with timestamps, numbers with numbers. */
    String unit() {
      return kind == ColumnKind.DATE || kind == ColumnKind.TIMESTAMP ? kind.name() : "NUMBER";
    }
  }

  /**
   * A label table found between two columns, before it is laid out in the child's final label order: per parent
   * label (and for a null or folded parent) the child's counts of at least min-category-count (smaller cells are 0
   * and their total is the row's pooled count), and the child labels its rules exclude there (null for the other
   * bucket), which stay excluded even where too few rows make the row fall back to the marginal.
   */
  public record PendingTable(String parent, String child, Map<String, Map<String, Long>> counts,
      Map<String, Long> otherwise, Map<String, Set<String>> ruledOut, Set<String> otherwiseRuledOut,
      Map<String, Long> pooled, long otherwisePooled, List<String> holds, long exceptions, double information,
      Rule.Origin origin) {}

  /** An order found: the high column, its lows, and whether every one is strict. */
  public record PendingOrder(String high, List<String> lows, Set<String> strictLows, long exceptions,
      Rule.Origin origin) {}

  /** The rules found, by kind; dependencies, sums and null patterns are final, tables and orders need more fit. */
  public record Found(List<DependencyRule> dependencies, List<PendingTable> tables, List<PendingOrder> orders,
      List<SumRule> sums, List<NullPatternRule> nullPatterns, List<LabelMarginalFinder.Choice> labelMarginals) {
    public boolean isEmpty() {
      return dependencies.isEmpty() && tables.isEmpty() && orders.isEmpty() && sums.isEmpty()
          && nullPatterns.isEmpty();
    }
  }

  private final List<Column> columns;
  private final Map<String, Column> byName = new LinkedHashMap<>();
  private final long rows;
  private final FitConfig fit;
  private final FitNotes notes;
  private final List<RuleSpec> declared;
  private final Set<String> dropped;
  private final boolean discover;
  private RulePlan plan;
  private final List<Column> discrete = new ArrayList<>();
  private final List<Column> nullable = new ArrayList<>();

  public RuleFinder(List<Column> columns, long rows, FitConfig fit, List<RuleSpec> declared, Set<String> dropped,
      boolean discover, FitNotes notes) {
    this.columns = List.copyOf(columns);
    columns.forEach(c -> byName.put(c.name(), c));
    this.rows = rows;
    this.fit = fit;
    this.notes = notes;
    this.declared = List.copyOf(declared);
    this.dropped = Set.copyOf(dropped);
    this.discover = discover;
  }

  /** Rows a rule may break: fewer than this. */
  long allowed() {
    return Math.max(fit.minCategoryCount(), (long) Math.ceil(fit.ruleTolerance() * rows));
  }

  /** Checks the declared rules against the columns and plans the pass; an empty plan needs no pass. */
  public RulePlan plan() {
    for (RuleSpec rule : declared) {
      checkDeclared(rule);
    }
    Set<String> declaredPairs = new HashSet<>();
    Set<String> declaredOrders = new HashSet<>();
    Set<String> declaredNulls = new HashSet<>();
    List<String[]> declaredSums = new ArrayList<>();
    for (RuleSpec rule : declared) {
      if (rule instanceof RuleSpec.Order o) {
        declaredOrders.add(o.low() + "\u0000" + o.high());
      } else if (rule instanceof RuleSpec.Sum s) {
        declaredSums.add(new String[] {s.total(), s.left(), s.right(), s.minus() ? "-" : "+"});
      } else if (rule instanceof RuleSpec.NullPattern n) {
        declaredNulls.add(n.when());
        declaredNulls.add(n.column());
      } else {
        declaredPairs.add(pairKey(rule.columns().get(0), rule.columns().get(1)));
      }
    }
    List<Map<Object, Integer>> dictionaries = new ArrayList<>();
    for (Column column : columns) {
      if (column.labels() || column.atoms()) {
        discrete.add(column);
        dictionaries.add(dictionary(column));
      }
    }
    List<int[]> pairs = new ArrayList<>();
    for (int a = 0; a < discrete.size(); a++) {
      for (int b = a + 1; b < discrete.size(); b++) {
        boolean wanted = declaredPairs.contains(pairKey(discrete.get(a).name(), discrete.get(b).name()));
        boolean structure = fit.labelTables() && discrete.get(a).labels() && discrete.get(b).labels();
        if (wanted || discover || structure) {
          pairs.add(new int[] {a, b});
        }
      }
    }
    pairs.sort(Comparator.<int[]>comparingInt(p -> declaredPairs.contains(pairKey(discrete.get(p[0]).name(),
        discrete.get(p[1]).name())) ? 0 : 1).thenComparingLong(p -> cells(dictionaries, p)));
    List<int[]> kept = new ArrayList<>();
    long cells = 0;
    for (int[] pair : pairs) {
      long more = cells(dictionaries, pair);
      if (cells + more > CELL_BUDGET) {
        continue;
      }
      cells += more;
      kept.add(pair);
    }
    if (kept.size() < pairs.size()) {
      notes.table("rules: %d of %d label pairs counted, within the pass's budget of %d cells", kept.size(),
          pairs.size(), CELL_BUDGET);
    }
    List<int[]> orders = orderCandidates(declaredOrders);
    List<int[]> sums = new ArrayList<>();
    List<Double> tolerances = new ArrayList<>();
    sumCandidates(declaredSums, sums, tolerances);
    for (Column column : columns) {
      boolean hasNulls = rows - column.nonNull() >= fit.minCategoryCount() && column.nonNull() > 0;
      if ((discover && hasNulls) || declaredNulls.contains(column.name())) {
        nullable.add(column);
      }
    }
    nullable.sort(Comparator.comparingLong(Column::nonNull));
    if (nullable.size() > MAX_NULLABLE) {
      notes.table("rules: null patterns compared among the %d columns with the most nulls of %d", MAX_NULLABLE,
          nullable.size());
      nullable.subList(MAX_NULLABLE, nullable.size()).clear();
    }
    LabelMarginalFinder.Grouping grouping = LabelMarginalFinder.grouping(columns, discrete, dictionaries, fit, notes);
    plan = new RulePlan(discrete.stream().mapToInt(Column::index).toArray(), dictionaries,
        kept.toArray(new int[0][]), orders.toArray(new int[0][]), sums.toArray(new int[0][]),
        tolerances.stream().mapToDouble(Double::doubleValue).toArray(),
        nullable.stream().mapToInt(Column::index).toArray(), grouping.grouped(), grouping.shift(),
        grouping.groupBy());
    notes.table("rules: %d label pairs, %d order, %d sum and %d null-pattern candidates tested", kept.size(),
        orders.size(), sums.size(), nullable.size() * (nullable.size() - 1) / 2);
    return plan;
  }

  private static long cells(List<Map<Object, Integer>> dictionaries, int[] pair) {
    return (long) (dictionaries.get(pair[0]).size() + 2) * (dictionaries.get(pair[1]).size() + 2);
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
  }

  private static Map<Object, Integer> dictionary(Column column) {
    Map<Object, Integer> dictionary = new HashMap<>();
    if (column.marginal() instanceof CategoricalMarginal m) {
      for (int i = 0; i < m.categories().size(); i++) {
        dictionary.put(m.categories().get(i).value(), i);
      }
    } else {
      NumericMarginal m = (NumericMarginal) column.marginal();
      for (int i = 0; i < m.atoms().size(); i++) {
        dictionary.put(m.atoms().get(i).value(), i);
      }
    }
    return dictionary;
  }

  private List<int[]> orderCandidates(Set<String> declaredOrders) {
    List<int[]> candidates = new ArrayList<>();
    int implied = 0;
    List<Column> numeric = columns.stream().filter(Column::ordered).toList();
    Map<String, NumericDistribution> distributions = new HashMap<>();
    numeric.forEach(c -> distributions.put(c.name(), NumericDistribution.of((NumericMarginal) c.marginal())));
    for (Column low : numeric) {
      for (Column high : numeric) {
        if (low == high) {
          continue;
        }
        boolean wanted = declaredOrders.contains(low.name() + "\u0000" + high.name());
        if (!wanted) {
          if (!discover || !low.unit().equals(high.unit())) {
            continue;
          }
          NumericDistribution a = distributions.get(low.name());
          NumericDistribution b = distributions.get(high.name());
          if (a.highest() <= b.lowest()) {
            implied++;
            continue;
          }
          // Marginals over different rows (a column null in many rows) say little about the rows where both are
          // present: such pairs skip the quantile test and are counted after those that pass it.
          boolean sparse = nullShare(low) >= SPARSE_NULL_SHARE || nullShare(high) >= SPARSE_NULL_SHARE;
          if (!sparse && !dominated(a, b)) {
            continue;
          }
          candidates.add(new int[] {low.index(), high.index(), sparse ? 2 : 1});
          continue;
        }
        candidates.add(new int[] {low.index(), high.index(), 0});
      }
    }
    if (implied > 0) {
      notes.table("rules: %d orders between columns hold by their ranges alone (every low below every high): "
          + "generate keeps them without a rule", implied);
    }
    candidates.sort(Comparator.comparingInt(c -> c[2]));
    int cap = orderCap(rows);
    if (candidates.size() > cap) {
      notes.table("rules: %d of %d order candidates counted", cap, candidates.size());
      candidates = new ArrayList<>(candidates.subList(0, cap));
    }
    return candidates.stream().map(c -> new int[] {c[0], c[1]}).toList();
  }

  /** How many order candidates a table of this many rows counts. */
  static int orderCap(long rows) {
    return (int) Math.max(MIN_ORDERS, Math.min(MAX_ORDERS, ORDER_WORK / Math.max(1, rows)));
  }

  private double nullShare(Column column) {
    return (double) (rows - column.nonNull()) / rows;
  }

  /** Whether each quantile of a is at most b's a little further up: necessary for a <= b in (nearly) every row. */
  private static boolean dominated(NumericDistribution a, NumericDistribution b) {
    for (double p : DOMINANCE_GRID) {
      if (a.quantile(p) > b.quantile(Math.min(1, p + DOMINANCE_SLACK))) {
        return false;
      }
    }
    return true;
  }

  private void sumCandidates(List<String[]> declaredSums, List<int[]> sums, List<Double> tolerances) {
    for (String[] sum : declaredSums) {
      Column total = byName.get(sum[0]);
      Column left = byName.get(sum[1]);
      Column right = byName.get(sum[2]);
      // total = left - right is checked as left = total + right.
      boolean minus = sum[3].equals("-");
      Column t = minus ? left : total;
      Column l = minus ? total : left;
      sums.add(new int[] {t.index(), l.index(), right.index()});
      tolerances.add(tolerance(t, l, right));
    }
    if (!discover) {
      return;
    }
    List<Column> numbers = columns.stream().filter(c -> (c.kind() == ColumnKind.CONTINUOUS
        || c.kind() == ColumnKind.INTEGER) && c.ordered()).toList();
    // Per column: the exact mean of its finite values (the profile's), its range and its share of nulls.
    Map<String, double[]> stats = new HashMap<>();
    for (Column c : numbers) {
      NumericDistribution d = NumericDistribution.of((NumericMarginal) c.marginal());
      stats.put(c.name(), new double[] {c.mean(), d.highest() - d.lowest(), (double) (rows - c.nonNull()) / rows,
          ((NumericMarginal) c.marginal()).resolution()});
    }
    // Ranked by how closely the means add up, relative to the slack: the closest MAX_SUMS are counted.
    List<double[]> found = new ArrayList<>();
    for (int t = 0; t < numbers.size(); t++) {
      Column total = numbers.get(t);
      for (int i = 0; i < numbers.size(); i++) {
        for (int j = i + 1; j < numbers.size(); j++) {
          Column left = numbers.get(i);
          Column right = numbers.get(j);
          if (left == total || right == total || total.spec().integral() != left.spec().integral()
              || left.spec().integral() != right.spec().integral()) {
            continue;
          }
          double[] c = stats.get(total.name());
          double[] a = stats.get(left.name());
          double[] b = stats.get(right.name());
          if (a[1] <= 0 || b[1] <= 0 || c[1] <= 0) {
            continue;
          }
          // If total = left + right in every row but fewer than allowed(), with the same rows null, the means add
          // up to within the breaking rows' and the null rows' weight on the ranges, and the rounding.
          double slack = ((double) allowed() / rows + a[2] + b[2] + c[2]) * (a[1] + b[1] + c[1])
              + (a[3] + b[3] + c[3]) / 2 + 1e-9 * (Math.abs(a[0]) + Math.abs(b[0]) + Math.abs(c[0]));
          double miss = Math.abs(c[0] - a[0] - b[0]) / slack;
          if (Double.isNaN(miss)) {
            continue;
          }
          if (miss <= 1) {
            found.add(new double[] {miss, t, i, j});
          }
        }
      }
    }
    found.sort(Comparator.comparingDouble(f -> f[0]));
    if (found.size() > MAX_SUMS) {
      notes.table("rules: the %d of %d sum candidates whose means add up most closely counted", MAX_SUMS,
          found.size());
    }
    for (double[] f : found.subList(0, Math.min(MAX_SUMS, found.size()))) {
      Column total = numbers.get((int) f[1]);
      Column left = numbers.get((int) f[2]);
      Column right = numbers.get((int) f[3]);
      sums.add(new int[] {total.index(), left.index(), right.index()});
      tolerances.add(tolerance(total, left, right));
    }
  }

  /** Half the coarsest resolution of the three, or a relative hair for columns with none. */
  private static double tolerance(Column... parts) {
    double resolution = 0;
    for (Column part : parts) {
      resolution = Math.max(resolution, ((NumericMarginal) part.marginal()).resolution());
    }
    return resolution > 0 ? resolution / 2 : 1e-9;
  }

  private void checkDeclared(RuleSpec rule) {
    for (String name : rule.columns()) {
      if (!byName.containsKey(name)) {
        throw SynthException.config("rule '%s' in fit.rules names column %s, which the source does not have%s",
            rule.text(), name, columnHint(name));
      }
    }
    String problem = null;
    if (rule instanceof RuleSpec.Dependency d) {
      Column from = byName.get(d.from());
      Column to = byName.get(d.to());
      if (!from.labels()) {
        problem = "column " + d.from() + " is " + from.kind().configName() + ", not categorical: a dependency maps "
            + "labels (set its kind to categorical in fit.columns)";
      } else if (!to.labels() && !to.atoms()) {
        problem = "column " + d.to() + " has too many distinct values to be mapped from labels";
      }
    } else if (rule instanceof RuleSpec.Order o) {
      Column low = byName.get(o.low());
      Column high = byName.get(o.high());
      if (!low.ordered() || !high.ordered()) {
        problem = "orders relate numbers, dates or timestamps";
      } else if (!low.unit().equals(high.unit())) {
        problem = "column " + o.low() + " is " + low.kind().configName() + " and " + o.high() + " is "
            + high.kind().configName();
      }
    } else if (rule instanceof RuleSpec.Sum s) {
      for (String name : s.columns()) {
        Column column = byName.get(name);
        if (!column.ordered() || column.kind() == ColumnKind.DATE || column.kind() == ColumnKind.TIMESTAMP) {
          problem = "column " + name + " is " + column.kind().configName() + ": sums relate numbers";
        }
      }
    } else if (rule instanceof RuleSpec.Implication || rule instanceof RuleSpec.Exclusion) {
      List<String> cols = rule.columns();
      String[] labels = rule instanceof RuleSpec.Implication i ? new String[] {i.label(), i.thenLabel()}
          : new String[] {((RuleSpec.Exclusion) rule).label(), ((RuleSpec.Exclusion) rule).thenLabel()};
      for (int k = 0; k < 2; k++) {
        Column column = byName.get(cols.get(k));
        if (!column.labels()) {
          problem = "column " + cols.get(k) + " is " + column.kind().configName() + ", not categorical";
        } else if (!dictionary(column).containsKey(labels[k])) {
          problem = "label '" + labels[k] + "' of column " + cols.get(k) + " is not among its labels seen at least "
              + fit.minCategoryCount() + " times";
        }
      }
    }
    if (problem != null) {
      throw SynthException.config("rule '%s' in fit.rules cannot be held: %s", rule.text(), problem);
    }
  }

  private String columnHint(String name) {
    for (String known : byName.keySet()) {
      if (known.equalsIgnoreCase(name)) {
        return " (did you mean " + known + "?)";
      }
    }
    return "";
  }

  /** Turns the pass's counts into rules; a declared rule the source breaks stops the fit. */
  public Found decide(RuleCounts counts) {
    RuleChoices choices = new RuleChoices(notes);
    Map<String, RuleSpec> declaredByText = new LinkedHashMap<>();
    declared.forEach(r -> declaredByText.put(r.text(), r));
    List<DependencyRule> dependencies = dependencies(counts, declaredByText, choices);
    List<SumRule> sums = sums(counts, declaredByText, choices);
    List<PendingOrder> orders = orders(counts, declaredByText, choices);
    List<PendingTable> tables = LabelTables.find(this, counts, declaredByText, choices);
    List<NullPatternRule> nullPatterns = nullPatterns(counts, declaredByText, choices);
    choices.noteRefusals();
    for (String text : declaredByText.keySet()) {
      if (!choices.kept(text)) {
        throw SynthException.config("rule '%s' in fit.rules conflicts with the other rules: %s", text,
            choices.why(text));
      }
    }
    Set<String> computed = new HashSet<>();
    dependencies.forEach(d -> computed.add(d.column()));
    sums.forEach(d -> computed.add(d.column()));
    List<LabelMarginalFinder.Choice> labelMarginals = LabelMarginalFinder.choose(plan, counts, columns, discrete,
        computed, fit, notes);
    return new Found(dependencies, tables, orders, sums, nullPatterns, labelMarginals);
  }

  List<Column> discrete() {
    return discrete;
  }

  RulePlan currentPlan() {
    return plan;
  }

  long rows() {
    return rows;
  }

  FitConfig fit() {
    return fit;
  }

  FitNotes notes() {
    return notes;
  }

  boolean discover() {
    return discover;
  }

  boolean isDropped(String text) {
    return dropped.contains(text);
  }

  /** Stops the fit when a declared rule breaks in too many rows: counts only, never values. */
  void requireHolds(RuleSpec rule, long broken, long applicable) {
    if (broken >= allowed()) {
      throw SynthException.config("rule '%s' in fit.rules does not hold in the source: %d of %d rows break it "
          + "(at most %d may: fewer than min-category-count, or fit.rule-tolerance of the rows)", rule.text(),
          broken, applicable, allowed() - 1);
    }
  }

  private List<DependencyRule> dependencies(RuleCounts counts, Map<String, RuleSpec> declaredByText,
      RuleChoices choices) {
    record Candidate(Column from, Column to, DependencyRule rule, boolean declared) {}
    List<Candidate> candidates = new ArrayList<>();
    for (int p = 0; p < plan.pairs().length; p++) {
      for (int direction = 0; direction < 2; direction++) {
        int fromPosition = plan.pairs()[p][direction];
        int toPosition = plan.pairs()[p][1 - direction];
        Column from = discrete.get(fromPosition);
        Column to = discrete.get(toPosition);
        String text = new RuleSpec.Dependency(from.name(), to.name()).text();
        boolean isDeclared = declaredByText.containsKey(text);
        if (!from.labels() || (!isDeclared && (!discover || isDropped(text)))) {
          continue;
        }
        DependencyRule rule = dependency(counts, p, direction == 0, from, to, isDeclared);
        if (rule != null) {
          candidates.add(new Candidate(from, to, rule, isDeclared));
        }
      }
    }
    // Declared first, then the fewest labels first: in a hierarchy city -> state -> country, state decides country.
    candidates.sort(Comparator.<Candidate>comparingInt(c -> c.declared() ? 0 : 1)
        .thenComparingInt(c -> ((CategoricalMarginal) c.from().marginal()).categories().size())
        .thenComparingInt(c -> c.from().index()));
    List<DependencyRule> kept = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (choices.decide(candidate.rule(), candidate.to().name(), List.of(candidate.from().name()))) {
        kept.add(candidate.rule());
      }
    }
    return kept;
  }

  private DependencyRule dependency(RuleCounts counts, int pair, boolean forward, Column from, Column to,
      boolean isDeclared) {
    long[] table = counts.tables[pair];
    int fromSize = plan.dictionaries().get(plan.pairs()[pair][forward ? 0 : 1]).size();
    int toSize = plan.dictionaries().get(plan.pairs()[pair][forward ? 1 : 0]).size();
    int width = forward ? toSize + 2 : fromSize + 2;
    List<String> fromLabels = labelsOf(from);
    List<String> toLabels = labelsOf(to);
    long broken = 0;
    long applicable = 0;
    int mappedLabels = 0;
    Set<String> targets = new HashSet<>();
    List<DependencyRule.MappedValue> values = new ArrayList<>();
    for (int x = 0; x < fromSize; x++) {
      long total = 0;
      long best = -1;
      int bestY = -1;
      for (int y = 0; y <= toSize; y++) {
        long cell = forward ? table[x * width + y] : table[y * width + x];
        total += cell;
        if (y < toSize && cell > best) {
          best = cell;
          bestY = y;
        }
      }
      long nulls = forward ? table[x * width + toSize + 1] : table[(toSize + 1) * width + x];
      applicable += total;
      if (total == 0) {
        if (nulls > 0) {
          values.add(new DependencyRule.MappedValue(fromLabels.get(x), null));
        }
        continue;
      }
      if (best < fit.minCategoryCount()) {
        // A pair seen fewer than m times is never stored: the label stays unmapped, its rows count as broken.
        broken += total;
        continue;
      }
      broken += total - best;
      mappedLabels++;
      targets.add(toLabels.get(bestY));
      values.add(new DependencyRule.MappedValue(fromLabels.get(x), toLabels.get(bestY)));
    }
    RuleSpec spec = new RuleSpec.Dependency(from.name(), to.name());
    if (isDeclared) {
      requireHolds(spec, broken, applicable);
    } else if (broken >= allowed() || mappedLabels < 2 || targets.size() < 2 || applicable < fit.minCategoryCount()) {
      return null;
    }
    return new DependencyRule(null, isDeclared ? Rule.Origin.DECLARED : Rule.Origin.DISCOVERED, broken,
        from.name(), to.name(), values);
  }

  /** A column's stored labels as text, in dictionary order (numbers formatted in the column's type). */
  static List<String> labelsOf(Column column) {
    if (column.marginal() instanceof CategoricalMarginal m) {
      return m.categories().stream().map(io.synthlake.model.Category::value).toList();
    }
    NumericMarginal m = (NumericMarginal) column.marginal();
    return m.atoms().stream().map(a -> column.spec().type().format(a.value(), column.spec().decimalScale()))
        .toList();
  }

  private List<SumRule> sums(RuleCounts counts, Map<String, RuleSpec> declaredByText, RuleChoices choices) {
    List<SumRule> kept = new ArrayList<>();
    Map<Integer, Column> byIndex = new HashMap<>();
    columns.forEach(c -> byIndex.put(c.index(), c));
    for (int s = 0; s < plan.sums().length; s++) {
      Column total = byIndex.get(plan.sums()[s][0]);
      Column left = byIndex.get(plan.sums()[s][1]);
      Column right = byIndex.get(plan.sums()[s][2]);
      RuleSpec.Sum plus = new RuleSpec.Sum(total.name(), left.name(), right.name(), false);
      RuleSpec.Sum minus = new RuleSpec.Sum(left.name(), total.name(), right.name(), true);
      RuleSpec.Sum swapped = new RuleSpec.Sum(total.name(), right.name(), left.name(), false);
      RuleSpec.Sum minusSwapped = new RuleSpec.Sum(right.name(), total.name(), left.name(), true);
      RuleSpec.Sum spec = null;
      for (RuleSpec.Sum form : List.of(minus, minusSwapped, plus, swapped)) {
        if (declaredByText.containsKey(form.text())) {
          spec = form;
        }
      }
      boolean isDeclared = spec != null;
      long broken = counts.sumBroken[s];
      if (isDeclared) {
        requireHolds(spec, broken, counts.sumRows[s]);
      } else {
        spec = plus;
        if (!discover || isDropped(plus.text()) || isDropped(swapped.text()) || broken >= allowed()
            || counts.sumRows[s] < fit.minCategoryCount()) {
          continue;
        }
      }
      SumRule rule = new SumRule(List.of(spec.text()), isDeclared ? Rule.Origin.DECLARED : Rule.Origin.DISCOVERED,
          broken, spec.total(), spec.left(), spec.right(), spec.minus());
      if (choices.decide(rule, rule.total(), rule.reads())) {
        kept.add(rule);
      }
    }
    return kept;
  }

  private List<PendingOrder> orders(RuleCounts counts, Map<String, RuleSpec> declaredByText, RuleChoices choices) {
    Map<Integer, Column> byIndex = new HashMap<>();
    columns.forEach(c -> byIndex.put(c.index(), c));
    Map<String, List<String>> lows = new LinkedHashMap<>();
    // Per pair: each low keeps its own strictness, as the source has it.
    Set<String> strict = new HashSet<>();
    Map<String, Long> exceptions = new HashMap<>();
    Map<String, Boolean> declaredHigh = new HashMap<>();
    for (int o = 0; o < plan.orders().length; o++) {
      Column low = byIndex.get(plan.orders()[o][0]);
      Column high = byIndex.get(plan.orders()[o][1]);
      RuleSpec.Order weak = new RuleSpec.Order(low.name(), high.name(), false);
      RuleSpec.Order strong = new RuleSpec.Order(low.name(), high.name(), true);
      boolean isDeclared = declaredByText.containsKey(weak.text()) || declaredByText.containsKey(strong.text());
      boolean isStrict;
      long broken;
      if (isDeclared) {
        isStrict = declaredByText.containsKey(strong.text());
        broken = isStrict ? counts.orderAtOrAbove[o] : counts.orderAbove[o];
        requireHolds(isStrict ? strong : weak, broken, counts.orderRows[o]);
      } else {
        if (counts.orderRows[o] < fit.minCategoryCount() || isDropped(weak.text()) || isDropped(strong.text())) {
          continue;
        }
        isStrict = counts.orderAtOrAbove[o] < allowed();
        broken = isStrict ? counts.orderAtOrAbove[o] : counts.orderAbove[o];
        if (broken >= allowed()) {
          continue;
        }
      }
      lows.computeIfAbsent(high.name(), k -> new ArrayList<>()).add(low.name());
      if (isStrict) {
        strict.add(low.name() + "\u0000" + high.name());
      }
      exceptions.merge(high.name(), broken, Math::max);
      declaredHigh.merge(high.name(), isDeclared, Boolean::logicalOr);
    }
    List<PendingOrder> kept = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : lows.entrySet()) {
      String high = entry.getKey();
      List<String> accepted = new ArrayList<>();
      for (String low : entry.getValue()) {
        // Two columns equal in every row order each other both ways: the first one found stays the low.
        if (choices.wouldCycle(high, List.of(low))) {
          notes.table("rules: %s <= %s not kept: it would make the rules circular", low, high);
          continue;
        }
        accepted.add(low);
      }
      if (accepted.isEmpty()) {
        continue;
      }
      Set<String> strictLows = new LinkedHashSet<>();
      accepted.stream().filter(low -> strict.contains(low + "\u0000" + high)).forEach(strictLows::add);
      PendingOrder order = new PendingOrder(high, accepted, strictLows, exceptions.get(high),
          declaredHigh.get(high) ? Rule.Origin.DECLARED : Rule.Origin.DISCOVERED);
      List<String> texts = accepted.stream().map(low -> new RuleSpec.Order(low, high, strictLows.contains(low))
          .text()).toList();
      if (choices.decide(texts, high, accepted)) {
        kept.add(order);
      }
    }
    return kept;
  }

  private List<NullPatternRule> nullPatterns(RuleCounts counts, Map<String, RuleSpec> declaredByText,
      RuleChoices choices) {
    record Candidate(RuleSpec.NullPattern spec, Rule.Origin origin, long exceptions, long whenNulls) {}
    List<Candidate> candidates = new ArrayList<>();
    int k = nullable.size();
    long m = fit.minCategoryCount();
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        if (a == b) {
          continue;
        }
        String when = nullable.get(a).name();
        String column = nullable.get(b).name();
        RuleSpec.NullPattern exact = new RuleSpec.NullPattern(when, column, true);
        RuleSpec.NullPattern oneWay = new RuleSpec.NullPattern(when, column, false);
        long aOnly = counts.nullOnly[a][b];
        long bOnly = counts.nullOnly[b][a];
        if (declaredByText.containsKey(exact.text())) {
          requireHolds(exact, aOnly + bOnly, counts.rows);
          candidates.add(new Candidate(exact, Rule.Origin.DECLARED, aOnly + bOnly, counts.nulls[a]));
        } else if (declaredByText.containsKey(oneWay.text())) {
          requireHolds(oneWay, aOnly, counts.nulls[a]);
          candidates.add(new Candidate(oneWay, Rule.Origin.DECLARED, aOnly, counts.nulls[a]));
        } else if (discover && counts.nulls[a] >= m && aOnly < allowed() && !isDropped(exact.text())
            && !isDropped(oneWay.text())) {
          boolean both = bOnly < allowed() && counts.nulls[b] >= m;
          if (both && a > b) {
            continue;
          }
          candidates.add(new Candidate(both ? exact : oneWay, Rule.Origin.DISCOVERED, both ? aOnly + bOnly : aOnly,
              counts.nulls[a]));
        }
      }
    }
    // Declared first, exact before one-way, then the most nulls in the deciding column: a column's first
    // determining column makes the most of its nulls.
    candidates.sort(Comparator.<Candidate>comparingInt(c -> c.origin() == Rule.Origin.DECLARED ? 0 : 1)
        .thenComparingInt(c -> c.spec().exactly() ? 0 : 1)
        .thenComparingLong(c -> -c.whenNulls()));
    Map<String, Double> shares = new HashMap<>();
    nullable.forEach(c -> shares.put(c.name(), nullShare(c)));
    // A column's generated nulls may outnumber its source nulls by fewer rows than a rule may break.
    NullGraph graph = new NullGraph(shares, (double) allowed() / rows);
    Map<String, Candidate> byText = new HashMap<>();
    for (Candidate candidate : candidates) {
      byText.put(candidate.spec().text(), candidate);
      choices.decideNulls(candidate.spec(), candidate.origin() == Rule.Origin.DECLARED, graph);
    }
    List<NullPatternRule> kept = new ArrayList<>();
    for (String column : graph.columns()) {
      List<String> whens = graph.reads(column);
      List<String> holds = graph.texts(column);
      List<Candidate> rules = holds.stream().map(byText::get).toList();
      if (graph.overfills(whens, column)) {
        notes.column(column, "nulls: the columns its null pattern copies make it null in %.3f%% of generated "
            + "rows, %.3f%% in the source", 100 * graph.anyNull(whens), 100 * graph.sourceShare(column));
      }
      boolean declaredRule = rules.stream().anyMatch(c -> c.origin() == Rule.Origin.DECLARED);
      // Several determining columns: the most rows that break one of them (as for an order with several lows).
      kept.add(new NullPatternRule(holds, declaredRule
          ? Rule.Origin.DECLARED : Rule.Origin.DISCOVERED, rules.stream().mapToLong(Candidate::exceptions).max()
          .orElse(0), whens, column, graph.isExact(column), graph.otherwise(column)));
    }
    return kept;
  }

  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.3f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }
}
