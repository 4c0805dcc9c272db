package io.synthlake.config;

import io.synthlake.model.ColumnKind;
import io.synthlake.text.SemanticType;

/**
 * Per-column settings in {@code fit.columns}: forces how the column is modelled, and what its made-up values are
 * ({@code semantic: city}, or {@code none} to clear a detected type, as for personal data).
 */
public record ColumnOverride(ColumnKind kind, SemanticType semantic) {
  public ColumnOverride(ColumnKind kind) {
    this(kind, null);
  }
}
