package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fitted model of one table: aggregates only, never a source record. Serialised by {@link ModelJson}.
 */
@JsonPropertyOrder({"format-version", "table", "created-by", "source", "fit", "columns", "copula", "rules",
    "label-marginals", "notes"})
public record SynthModel(
    int formatVersion,
    String table,
    String createdBy,
    SourceFingerprint source,
    FitSettings fit,
    List<ColumnModel> columns,
    CopulaModel copula,
    List<Rule> rules,
    List<LabelMarginals> labelMarginals,
    List<ModelNote> notes) {
  /** The model format this build writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  public SynthModel {
    Checks.require(formatVersion >= 1, "format-version must be at least 1, got %d", formatVersion);
    Objects.requireNonNull(table, "table is required");
    Objects.requireNonNull(source, "source is required");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is required"));
    notes = notes == null ? List.of() : List.copyOf(notes);
    rules = rules == null ? List.of() : List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (ColumnModel column : columns) {
      Checks.require(names.add(column.name()), "column '%s' appears twice", column.name());
    }
    if (copula != null) {
      for (String name : copula.columns()) {
        Checks.require(names.contains(name), "copula column '%s' is not a model column", name);
      }
      for (String name : copula.presence()) {
        ColumnModel column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        Checks.require(column != null && column.nullFraction() > 0 && column.nullFraction() < 1,
            "copula presence '%s' is not a model column with some nulls and some values", name);
        Checks.require(rules.stream().noneMatch(r -> r instanceof NullPatternRule && r.column().equals(name)),
            "copula presence '%s' names a column whose nulls a null pattern decides", name);
      }
    }
    RuleGraph.check(rules, names);
    labelMarginals = labelMarginals == null ? List.of() : List.copyOf(labelMarginals);
    checkLabelMarginals(labelMarginals, columns, rules);
  }

  /**
   * Per-label marginals belong to a numeric column, once, by a categorical column, and not to a column a rule
   * computes (a map or a sum: it has no draw of its own).
   */
  private static void checkLabelMarginals(List<LabelMarginals> labelMarginals, List<ColumnModel> columns,
      List<Rule> rules) {
    Set<String> seen = new HashSet<>();
    for (LabelMarginals conditional : labelMarginals) {
      String name = conditional.column();
      Checks.require(seen.add(name), "column '%s' has label-marginals twice", name);
      ColumnModel column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
      Checks.require(column != null && column.marginal() instanceof NumericMarginal,
          "label-marginals name column '%s', which is not a numeric model column", name);
      ColumnModel by = columns.stream().filter(c -> c.name().equals(conditional.by())).findFirst().orElse(null);
      Checks.require(by != null && by.marginal() instanceof CategoricalMarginal,
          "label-marginals of %s are by '%s', which is not a categorical model column", name, conditional.by());
      for (Rule rule : rules) {
        Checks.require(!(rule.column().equals(name) && (rule instanceof SumRule || rule instanceof DependencyRule)),
            "column '%s' has label-marginals but rule %s computes it", name, String.join(", ", rule.holds()));
      }
    }
  }

  /** The per-label marginals of a column, if it has them. */
  public Optional<LabelMarginals> labelMarginalsOf(String name) {
    return labelMarginals.stream().filter(c -> c.column().equals(name)).findFirst();
  }

  public Optional<ColumnModel> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
