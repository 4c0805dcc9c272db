package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Gaussian copula: the correlation of the normal scores of {@code columns}, then of the presence of the
 * {@code presence} columns, in that order. A presence dimension decides where its column is null: below
 * Φ⁻¹(null fraction), so a column's nulls fall in the rows the other scores make likely (police figures in large
 * cities), not at random. Always a valid correlation matrix (symmetric, unit diagonal, positive definite).
 */
@JsonPropertyOrder({"columns", "presence", "correlation"})
public record CopulaModel(List<String> columns, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> presence,
    double[][] correlation) {
  public CopulaModel {
    columns = List.copyOf(Objects.requireNonNull(columns, "copula columns is required"));
    presence = presence == null ? List.of() : List.copyOf(presence);
    Checks.require(new HashSet<>(presence).size() == presence.size(), "copula presence names a column twice");
    Objects.requireNonNull(correlation, "copula correlation is required");
    int k = columns.size() + presence.size();
    Checks.require(correlation.length == k, "the correlation matrix must be %dx%d for %d columns and %d presences",
        k, k, columns.size(), presence.size());
    double[][] copy = new double[k][];
    for (int i = 0; i < k; i++) {
      Checks.require(correlation[i].length == k, "correlation row %d must have %d entries", i, k);
      copy[i] = correlation[i].clone();
      for (int j = 0; j < k; j++) {
        double r = correlation[i][j];
        Checks.require(Double.isFinite(r) && Math.abs(r) <= 1.0, "correlation[%d][%d] = %s is not in [-1, 1]", i, j,
            r);
      }
      Checks.require(correlation[i][i] == 1.0, "correlation[%d][%d] must be 1", i, i);
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        Checks.require(correlation[i][j] == correlation[j][i], "the correlation matrix must be symmetric (%d, %d)", i,
            j);
      }
    }
    correlation = copy;
  }

  /** A copula of values alone. */
  public CopulaModel(List<String> columns, double[][] correlation) {
    this(columns, List.of(), correlation);
  }

  /** The matrix's size: a dimension per value column, then one per presence. */
  public int dimensions() {
    return columns.size() + presence.size();
  }

  /** The dimension of a column's presence, or -1 when its nulls are not in the copula. */
  public int presenceDimension(String column) {
    int at = presence.indexOf(column);
    return at < 0 ? -1 : columns.size() + at;
  }

  @Override
  public double[][] correlation() {
    double[][] copy = new double[correlation.length][];
    for (int i = 0; i < correlation.length; i++) {
      copy[i] = correlation[i].clone();
    }
    return copy;
  }

  public double correlation(int i, int j) {
    return correlation[i][j];
  }

  /**
   * The copula of the kept value columns and presences only: the principal submatrix, so still a valid correlation
   * matrix; null when fewer than two dimensions are left.
   */
  public CopulaModel keep(Predicate<String> keepColumn,
      Predicate<String> keepPresence) {
    List<Integer> kept = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (keepColumn.test(columns.get(i))) {
        kept.add(i);
        names.add(columns.get(i));
      }
    }
    for (int i = 0; i < presence.size(); i++) {
      if (keepPresence.test(presence.get(i))) {
        kept.add(columns.size() + i);
        present.add(presence.get(i));
      }
    }
    if (kept.size() < 2) {
      return null;
    }
    double[][] reduced = new double[kept.size()][kept.size()];
    for (int a = 0; a < kept.size(); a++) {
      for (int b = 0; b < kept.size(); b++) {
        reduced[a][b] = correlation[kept.get(a)][kept.get(b)];
      }
    }
    return new CopulaModel(names, present, reduced);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopulaModel that
        && columns.equals(that.columns)
        && presence.equals(that.presence)
        && Arrays.deepEquals(correlation, that.correlation);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * columns.hashCode() + presence.hashCode()) + Arrays.deepHashCode(correlation);
  }

  @Override
  public String toString() {
    return "CopulaModel" + columns + (presence.isEmpty() ? "" : " presence" + presence);
  }
}
