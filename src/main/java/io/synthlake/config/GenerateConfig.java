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
  /**
   * The most rows one table may have, appended rows included: 10^13, far beyond any lake, and small enough that
   * row indices and partition arithmetic never overflow a long. Integer key columns have their own, smaller
   * limits (an int key holds 2^31 - 1 rows), checked against the model before anything runs.
   */
  public static final long MAX_ROWS = 10_000_000_000_000L;
  public static final int MAX_PARTITIONS = 1_000_000;

  public static GenerateConfig defaults() {
    return new GenerateConfig(null, null, null, null);
  }

  /** The seed of the rows: generate.seed when set, else the fit's seed. */
  public long seedOr(long fitSeed) {
    return seed != null ? seed : fitSeed;
  }

  /** The seed of the rows of this model: generate.seed when set, else the model's fit seed. */
  public long seedFor(io.synthlake.model.SynthModel model) {
    return seedOr(fitSeed(model));
  }

  /** The model's fit seed; 0 for a model without fit settings. */
  public static long fitSeed(io.synthlake.model.SynthModel model) {
    return model.fit() == null ? 0 : model.fit().seed();
  }

  /** Refuses a table of more than {@link #MAX_ROWS} rows (rows from --scale, or appended to existing ones). */
  public static void checkTotalRows(long existing, long rows, String what) {
    if (rows > MAX_ROWS - existing) {
      throw io.synthlake.errors.SynthException.config("%s: %,d rows%s is more than synthlake's limit of %,d (10^13) "
          + "rows per table", what, rows, existing == 0 ? "" : String.format(" after the %,d existing ones", existing),
          MAX_ROWS);
    }
  }

  void validate(List<ConfigProblem> problems) {
    if (rows != null && rows < 1) {
      problems.add(new ConfigProblem("generate.rows", "rows must be at least 1, got " + rows));
    }
    if (rows != null && rows > MAX_ROWS) {
      problems.add(new ConfigProblem("generate.rows", "rows must be at most " + MAX_ROWS + " (10^13), got "
          + rows));
    }
    if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
      problems.add(new ConfigProblem("generate.scale", "scale must be a positive number, got " + scale));
    }
    if (scale != null && scale > MAX_ROWS) {
      problems.add(new ConfigProblem("generate.scale", "scale must be at most " + MAX_ROWS + " (10^13), got "
          + scale));
    }
    if (rows != null && scale != null) {
      problems.add(new ConfigProblem("generate", "set either generate.rows or generate.scale, not both"));
    }
    if (partitions != null && (partitions < 1 || partitions > MAX_PARTITIONS)) {
      problems.add(new ConfigProblem("generate.partitions", "partitions must be between 1 and " + MAX_PARTITIONS
          + ", got " + partitions));
    }
  }
}
