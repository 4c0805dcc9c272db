package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-label marginals, free of Spark: a numeric column whose distribution depends on a label column gets a marginal
 * for each label with enough rows (coordinates by region, amounts by category). Three steps:
 * <ol>
 *   <li>the rules pass counts, per label, the count, sum and sum of squares of every numeric column
 *       ({@link #grouping}); from them the correlation ratio η² of each pair, corrected for the number of labels
 *       (ε², Kelley 1935), picks at most one label column per numeric column ({@link #choose});</li>
 *   <li>one more pass counts each chosen column's values per label: atoms exactly, the other values in bins
 *       between the column's own quantile knots ({@link LabelMarginalState});</li>
 *   <li>each label's marginal is built like a column's, from its rows alone ({@link #build}): knots of at least
 *       min-category-count values, k-th values as bounds, and atoms seen fewer than min-category-count times in the
 *       label pooled (their total spread over the label's small atoms in proportion to the column's marginal); a
 *       column's atom that the smallest label cannot expect min-category-count times is a plain value there.</li>
 * </ol>
 * The ε² that decides is that of the groups generate would use (each label with enough rows, the rest together):
 * a label column of many small labels explains much of a column's variance, but not through marginals it stores.
 * Bounds: the moments hold at most {@link #MOMENT_CELL_BUDGET} cells, and at most {@link #MAX_GROUPS} per-label
 * marginals are counted in one fit (the strongest ties first); beyond them a column keeps one marginal.
 */
public final class LabelMarginalFinder {
  /** Cells of the grouped moments: 8 bytes each, so 24 MB per task at most. */
  static final long MOMENT_CELL_BUDGET = 3_000_000;
  /** Per-label marginals counted in one fit: a histogram of at most 4 KB each. */
  static final int MAX_GROUPS = 2_000;
  /** Quantile knots of a per-label marginal at most (fewer when its rows are few, as for a column). */
  static final int LABEL_KNOTS = 256;
  /** Bin edges of a per-label histogram at most: 4 KB of counts per label. */
  static final int MAX_EDGES = 512;

  private LabelMarginalFinder() {}

  /**
   * The grouped moments the rules pass counts: every numeric column by every label column, within the budget
   * (label columns with the most labels are left out first).
   */
  record Grouping(int[] grouped, double[] shift, int[] groupBy) {}

  /** A numeric column tied to a label column, with the labels that get a marginal of their own. */
  public record Choice(String column, int columnIndex, String by, int byIndex, double etaSquared,
      List<String> labels, List<Long> labelRows) {}

  static Grouping grouping(List<RuleFinder.Column> columns, List<RuleFinder.Column> discrete,
      List<Map<Object, Integer>> dictionaries, FitConfig fit, FitNotes notes) {
    if (!fit.labelMarginals()) {
      return new Grouping(new int[0], new double[0], new int[0]);
    }
    List<RuleFinder.Column> numbers = columns.stream().filter(LabelMarginalFinder::canHaveLabelMarginals).toList();
    List<Integer> by = new ArrayList<>();
    for (int d = 0; d < discrete.size(); d++) {
      if (discrete.get(d).labels() && dictionaries.get(d).size() >= 2) {
        by.add(d);
      }
    }
    by.sort(Comparator.comparingInt(d -> dictionaries.get(d).size()));
    long cells = 0;
    int kept = 0;
    for (int d : by) {
      long more = 3L * (dictionaries.get(d).size() + 2) * numbers.size();
      if (cells + more > MOMENT_CELL_BUDGET) {
        break;
      }
      cells += more;
      kept++;
    }
    if (kept < by.size()) {
      notes.table("label marginals: %d of %d label columns compared with the numeric columns, within the budget "
          + "of %d moment cells", kept, by.size(), MOMENT_CELL_BUDGET);
    }
    if (numbers.isEmpty() || kept == 0) {
      return new Grouping(new int[0], new double[0], new int[0]);
    }
    return new Grouping(numbers.stream().mapToInt(RuleFinder.Column::index).toArray(),
        numbers.stream().mapToDouble(c -> Double.isFinite(c.mean()) ? c.mean() : 0).toArray(),
        by.subList(0, kept).stream().mapToInt(Integer::intValue).toArray());
  }

  /** Rows a label needs for a marginal of its own: the setting, and never fewer than two knots' worth. */
  private static long minRows(FitConfig fit) {
    return Math.max(fit.labelMarginalMinRows(), 2L * fit.minCategoryCount());
  }

  /** Numbers, dates and timestamps with at least two outcomes. */
  private static boolean canHaveLabelMarginals(RuleFinder.Column column) {
    return column.ordered() && column.marginal() instanceof NumericMarginal m
        && (m.continuous() != null || m.atoms().size() >= 2);
  }

  /**
   * Per numeric column (not computed by a rule), the label column that explains most of its variance, when ε² is
   * at least {@code fit.label-marginal-min-eta2} and at least one label has {@code fit.label-marginal-min-rows}
   * rows beside a second group (another such label, or the rest).
   */
  static List<Choice> choose(RulePlan plan, RuleCounts counts, List<RuleFinder.Column> columns,
      List<RuleFinder.Column> discrete, Set<String> computed, FitConfig fit, FitNotes notes) {
    Map<Integer, RuleFinder.Column> byIndex = new HashMap<>();
    columns.forEach(c -> byIndex.put(c.index(), c));
    long minRows = minRows(fit);
    List<Choice> choices = new ArrayList<>();
    for (int x = 0; x < plan.grouped().length; x++) {
      RuleFinder.Column column = byIndex.get(plan.grouped()[x]);
      if (computed.contains(column.name())) {
        continue;
      }
      Choice best = null;
      for (int b = 0; b < plan.groupBy().length; b++) {
        RuleFinder.Column by = discrete.get(plan.groupBy()[b]);
        double[] cells = counts.grouped[x * plan.groupBy().length + b];
        // The groups generate would use: each label with enough rows, and the rest together.
        List<String> labels = new ArrayList<>();
        List<Long> labelRows = new ArrayList<>();
        List<String> names = RuleFinder.labelsOf(by);
        double[] effective = new double[3 * (cells.length / 3 + 1)];
        int restAt = effective.length - 3;
        for (int slot = 0; slot < cells.length / 3; slot++) {
          boolean own = slot < names.size() && cells[3 * slot] >= minRows;
          int at = own ? 3 * labels.size() : restAt;
          if (own) {
            labels.add(names.get(slot));
            labelRows.add(Math.round(cells[3 * slot]));
          }
          for (int k = 0; k < 3; k++) {
            effective[at + k] += cells[3 * slot + k];
          }
        }
        long rest = Math.round(effective[restAt]);
        if (labels.isEmpty() || (labels.size() == 1 && rest < minRows)) {
          continue;
        }
        double eta = correctedEtaSquared(effective);
        if (!(eta >= fit.labelMarginalMinEta2()) || (best != null && eta <= best.etaSquared())) {
          continue;
        }
        best = new Choice(column.name(), column.index(), by.name(), by.index(), eta, labels, labelRows);
      }
      if (best != null) {
        choices.add(best);
      }
    }
    choices.sort(Comparator.comparingDouble(c -> -c.etaSquared()));
    List<Choice> kept = new ArrayList<>();
    int groups = 0;
    for (Choice choice : choices) {
      if (groups + choice.labels().size() + 1 > MAX_GROUPS) {
        notes.table("label marginals: %s keeps one marginal: the fit's %d per-label marginals are taken by "
            + "stronger ties", choice.column(), MAX_GROUPS);
        continue;
      }
      groups += choice.labels().size() + 1;
      kept.add(choice);
    }
    return kept;
  }

  /**
   * ε² = (SS_between - (g - 1) MS_within) / SS_total from per-group count, sum and sum of squares (3 cells per
   * group): the share of variance the groups explain, less what g groups explain by chance. NaN when the column
   * does not vary.
   */
  static double correctedEtaSquared(double[] cells) {
    double n = 0;
    double sum = 0;
    double squares = 0;
    double between = 0;
    int groups = 0;
    for (int at = 0; at < cells.length; at += 3) {
      double count = cells[at];
      if (count <= 0) {
        continue;
      }
      groups++;
      n += count;
      sum += cells[at + 1];
      squares += cells[at + 2];
      between += cells[at + 1] * cells[at + 1] / count;
    }
    double total = squares - sum * sum / n;
    between -= sum * sum / n;
    if (!(total > 0) || n <= groups) {
      return Double.NaN;
    }
    double within = Math.max(0, total - between) / (n - groups);
    return Math.max(0, Math.min(1, (between - (groups - 1) * within) / total));
  }

  /** The per-label pass: each chosen label a group, the other labels together the last. */
  public static LabelMarginalPlan countPlan(List<Choice> choices, TableFit table) {
    Map<String, NumericMarginal> marginals = new HashMap<>();
    choices.forEach(c -> marginals.put(c.column(), (NumericMarginal) table.marginalOf(c.column())));
    return countPlan(choices, marginals, table.settingsConfig());
  }

  /** The per-label marginals from the pass's state (see {@link #build(List, LabelMarginalPlan, LabelMarginalState,
   * Map, FitConfig, FitNotes)}). */
  public static List<LabelMarginals> build(List<Choice> choices, LabelMarginalPlan plan, LabelMarginalState state,
      TableFit table, FitNotes notes) {
    Map<String, NumericMarginal> marginals = new HashMap<>();
    choices.forEach(c -> marginals.put(c.column(), (NumericMarginal) table.marginalOf(c.column())));
    return build(choices, plan, state, marginals, table.settingsConfig(), notes);
  }

  static LabelMarginalPlan countPlan(List<Choice> choices, Map<String, NumericMarginal> marginals, FitConfig fit) {
    int size = choices.size();
    int[] columns = new int[size];
    int[] by = new int[size];
    int[] groups = new int[size];
    double[][] atoms = new double[size][];
    List<Map<Object, Integer>> groupOf = new ArrayList<>();
    for (int t = 0; t < size; t++) {
      Choice choice = choices.get(t);
      columns[t] = choice.columnIndex();
      by[t] = choice.byIndex();
      Map<Object, Integer> labels = new HashMap<>();
      for (int g = 0; g < choice.labels().size(); g++) {
        labels.put(choice.labels().get(g), g);
      }
      groupOf.add(labels);
      groups[t] = choice.labels().size() + 1;
      // An atom stays an atom within the labels only where the smallest group expects min-category-count of it;
      // the others are values of the groups' continuous parts (too few per label to store as atoms).
      long smallest = Long.MAX_VALUE;
      for (int g = 0; g < choice.labels().size(); g++) {
        smallest = Math.min(smallest, choice.labelRows().get(g));
      }
      long groupRows = smallest;
      atoms[t] = marginals.get(choice.column()).atoms().stream()
          .filter(a -> a.probability() * groupRows >= fit.minCategoryCount()).mapToDouble(Atom::value).toArray();
    }
    double[][] edges = new double[size][];
    for (int t = 0; t < size; t++) {
      edges[t] = edges(marginals.get(choices.get(t).column()));
    }
    return new LabelMarginalPlan(columns, by, groupOf, groups, atoms, edges, fit.boundRank());
  }

  /**
   * The bin edges of a column's per-label histograms: the distinct values of its own quantile knots (tabulated for
   * a parametric part), every n-th of them when there are more than {@link #MAX_EDGES}.
   */
  static double[] edges(NumericMarginal marginal) {
    double[] knots = java.util.Arrays.stream(NumericDistribution.of(marginal).knotValues()).distinct().sorted()
        .toArray();
    if (knots.length <= MAX_EDGES) {
      return knots;
    }
    double[] kept = new double[MAX_EDGES];
    for (int i = 0; i < MAX_EDGES; i++) {
      kept[i] = knots[(int) ((long) i * (knots.length - 1) / (MAX_EDGES - 1))];
    }
    return kept;
  }

  /**
   * The per-label marginals from the pass's state. A label whose rows are too few to model without revealing
   * them is left out (its rows draw from the rest); so is the rest, whose rows then draw from the column's marginal.
   */
  static List<LabelMarginals> build(List<Choice> choices, LabelMarginalPlan plan, LabelMarginalState state,
      Map<String, NumericMarginal> marginals, FitConfig fit, FitNotes notes) {
    NumericMarginalAssembler assembler = new NumericMarginalAssembler(fit, LABEL_KNOTS, false);
    long minRows = minRows(fit);
    List<LabelMarginals> found = new ArrayList<>();
    for (int t = 0; t < plan.size(); t++) {
      Choice choice = choices.get(t);
      NumericMarginal own = marginals.get(choice.column());
      List<LabelMarginals.ByLabel> labels = new ArrayList<>();
      for (int g = 0; g < choice.labels().size(); g++) {
        NumericMarginal marginal = marginal(assembler, state, t, g, own, fit);
        if (marginal != null) {
          labels.add(new LabelMarginals.ByLabel(choice.labels().get(g), marginal, null));
        }
      }
      // The rest is modelled from its own rows, however few (with the same protections as any marginal): the
      // column's marginal in its place would mix the big labels' values into it.
      NumericMarginal restMarginal = marginal(assembler, state, t, plan.groups()[t] - 1, own, fit);
      if (labels.isEmpty()) {
        continue;
      }
      found.add(new LabelMarginals(choice.column(), choice.by(), choice.etaSquared(), labels, restMarginal));
      notes.column(choice.column(), "drawn per label of %s (eta-squared %s): a marginal of its own for %d "
          + "labels of at least %d rows; the other labels draw from %s", choice.by(),
          String.format(Locale.ROOT, "%.3f", choice.etaSquared()), labels.size(), minRows,
          restMarginal == null ? "the column's marginal" : "the marginal of their rows together");
    }
    return found;
  }

  /** One group's marginal, or null when its values are too few to model without revealing them. */
  private static NumericMarginal marginal(NumericMarginalAssembler assembler, LabelMarginalState state, int task,
      int group, NumericMarginal own, FitConfig fit) {
    NumericRest rest = state.rests[task][group];
    long[] atomCounts = rest.atomCounts();
    double[] atomValues = state.plan().atoms()[task];
    long finite = rest.restCount() + java.util.Arrays.stream(atomCounts).sum();
    int knots = LABEL_KNOTS;
    double[] grid = NumericEvidence.grid(knots);
    double[] values = new double[grid.length];
    double lower = rest.extremes().isEmpty() ? Double.NaN : rest.extremes().kthSmallest();
    double upper = rest.extremes().isEmpty() ? Double.NaN : rest.extremes().kthLargest();
    if (rest.restCount() > 0) {
      values = state.quantiles(task, group, grid, lower, upper);
    }
    NumericEvidence evidence = new NumericEvidence(finite, atomValues, atomCounts, rest.restCount(), grid, values,
        lower, upper, rest.moments());
    // The assembler's notes are per column; a label's would only repeat them.
    NumericMarginalAssembler.Result result = assembler.assemble("label", evidence, own.resolution(), null,
        new FitNotes());
    if (result.marginal() == null) {
      return null;
    }
    NumericMarginal built = result.marginal();
    long kept = built.continuous() == null ? 0 : rest.restCount();
    for (long count : atomCounts) {
      kept += count;
    }
    double[] weights = new double[atomValues.length];
    for (Atom atom : own.atoms()) {
      int at = java.util.Arrays.binarySearch(atomValues, atom.value());
      if (at >= 0) {
        weights[at] = atom.probability();
      }
    }
    return kept == 0 ? null : new NumericMarginal(built.resolution(), pooledAtoms(atomValues, weights, atomCounts,
        kept, fit.minCategoryCount()), built.continuous(), null);
  }

  /**
   * The group's atoms: counts of at least min-category-count as they are, the smaller ones pooled (their total
   * spread over the group's small atoms in proportion to the column's own atom probabilities), so no atom stores a
   * count below the threshold.
   */
  static List<Atom> pooledAtoms(double[] values, double[] weights, long[] counts, long kept, long minCount) {
    double pooled = 0;
    double weight = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < minCount) {
        pooled += counts[i];
        weight += weights[i];
      }
    }
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double count = counts[i] >= minCount ? counts[i] : weight > 0 ? pooled * weights[i] / weight : 0;
      if (count > 0) {
        atoms.add(new Atom(values[i], count / kept));
      }
    }
    return atoms;
  }

  /**
   * The copula plan with each column that has per-label marginals scored within its label (the uniform of its
   * label's marginal; the rest's or the column's own for other labels), reading the label column as an extra input.
   */
  public static CopulaPlan copulaPlan(CopulaPlan base, List<LabelMarginals> found, TableFit table) {
    if (found.isEmpty()) {
      return base;
    }
    Map<String, Integer> indexOf = new HashMap<>();
    for (RuleFinder.Column column : table.ruleColumns()) {
      indexOf.put(column.name(), column.index());
    }
    List<UniformScorer> scorers = new ArrayList<>(base.scorers());
    List<Integer> extra = new ArrayList<>(base.extra());
    for (LabelMarginals conditional : found) {
      int position = base.names().indexOf(conditional.column());
      if (position < 0 || !(scorers.get(position) instanceof UniformScorer.Numeric own)) {
        continue;
      }
      int parentInput = 1 + base.size() + extra.size();
      extra.add(indexOf.get(conditional.by()));
      CategoricalScale scale = CategoricalScale.of((CategoricalMarginal) table.marginalOf(conditional.by()));
      NumericDistribution[] bySlot = new NumericDistribution[scale.size()];
      for (LabelMarginals.ByLabel label : conditional.labels()) {
        int slot = scale.slotOf(label.when());
        if (slot >= 0 && label.when().equals(scale.label(slot))) {
          bySlot[slot] = NumericDistribution.of(label.marginal());
        }
      }
      NumericDistribution rest = conditional.rest() == null ? own.distribution()
          : NumericDistribution.of(conditional.rest());
      scorers.set(position, new UniformScorer.ByLabel(parentInput, scale, bySlot, rest));
    }
    return new CopulaPlan(base.columns(), base.names(), scorers, base.epsilon(), extra);
  }
}
