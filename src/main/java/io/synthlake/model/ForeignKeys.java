package io.synthlake.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a fitted child model's key columns into foreign keys: their marginals, and the copula without them. */
public final class ForeignKeys {
  private ForeignKeys() {}

  /**
   * The model with each named column drawn from its parent: kind identifier (never scored or correlated), a
   * {@link ForeignKeyMarginal}, no place in the copula (a principal submatrix of a correlation matrix is one), and
   * no rule but null patterns.
   *
   * @param marginals by child column, its foreign-key marginal
   */
  public static SynthModel apply(SynthModel model, Map<String, ForeignKeyMarginal> marginals) {
    List<ColumnModel> columns = new ArrayList<>();
    for (ColumnModel column : model.columns()) {
      ForeignKeyMarginal key = marginals.get(column.name());
      columns.add(key == null ? column : new ColumnModel(column.name(), column.sparkType(), ColumnKind.IDENTIFIER,
          column.nullFraction(), key));
    }
    for (String name : marginals.keySet()) {
      Checks.require(model.column(name).isPresent(), "model of %s has no column %s for its foreign key",
          model.table(), name);
    }
    CopulaModel copula = model.copula();
    if (copula != null) {
      // A key's values come from its parent; its nulls are still drawn here, so its presence stays.
      copula = copula.keep(name -> !marginals.containsKey(name), name -> true);
    }
    List<ModelNote> notes = new ArrayList<>(model.notes());
    // A key is drawn from its parent table: a rule that decides it, or reads its labels or numbers, cannot hold.
    // Null patterns still can (a key's nulls are drawn like any column's).
    List<Rule> rules = new ArrayList<>();
    for (Rule rule : model.rules()) {
      boolean involvesKey = marginals.containsKey(rule.column())
          || rule.reads().stream().anyMatch(marginals::containsKey);
      if (involvesKey && !(rule instanceof NullPatternRule)) {
        notes.add(ModelNote.table("rule " + String.join(", ", rule.holds()) + " dropped: it involves a foreign key, "
            + "whose values come from the parent table"));
      } else {
        rules.add(rule);
      }
    }
    // A key's values come from its parent table: per-label marginals of it, or by it, cannot hold.
    List<LabelMarginals> labelMarginals = model.labelMarginals().stream()
        .filter(c -> !marginals.containsKey(c.column()) && !marginals.containsKey(c.by())).toList();
    marginals.forEach((name, key) -> notes.add(ModelNote.column(name, "foreign key to " + key.table() + "."
        + key.column() + ": values are the synthetic parent's keys, spread as the source's children per parent")));
    return new SynthModel(model.formatVersion(), model.table(), model.createdBy(), model.source(), model.fit(),
        columns, copula, rules, labelMarginals, notes);
  }
}
