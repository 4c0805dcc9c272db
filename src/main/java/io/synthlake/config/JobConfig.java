package io.synthlake.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A job file: the source table, the model path and the fit settings. Sections for generate, output and validate
 * join as those commands do; an unknown key is always an error.
 */
public record JobConfig(SourceConfig source, String model, FitConfig fit) {
  public JobConfig {
    source = source == null ? new SourceConfig(null, null, null, null, null, null, null, null, null, null) : source;
    fit = fit == null ? FitConfig.defaults() : fit;
  }

  /** Every problem with values that bound correctly but make no sense together or are out of range. */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    source.validate(problems);
    fit.validate(problems);
    return problems;
  }
}
