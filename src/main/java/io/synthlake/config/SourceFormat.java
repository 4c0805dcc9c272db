package io.synthlake.config;

import java.util.Arrays;
import java.util.List;

/**
 * Formats a source is read as: the file formats a job may name in {@code source.format}, and {@link #TABLE}, a
 * catalog table that is not Delta (recorded in the model, never written in a job file).
 */
public enum SourceFormat {
  PARQUET, DELTA, CSV, ORC, JSON, TABLE;

  /** The names a job file may give, in the order error messages list them. */
  public static final List<String> CONFIG_NAMES = Arrays.stream(values()).filter(f -> f != TABLE)
      .map(SourceFormat::configName).toList();

  /** The lower-case name Spark's reader, job files and the model use. */
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  /** A job file's {@code source.format}; {@code table} is not one (a catalog source is named by source.table). */
  public static SourceFormat fromConfigName(String text) {
    if (!CONFIG_NAMES.contains(text)) {
      throw new IllegalArgumentException("format '" + text + "' is not one of " + String.join(", ", CONFIG_NAMES));
    }
    return ConfigEnum.parse(SourceFormat.class, text);
  }
}
