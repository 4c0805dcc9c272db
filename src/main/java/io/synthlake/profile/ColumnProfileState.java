package io.synthlake.profile;

import java.io.Serializable;

/** The mergeable profile of one column, updated once per non-null value. */
public sealed interface ColumnProfileState extends Serializable permits NumericProfileState, StringProfileState {
  void merge(ColumnProfileState other);

  /** The column's summary for fit's decisions. */
  ColumnSummary summary();
}
