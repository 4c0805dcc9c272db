package io.synthlake.validate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SDMetrics' column-pair metrics (0.29) from aggregates: CorrelationSimilarity from two Pearson coefficients,
 * ContingencySimilarity from two tables of counts, and Cramér's V of the real table (the "current" relevance test).
 * A cell key is any object with equals (the Spark adapter uses the pair of values, null included as a value).
 */
public final class PairScores {
  private PairScores() {}

  /** 1 - |ρ_real - ρ_synthetic| / 2. */
  public static double correlationSimilarity(double realCorrelation, double syntheticCorrelation) {
    return 1 - Math.abs(realCorrelation - syntheticCorrelation) / 2;
  }

  /** 1 - ½ Σ |p_real(cell) - p_synthetic(cell)| over the cells of either table, each divided by its row count. */
  public static <K> double contingencySimilarity(Map<K, Long> real, long realRows, Map<K, Long> synthetic,
      long syntheticRows) {
    Set<K> cells = new HashSet<>(real.keySet());
    cells.addAll(synthetic.keySet());
    double difference = 0;
    for (K cell : cells) {
      double p = real.getOrDefault(cell, 0L) / (double) realRows;
      double q = synthetic.getOrDefault(cell, 0L) / (double) syntheticRows;
      difference += Math.abs(p - q) / 2;
    }
    return 1 - difference;
  }

  /**
   * The ContingencySimilarity a table with these marginals and no relationship would get in the limit of many
   * rows: 1 - ½ Σ |p(a, b) - p(a)·p(b)| over all a × b (an absent cell contributes p(a)·p(b)).
   */
  public static <A, B> double contingencyIndependence(Map<Cell<A, B>, Long> counts, long rows) {
    Map<A, Long> firsts = firstMargin(counts);
    Map<B, Long> seconds = secondMargin(counts);
    double difference = 0;
    double independentMass = 0;
    for (Map.Entry<Cell<A, B>, Long> entry : counts.entrySet()) {
      double independent = firsts.get(entry.getKey().first()) / (double) rows
          * (seconds.get(entry.getKey().second()) / (double) rows);
      difference += Math.abs(entry.getValue() / (double) rows - independent);
      independentMass += independent;
    }
    return 1 - (difference + Math.max(0, 1 - independentMass)) / 2;
  }

  /**
   * Cramér's V of a two-way table of counts, keyed by (row value, column value): √(χ² / (n·(min(r, c) - 1))), with
   * χ² without continuity correction over all r × c cells (absent cells count as zero). NaN when either side has
   * fewer than two values.
   */
  public static <A, B> double cramersV(Map<Cell<A, B>, Long> counts) {
    Map<A, Long> rows = firstMargin(counts);
    Map<B, Long> columns = secondMargin(counts);
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    int smaller = Math.min(rows.size(), columns.size());
    if (smaller < 2 || n == 0) {
      return Double.NaN;
    }
    // Σ (O - E)² / E over every cell = Σ over observed cells of O² / E, minus n (Σ O = Σ E = n).
    double sum = 0;
    for (Map.Entry<Cell<A, B>, Long> entry : counts.entrySet()) {
      double observed = entry.getValue();
      double expected = (double) rows.get(entry.getKey().first()) * columns.get(entry.getKey().second()) / n;
      sum += observed * observed / expected;
    }
    double chiSquare = Math.max(0, sum - n);
    return Math.sqrt(chiSquare / (n * (smaller - 1.0)));
  }

  /** The counts of each first value, over all second values. */
  private static <A, B> Map<A, Long> firstMargin(Map<Cell<A, B>, Long> counts) {
    Map<A, Long> margin = new HashMap<>();
    counts.forEach((cell, count) -> margin.merge(cell.first(), count, Long::sum));
    return margin;
  }

  /** The counts of each second value, over all first values. */
  private static <A, B> Map<B, Long> secondMargin(Map<Cell<A, B>, Long> counts) {
    Map<B, Long> margin = new HashMap<>();
    counts.forEach((cell, count) -> margin.merge(cell.second(), count, Long::sum));
    return margin;
  }

  /** A cell of a two-way table; either value may be null (a missing value is a category of its own). */
  public record Cell<A, B>(A first, B second) {}
}
