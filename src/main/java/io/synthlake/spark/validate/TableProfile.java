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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One pass of aggregates over a table: its row count, and per scored column the non-null count and, for
 * continuous columns, min, max, mean, standard deviation (n - 1, as pandas) and approximate quartiles; given
 * another table's profile, also how many values lie inside that table's [min, max] (BoundaryAdherence).
 */
record TableProfile(long rows, Map<String, ColumnProfile> columns) {
  /** Quartiles are diagnostics, not scores: percentile_approx at this accuracy errs by about 1e-4 in rank. */
  private static final int QUARTILE_ACCURACY = 10_000;

  /**
   * Per column; the continuous statistics are null for discrete columns and for columns without values, and
   * insideBounds is null unless bounds were given.
   */
  record ColumnProfile(long values, Double min, Double max, Double mean, Double std, double[] quartiles,
      Long insideBounds) {
    double nullShare(long rows) {
      return rows == 0 ? 0 : (rows - values) / (double) rows;
    }
  }

  static TableProfile of(Dataset<Row> frame, List<ScoredColumn> scored) {
    return of(frame, scored, null);
  }

  /** @param bounds a profile whose continuous columns' [min, max] to count values inside, or null */
  static TableProfile of(Dataset<Row> frame, List<ScoredColumn> scored, TableProfile bounds) {
    List<Column> aggregates = new ArrayList<>();
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
        ColumnProfile other = bounds == null ? null : bounds.column(column.name());
        if (other != null && other.min() != null) {
          aggregates.add(sum(when(value.geq(lit(other.min())).and(value.leq(lit(other.max()))), 1L).otherwise(0L)));
        }
      }
    }
    Row row = frame.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    Map<String, ColumnProfile> columns = new LinkedHashMap<>();
    int i = 1;
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
        if (other != null && other.min() != null) {
          // A sum over no rows is null: none inside.
          inside = row.isNullAt(i) ? 0L : row.getLong(i);
          i++;
        }
        columns.put(column.name(), new ColumnProfile(values, low, high, mean, std, quartiles, inside));
      } else {
        columns.put(column.name(), new ColumnProfile(values, null, null, null, null, null, null));
      }
    }
    return new TableProfile(row.getLong(0), columns);
  }

  private static Double nullable(Row row, int i) {
    return row.isNullAt(i) ? null : ((Number) row.get(i)).doubleValue();
  }

  ColumnProfile column(String name) {
    return columns.get(name);
  }
}
