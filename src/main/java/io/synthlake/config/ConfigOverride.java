package io.synthlake.config;

import java.util.List;

/**
 * A command-line value that replaces a job-file key: the key path as segments (column names may contain dots),
 * the value, and the option it came from (named in error messages).
 */
public record ConfigOverride(List<String> path, Object value, String option) {
  public ConfigOverride {
    path = List.copyOf(path);
  }

  public static ConfigOverride of(String dottedPath, Object value, String option) {
    return new ConfigOverride(List.of(dottedPath.split("\\.")), value, option);
  }

  public String dottedPath() {
    return String.join(".", path);
  }
}
