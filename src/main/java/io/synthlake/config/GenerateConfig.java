package io.synthlake.config;

import java.util.List;

/**
 * How many rows to sample and how.
 *
 * @param rows the number of rows
 * @param scale instead of rows: a multiple of the source's row count stored in the model
 * @param seed the seed of the row streams (default: the model's fit seed)
 * @param partitions Spark tasks (default: one per million rows, at least the cluster's parallelism)
 */
public record GenerateConfig(Long rows, Double scale, Long seed, Integer partitions) {
  public static GenerateConfig defaults() {
    return new GenerateConfig(null, null, null, null);
  }

  void validate(List<ConfigProblem> problems) {
    if (rows != null && rows < 1) {
      problems.add(new ConfigProblem("generate.rows", "rows must be at least 1, got " + rows));
    }
    if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
      problems.add(new ConfigProblem("generate.scale", "scale must be a positive number, got " + scale));
    }
    if (rows != null && scale != null) {
      problems.add(new ConfigProblem("generate", "set either generate.rows or generate.scale, not both"));
    }
    if (partitions != null && (partitions < 1 || partitions > 1_000_000)) {
      problems.add(new ConfigProblem("generate.partitions", "partitions must be between 1 and 1000000, got "
          + partitions));
    }
  }
}
