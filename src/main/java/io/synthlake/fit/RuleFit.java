package io.synthlake.fit;

import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.OrderRule;
import io.synthlake.model.OtherBucket;
import io.synthlake.model.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules fit keeps, carried through the rest of the fit: the copula plan that takes each rule into account (a
 * computed column leaves the copula, a label table's child is scored within its parent's row), and finally the
 * model's rules, with label tables laid out in their columns' final label order.
 */
public final class RuleFit {
  private final TableFit table;
  private final RuleFinder.Found found;
  private final FitNotes notes;
  private final Map<String, Integer> indexOf = new HashMap<>();

  public RuleFit(TableFit table, RuleFinder.Found found, FitNotes notes) {
    this.table = table;
    this.found = found;
    this.notes = notes;
    for (RuleFinder.Column column : table.ruleColumns()) {
      indexOf.put(column.name(), column.index());
    }
  }

  /**
   * The copula plan with the rules: {@code base} is the table's plan after the ordering pass. An order's high column
   * keeps its own score: generate draws it from its own marginal and moves only the rows that break the order.
   */
  public CopulaPlan copulaPlan(CopulaPlan base) {
    Set<String> computed = new HashSet<>();
    found.dependencies().forEach(r -> computed.add(r.column()));
    found.sums().forEach(r -> computed.add(r.column()));
    Map<String, RuleFinder.PendingTable> tableOf = new HashMap<>();
    found.tables().forEach(t -> tableOf.put(t.child(), t));
    List<Integer> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<UniformScorer> scorers = new ArrayList<>();
    List<Double> epsilon = new ArrayList<>();
    for (int p = 0; p < base.size(); p++) {
      String name = base.names().get(p);
      if (computed.contains(name)) {
        continue;
      }
      columns.add(base.columns().get(p));
      scorers.add(base.scorers().get(p));
      epsilon.add(base.epsilon()[p]);
      names.add(name);
    }
    List<Integer> extra = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) {
      RuleFinder.PendingTable pending = tableOf.get(names.get(p));
      if (pending == null) {
        continue;
      }
      int parentInput = 1 + names.size() + extra.size();
      extra.add(indexOf.get(pending.parent()));
      LabelTableRule rule = labelTable(pending);
      CategoricalMarginal child = (CategoricalMarginal) table.marginalOf(pending.child());
      CategoricalMarginal parent = (CategoricalMarginal) table.marginalOf(pending.parent());
      CategoricalScale parentScale = CategoricalScale.of(parent);
      CategoricalScale[] byParent = new CategoricalScale[parentScale.size()];
      for (LabelTableRule.LabelRow row : rule.rows()) {
        int slot = parentScale.slotOf(row.when());
        if (slot >= 0 && row.when().equals(parentScale.label(slot))) {
          byParent[slot] = withShares(child, row.shares());
        }
      }
      scorers.set(p, new UniformScorer.Conditional(parentInput, CategoricalScale.of(child), parentScale, byParent,
          withShares(child, rule.otherwise())));
    }
    return new CopulaPlan(columns, names, scorers, epsilon.stream().mapToDouble(Double::doubleValue).toArray(),
        extra);
  }

  /** The column's scale with other widths: the same labels in the same order. */
  static CategoricalScale withShares(CategoricalMarginal own, double[] shares) {
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < own.categories().size(); i++) {
      categories.add(new Category(own.categories().get(i).value(), shares[i]));
    }
    OtherBucket other = own.other() == null ? null : own.other().withProbability(shares[shares.length - 1]);
    return CategoricalScale.of(new CategoricalMarginal(categories, other));
  }

  /** The numeric columns tied to a label column that get per-label marginals (chosen from the rules pass). */
  public List<LabelMarginalFinder.Choice> labelMarginalChoices() {
    return found.labelMarginals();
  }

  /** The model's rules, in a stable order: dependencies, sums, orders, label tables, null patterns. */
  public List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(found.dependencies());
    rules.addAll(found.sums());
    for (RuleFinder.PendingOrder order : found.orders()) {
      rules.add(new OrderRule(null, order.origin(), order.exceptions(), order.lows(), order.high(),
          order.strictLows().size() == order.lows().size(), List.copyOf(order.strictLows())));
    }
    for (RuleFinder.PendingTable pending : found.tables()) {
      rules.add(labelTable(pending));
    }
    rules.addAll(found.nullPatterns());
    for (Rule rule : rules) {
      if (rule.holds().isEmpty()) {
        continue;
      }
      notes.column(rule.column(), "rule %s: held by construction%s", String.join(", ", rule.holds()),
          rule.sourceExceptions() == 0 ? "" : " (" + rule.sourceExceptions() + " source rows break it and are "
              + "overruled)");
    }
    for (RuleFinder.PendingTable pending : found.tables()) {
      long pooled = pending.otherwisePooled() + pending.pooled().values().stream().mapToLong(Long::longValue).sum();
      notes.column(pending.child(), "drawn from a label table given %s (mutual information %s nats); %d source "
          + "rows in cells seen fewer than %d times pooled over the small cells of their row", pending.parent(),
          String.format(java.util.Locale.ROOT, "%.4f", pending.information()), pooled, minCount());
    }
    return rules;
  }

  /** A pending table laid out in the child's final label order; rows of too few rows use the child's marginal. */
  private LabelTableRule labelTable(RuleFinder.PendingTable pending) {
    CategoricalMarginal child = (CategoricalMarginal) table.marginalOf(pending.child());
    long m = Math.max(1, minCount());
    List<LabelTableRule.LabelRow> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> entry : pending.counts().entrySet()) {
      rows.add(new LabelTableRule.LabelRow(entry.getKey(), shares(child, entry.getValue(),
          pending.pooled().getOrDefault(entry.getKey(), 0L), 1,
          pending.ruledOut().getOrDefault(entry.getKey(), java.util.Collections.emptySet())), null));
    }
    List<String> holds = pending.holds();
    if (holds.size() > RuleFinder.MAX_LISTED) {
      notes.column(pending.child(), "label table from %s holds %d label rules; the model lists the first %d",
          pending.parent(), holds.size(), RuleFinder.MAX_LISTED);
      holds = holds.subList(0, RuleFinder.MAX_LISTED);
    }
    return new LabelTableRule(holds, pending.origin(), pending.exceptions(), pending.parent(), pending.child(), rows,
        shares(child, pending.otherwise(), pending.otherwisePooled(), m, pending.otherwiseRuledOut()));
  }

  private long minCount() {
    return table.settings().minCategoryCount();
  }

  /**
   * Shares over the child's labels (then its other bucket): the stored counts, and the row's pooled count (its cells
   * below min-category-count) spread over its empty cells that no rule excludes, in proportion to the child's
   * marginal. Where fewer than minRows rows count, the marginal's, without the labels the rules exclude in this row
   * (null stands for the other bucket).
   */
  static double[] shares(CategoricalMarginal child, Map<String, Long> counts, long pooled, long minRows,
      Set<String> ruledOut) {
    int size = child.categories().size() + (child.other() == null ? 0 : 1);
    double[] shares = new double[size];
    long total = 0;
    for (int i = 0; i < child.categories().size(); i++) {
      long count = counts.getOrDefault(child.categories().get(i).value(), 0L);
      shares[i] = count;
      total += count;
    }
    if (child.other() != null) {
      long count = counts.getOrDefault(null, 0L);
      shares[size - 1] = count;
      total += count;
    }
    if (total + pooled < minRows || total + pooled == 0) {
      double kept = 0;
      for (int i = 0; i < size; i++) {
        String label = i < child.categories().size() ? child.categories().get(i).value() : null;
        double share = i < child.categories().size() ? child.categories().get(i).probability()
            : child.other().probability();
        shares[i] = ruledOut.contains(label) ? 0 : share;
        kept += shares[i];
      }
      if (kept <= 0) {
        // Every label is excluded in this row: no row of the source had it (keep the marginal, nothing to break).
        for (int i = 0; i < size; i++) {
          shares[i] = i < child.categories().size() ? child.categories().get(i).probability()
              : child.other().probability();
          kept += shares[i];
        }
      }
      for (int i = 0; i < size; i++) {
        shares[i] /= kept;
      }
      return shares;
    }
    if (pooled > 0) {
      double[] weights = new double[size];
      double weight = 0;
      for (int i = 0; i < size; i++) {
        String label = i < child.categories().size() ? child.categories().get(i).value() : null;
        if (shares[i] == 0 && !ruledOut.contains(label)) {
          weights[i] = i < child.categories().size() ? child.categories().get(i).probability()
              : child.other().probability();
          weight += weights[i];
        }
      }
      if (weight > 0) {
        for (int i = 0; i < size; i++) {
          shares[i] += pooled * weights[i] / weight;
        }
        total += pooled;
      }
    }
    if (total == 0) {
      return shares(child, Map.of(), 0, 1, ruledOut);
    }
    for (int i = 0; i < size; i++) {
      shares[i] /= total;
    }
    return shares;
  }
}
