package io.synthlake.model;

import java.util.List;
import java.util.Objects;

/**
 * The source rows a fit kept out of every aggregate, as a rule, never as rows: a row is held out when the 64-bit
 * xxHash of (seed, its values in these columns, in this order; Spark's {@code xxhash64}), modulo 2^40, is below
 * fraction x 2^40. validate reads exactly those rows back as the real test set.
 *
 * @param fraction the share of rows held out
 * @param seed the hash's seed
 * @param columns the source columns hashed, in order
 */
public record Holdout(double fraction, long seed, List<String> columns) {
  /** Hash buckets: fractions are resolved to 2^-40. */
  public static final long BUCKETS = 1L << 40;

  public Holdout {
    Checks.require(fraction > 0 && fraction < 1, "holdout fraction must be in (0, 1), got %s", fraction);
    Objects.requireNonNull(columns, "a holdout names the columns it hashes");
    columns = List.copyOf(columns);
    Checks.require(!columns.isEmpty(), "a holdout hashes at least one column");
  }
}
