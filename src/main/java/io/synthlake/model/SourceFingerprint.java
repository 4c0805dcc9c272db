package io.synthlake.model;

import java.util.List;
import java.util.Objects;

/**
 * Which data a model was fitted on: the location (path or catalog table), format, Delta version, the row count
 * (after the row filter and the holdout; estimated from the sample when sampling), the rows actually profiled,
 * when, and the rows held out for validate (null when none).
 */
public record SourceFingerprint(
    String location,
    String format,
    Long deltaVersion,
    long rowCount,
    long rowsProfiled,
    String where,
    Double sampleFraction,
    List<String> partitionColumns,
    String readAt,
    Holdout holdout) {
  public SourceFingerprint {
    Objects.requireNonNull(location, "source location is required");
    Objects.requireNonNull(format, "source format is required");
    Checks.require(rowCount >= 0 && rowsProfiled >= 0, "row counts must not be negative");
    partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
  }
}
