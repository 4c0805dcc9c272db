package io.synthlake.validate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distance to closest record (DCR) as SDMetrics defines it: per column |a - b| / range capped at 1 for numbers,
 * 0 or 1 for categories, 0 when both values are missing and 1 when one is; a record's distance is the mean over
 * the columns. Holds a bounded set of query records (a synthetic sample and a random baseline) and folds source
 * records in one at a time, keeping each query's nearest distance; states from different partitions merge by
 * minimum, so the source is read once, in parallel, and never held.
 */
public final class NearestRecords implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A category the queries do not have: equal to no query value. */
  private static final double UNKNOWN_CATEGORY = -2;

  /** A compared column: categories compare by equality, numbers by their distance over the source's range. */
  public record Column(String name, boolean categorical, double range) implements Serializable {}

  private final int width;
  private final boolean[] categorical;
  private final double[] inverseRange;
  private final List<Map<String, Integer>> codes;
  private final double[] queries;
  private final int queryCount;
  /** The columns in the order a comparison adds them: those most likely to differ first, so it stops early. */
  private final int[] checkOrder;

  private NearestRecords(boolean[] categorical, double[] inverseRange, List<Map<String, Integer>> codes,
      double[] queries, int queryCount) {
    this.width = categorical.length;
    this.categorical = categorical;
    this.inverseRange = inverseRange;
    this.codes = codes;
    this.queries = queries;
    this.queryCount = queryCount;
    this.checkOrder = checkOrder();
  }

  /**
   * Categorical columns first, by the chance that two query rows differ there (1 - Σ share²), since a difference
   * costs a whole 1; then the numeric ones. The order changes only when a comparison stops, never its result.
   */
  private int[] checkOrder() {
    double[] differ = new double[width];
    for (int c = 0; c < width; c++) {
      if (!categorical[c]) {
        differ[c] = -1;
        continue;
      }
      Map<Double, Integer> counts = new HashMap<>();
      for (int q = 0; q < queryCount; q++) {
        counts.merge(queries[q * width + c], 1, Integer::sum);
      }
      double same = 0;
      for (int count : counts.values()) {
        same += (count / (double) queryCount) * (count / (double) queryCount);
      }
      differ[c] = 1 - same;
    }
    return java.util.stream.IntStream.range(0, width).boxed()
        .sorted(java.util.Comparator.<Integer>comparingDouble(c -> -differ[c]).thenComparingInt(c -> c))
        .mapToInt(Integer::intValue).toArray();
  }

  /**
   * @param columns the compared columns
   * @param queryRows one value per column each: a Number for a numeric column, a String for a categorical one,
   *     null when missing
   */
  public static NearestRecords of(List<Column> columns, List<Object[]> queryRows) {
    int width = columns.size();
    boolean[] categorical = new boolean[width];
    double[] inverseRange = new double[width];
    List<Map<String, Integer>> codes = new java.util.ArrayList<>();
    for (int c = 0; c < width; c++) {
      Column column = columns.get(c);
      categorical[c] = column.categorical();
      // A zero range makes every difference infinite, which caps at 1: only equal values are near.
      inverseRange[c] = column.categorical() ? 0 : 1 / column.range();
      codes.add(column.categorical() ? new HashMap<>() : null);
    }
    double[] queries = new double[queryRows.size() * width];
    for (int q = 0; q < queryRows.size(); q++) {
      Object[] row = queryRows.get(q);
      if (row.length != width) {
        throw new IllegalArgumentException("query row " + q + " has " + row.length + " values, expected " + width);
      }
      for (int c = 0; c < width; c++) {
        Object value = row[c];
        double encoded;
        if (value == null) {
          encoded = Double.NaN;
        } else if (categorical[c]) {
          Map<String, Integer> dictionary = codes.get(c);
          encoded = dictionary.computeIfAbsent(value.toString(), key -> dictionary.size());
        } else {
          encoded = ((Number) value).doubleValue();
        }
        queries[q * width + c] = encoded;
      }
    }
    return new NearestRecords(categorical, inverseRange, codes, queries, queryRows.size());
  }

  public int queryCount() {
    return queryCount;
  }

  /** A fresh state: every query is farther than any record can be. */
  public double[] newState() {
    double[] state = new double[queryCount];
    Arrays.fill(state, width + 1.0);
    return state;
  }

  /** Encodes a source record (same value kinds as the queries) into {@code out}, which must hold one per column. */
  public double[] encode(Object[] values, double[] out) {
    for (int c = 0; c < width; c++) {
      Object value = values[c];
      if (value == null) {
        out[c] = Double.NaN;
      } else if (categorical[c]) {
        Integer code = codes.get(c).get(value.toString());
        out[c] = code == null ? UNKNOWN_CATEGORY : code;
      } else {
        double number = ((Number) value).doubleValue();
        out[c] = number;
      }
    }
    return out;
  }

  /** Lowers each query's nearest distance to an encoded source record's where it is nearer. */
  public void fold(double[] record, double[] state) {
    for (int q = 0; q < queryCount; q++) {
      double best = state[q];
      int base = q * width;
      double sum = 0;
      int i = 0;
      // Stops adding once the record cannot beat the best so far: most records are far from most queries.
      for (; i < width && sum < best; i++) {
        int c = checkOrder[i];
        sum += columnDistance(c, record[c], queries[base + c]);
      }
      if (i == width && sum < best) {
        state[q] = sum;
      }
    }
  }

  private double columnDistance(int c, double a, double b) {
    if (a == b) {
      return 0;
    }
    boolean aMissing = Double.isNaN(a);
    boolean bMissing = Double.isNaN(b);
    if (aMissing || bMissing) {
      return aMissing && bMissing ? 0 : 1;
    }
    return categorical[c] ? 1 : Math.min(1, Math.abs(a - b) * inverseRange[c]);
  }

  /** Merges another partition's state into {@code into}. */
  public static double[] merge(double[] into, double[] other) {
    for (int q = 0; q < into.length; q++) {
      into[q] = Math.min(into[q], other[q]);
    }
    return into;
  }

  /** Each query's distance to its closest record, as the mean over columns (1 when no record was folded in). */
  public double[] distances(double[] state) {
    double[] distances = new double[queryCount];
    for (int q = 0; q < queryCount; q++) {
      distances[q] = width == 0 ? 0 : Math.min(state[q], width) / width;
    }
    return distances;
  }
}
