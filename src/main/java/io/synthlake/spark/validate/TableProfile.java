package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthlake.profile.ExtremeValues;
import io.synthlake.spark.JavaBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One pass of aggregates over a table: its row count, and per scored column the non-null count and, for
 * continuous columns, min, max, mean, standard deviation (n - 1, as pandas), approximate quartiles and, for the
 * source, the protected bounds (k-th smallest and largest values); given the source's profile, also how many
 * values lie inside its [min, max] (BoundaryAdherence) and how many beyond its protected bounds (privacy).
 */
record TableProfile(long rows, Map<String, ColumnProfile> columns) {
  /** Quartiles are diagnostics, not scores: percentile_approx at this accuracy errs by about 1e-4 in rank. */
  private static final int QUARTILE_ACCURACY = 10_000;

  /**
   * Per column; the continuous statistics are null for discrete columns and for columns without values, the
   * protected bounds are null unless a bound rank was given, and the counts against the source's bounds are null
   * unless the source's profile was given.
   */
  record ColumnProfile(long values, Double min, Double max, Double mean, Double std, double[] quartiles,
      Double protectedLow, Double protectedHigh, Long insideBounds, Long belowProtected, Long aboveProtected) {
    /** A discrete column: only its count of values, no numeric statistics. */
    static ColumnProfile counted(long values) {
      return new ColumnProfile(values, null, null, null, null, null, null, null, null, null, null);
    }

    double nullShare(long rows) {
      return rows == 0 ? 0 : (rows - values) / (double) rows;
    }
  }

  /** The source's profile, with protected bounds at the given rank (fit's bound-rank). */
  static TableProfile ofSource(Dataset<Row> frame, List<ScoredColumn> scored, int boundRank) {
    return of(frame, scored, null, boundRank);
  }

  /** The synthetic table's profile, counting its values against the source's bounds. */
  static TableProfile ofSynthetic(Dataset<Row> frame, List<ScoredColumn> scored, TableProfile source) {
    return of(frame, scored, source, 0);
  }

  private static TableProfile of(Dataset<Row> frame, List<ScoredColumn> scored, TableProfile bounds,
      int boundRank) {
    List<Column> aggregates = new ArrayList<>();
    List<Column> continuousValues = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (ScoredColumn column : scored) {
      Column value = column.value();
      aggregates.add(count(value));
      if (column.sdtype().continuous()) {
        aggregates.add(min(value));
        aggregates.add(max(value));
        aggregates.add(avg(value));
        aggregates.add(stddev_samp(value));
        aggregates.add(percentile_approx(value, functions.array(lit(0.25), lit(0.5), lit(0.75)),
            lit(QUARTILE_ACCURACY)));
        continuousValues.add(value.as("v" + continuousValues.size()));
        ColumnProfile other = bounds == null ? null : bounds.column(column.name());
        if (other != null && other.min() != null) {
          aggregates.add(sum(when(value.geq(lit(other.min())).and(value.leq(lit(other.max()))), 1L).otherwise(0L)));
          aggregates.add(sum(when(value.lt(lit(other.protectedLow())), 1L).otherwise(0L)));
          aggregates.add(sum(when(value.gt(lit(other.protectedHigh())), 1L).otherwise(0L)));
        }
      }
    }
    boolean protectedBounds = boundRank > 0 && !continuousValues.isEmpty();
    if (protectedBounds) {
      StructType input = new StructType();
      for (int c = 0; c < continuousValues.size(); c++) {
        input = input.add("v" + c, DataTypes.DoubleType, true);
      }
      UserDefinedFunction extremes = functions.udaf(
          new ProtectedBoundsAggregator(continuousValues.size(), boundRank), Encoders.row(input));
      aggregates.add(extremes.apply(continuousValues.toArray(Column[]::new)));
    }
    Row row = frame.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    ExtremeValues[] extremes = protectedBounds ? JavaBytes.read((byte[]) row.get(row.length() - 1),
        ProtectedBoundsAggregator.Buffer.class).extremes : null;
    Map<String, ColumnProfile> columns = new LinkedHashMap<>();
    int i = 1;
    int continuous = 0;
    for (ScoredColumn column : scored) {
      long values = row.getLong(i++);
      if (column.sdtype().continuous()) {
        Double low = nullable(row, i++);
        Double high = nullable(row, i++);
        Double mean = nullable(row, i++);
        Double std = nullable(row, i++);
        double[] quartiles = null;
        if (!row.isNullAt(i)) {
          List<Object> q = row.getList(i);
          quartiles = new double[] {(Double) q.get(0), (Double) q.get(1), (Double) q.get(2)};
        }
        i++;
        ColumnProfile other = bounds == null ? null : bounds.column(column.name());
        Long inside = null;
        Long below = null;
        Long above = null;
        if (other != null && other.min() != null) {
          inside = countAt(row, i++);
          below = countAt(row, i++);
          above = countAt(row, i++);
        }
        ExtremeValues kept = extremes == null ? null : extremes[continuous];
        continuous++;
        boolean bounded = kept != null && !kept.isEmpty();
        columns.put(column.name(), new ColumnProfile(values, low, high, mean, std, quartiles,
            bounded ? kept.kthSmallest() : null, bounded ? kept.kthLargest() : null, inside, below, above));
      } else {
        columns.put(column.name(), ColumnProfile.counted(values));
      }
    }
    return new TableProfile(row.getLong(0), columns);
  }

  /** A sum over no rows is null: none counted. */
  private static long countAt(Row row, int i) {
    return row.isNullAt(i) ? 0L : row.getLong(i);
  }

  private static Double nullable(Row row, int i) {
    return row.isNullAt(i) ? null : ((Number) row.get(i)).doubleValue();
  }

  ColumnProfile column(String name) {
    return columns.get(name);
  }
}
