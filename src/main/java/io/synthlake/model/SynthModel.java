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
@JsonPropertyOrder({"format-version", "table", "created-by", "source", "fit", "columns", "copula", "rules", "notes"})
public record SynthModel(
    int formatVersion,
    String table,
    String createdBy,
    SourceFingerprint source,
    FitSettings fit,
    List<ColumnModel> columns,
    CopulaModel copula,
    List<Rule> rules,
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
    }
    RuleGraph.check(rules, names);
  }

  public Optional<ColumnModel> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
