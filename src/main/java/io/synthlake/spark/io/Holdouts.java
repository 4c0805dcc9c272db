package io.synthlake.spark.io;

import io.synthlake.model.Holdout;
import io.synthlake.spark.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The rows of a {@link Holdout}, as a Spark condition: a pure function of each row's values and the seed, so fit
 * and validate pick the same rows however the source is laid out, and neither stores a row.
 */
public final class Holdouts {
  private Holdouts() {}

  /**
   * A holdout of this share of rows, over every column of the source that Spark's xxhash64 takes (not maps or
   * variants), seeded by the fit's seed.
   */
  public static Holdout of(Dataset<Row> source, double fraction, long seed) {
    java.util.List<String> hashed = java.util.Arrays.stream(source.schema().fields())
        .filter(f -> !(f.dataType() instanceof org.apache.spark.sql.types.MapType)
            && !(f.dataType() instanceof org.apache.spark.sql.types.VariantType))
        .map(org.apache.spark.sql.types.StructField::name).toList();
    if (hashed.isEmpty()) {
      throw io.synthlake.errors.SynthException.input("fit.holdout: no column of the source can be hashed to choose "
          + "the held-out rows (maps and variants cannot)");
    }
    return new Holdout(fraction, seed ^ 0x401d0075L, hashed);
  }

  /** True for the held-out rows. */
  public static Column held(Holdout holdout) {
    Column[] keyed = new Column[holdout.columns().size() + 1];
    keyed[0] = functions.lit(holdout.seed());
    for (int i = 0; i < holdout.columns().size(); i++) {
      keyed[i + 1] = Columns.named(holdout.columns().get(i));
    }
    return functions.pmod(functions.xxhash64(keyed), functions.lit(Holdout.BUCKETS))
        .lt(functions.lit((long) (holdout.fraction() * Holdout.BUCKETS)));
  }
}
