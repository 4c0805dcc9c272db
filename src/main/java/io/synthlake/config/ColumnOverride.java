package io.synthlake.config;

import io.synthlake.model.ColumnKind;

/** Per-column settings in {@code fit.columns}: forces how the column is modelled. */
public record ColumnOverride(ColumnKind kind) {}
