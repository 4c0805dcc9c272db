package io.synthlake.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A job file: the source table, the model path, the fit settings, how many rows to generate where, and how to
 * validate them, and which columns hold personal data. An unknown key is always an error.
 */
public record JobConfig(SourceConfig source, String model, FitConfig fit, GenerateConfig generate,
    OutputConfig output, ValidateConfig validate, PiiConfig pii) {
  public JobConfig {
    source = source == null ? SourceConfig.builder().build() : source;
    fit = fit == null ? FitConfig.defaults() : fit;
    generate = generate == null ? GenerateConfig.defaults() : generate;
    output = output == null ? OutputConfig.defaults() : output;
    validate = validate == null ? ValidateConfig.defaults() : validate;
    pii = pii == null ? PiiConfig.defaults() : pii;
  }

  /** Every problem with values that bound correctly but make no sense together or are out of range. */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    source.validate(problems);
    fit.validate(problems);
    generate.validate(problems);
    output.validate(problems);
    validate.validate(problems);
    pii.validate(problems);
    return problems;
  }
}
