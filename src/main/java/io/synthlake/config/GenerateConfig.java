package io.synthlake.config;

import java.util.List;

/**
 * How many rows to sample and how.
 *
 * @param rows the number of rows
 * @param scale instead of rows: a multiple of the source's row count stored in the model
 * @param seed the seed of the row streams (default: the model's fit seed)
 * @param partitions Spark tasks (default: one per million rows, at least the cluster's parallelism)
 * @param where a condition every row satisfies ({@link io.synthlake.condition.ConditionSyntax}), or null
 * @param rebalance a label or boolean column whose labels get equal shares, or null
 * @param shares target label shares of one column, {@code COLUMN=LABEL:SHARE,...}, or null
 * @param augment write the source's rows plus synthetic rows of the rebalanced column's labels, up to its target
 *     shares, marked by a boolean column {@value #SYNTHETIC_COLUMN}
 */
public record GenerateConfig(Long rows, Double scale, Long seed, Integer partitions, String where, String rebalance,
    String shares, Boolean augment) {
  /** The provenance column of an augmented table: true for the synthetic rows. */
  public static final String SYNTHETIC_COLUMN = "_synthetic";

  /**
   * The most rows one table may have, appended rows included: 10^13, far beyond any lake, and small enough that
   * row indices and partition arithmetic never overflow a long. Integer key columns have their own, smaller
   * limits (an int key holds 2^31 - 1 rows), checked against the model before anything runs.
   */
  public static final long MAX_ROWS = 10_000_000_000_000L;
  public static final int MAX_PARTITIONS = 1_000_000;

  public static GenerateConfig defaults() {
    return new GenerateConfig(null, null, null, null, null, null, null, null);
  }

  /** The rows and seed of a plain generate: no condition, the model's shares. */
  public GenerateConfig(Long rows, Double scale, Long seed, Integer partitions) {
    this(rows, scale, seed, partitions, null, null, null, null);
  }

  public boolean augments() {
    return Boolean.TRUE.equals(augment);
  }

  /** The condition and target shares, parsed (a malformed one fails with exit 3). */
  public io.synthlake.condition.GenerateConditions conditions() {
    return io.synthlake.condition.GenerateConditions.parse(where, rebalance, shares);
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
    try {
      conditions();
    } catch (io.synthlake.errors.SynthException e) {
      problems.add(new ConfigProblem(where != null && e.getMessage().startsWith("generate.where") ? "generate.where"
          : rebalance != null && shares == null ? "generate.rebalance" : "generate.shares",
          e.getMessage().replaceFirst("^generate\\.(where|rebalance|shares): ", "")));
    }
    if (augments() && rebalance == null && shares == null) {
      problems.add(new ConfigProblem("generate.augment", "augment adds rows of chosen labels: set "
          + "generate.rebalance (--rebalance COLUMN) or generate.shares (--shares)"));
    }
    if (augments() && (rows != null || scale != null)) {
      problems.add(new ConfigProblem("generate.augment", "augment computes the number of rows from the target "
          + "shares: remove generate.rows and generate.scale (--rows, --scale)"));
    }
    if (partitions != null && (partitions < 1 || partitions > MAX_PARTITIONS)) {
      problems.add(new ConfigProblem("generate.partitions", "partitions must be between 1 and " + MAX_PARTITIONS
          + ", got " + partitions));
    }
  }
}
