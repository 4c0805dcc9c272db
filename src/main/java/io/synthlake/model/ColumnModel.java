package io.synthlake.model;

import java.util.Objects;

/** One modelled column: its name, Spark type (DDL name such as "int" or "decimal(10,2)"), kind and marginal. */
public record ColumnModel(String name, String sparkType, ColumnKind kind, double nullFraction, Marginal marginal) {
  public ColumnModel {
    Objects.requireNonNull(name, "column name is required");
    Objects.requireNonNull(sparkType, "spark-type of column " + name + " is required");
    Objects.requireNonNull(kind, "kind of column " + name + " is required");
    Objects.requireNonNull(marginal, "marginal of column " + name + " is required");
    Checks.probability(nullFraction, "null-fraction of column " + name);
    Checks.require(!kind.numeric() || marginal instanceof NumericMarginal || marginal instanceof ConstantMarginal,
        "column %s of kind %s needs a numeric or constant marginal", name, kind.configName());
  }
}
