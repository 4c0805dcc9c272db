package io.synthlake.validate;

import java.util.LinkedHashMap;
import java.util.Map;

/** SDMetrics' single-column metrics (0.29) from aggregates. */
public final class ColumnScores {
  /** SDMetrics gives a synthetic category that the real data lacks this pseudo-count in the real frequencies. */
  private static final double UNSEEN_CATEGORY_COUNT = 1e-6;

  private ColumnScores() {}

  /**
   * TVComplement: 1 - ½ Σ |f_synthetic(c) - f_real(c)| over the non-null categories; a category only the synthetic
   * table has joins the real frequencies with a count of 1e-6, as SDMetrics' get_frequencies does.
   *
   * @throws IllegalArgumentException when either table has no non-null value (SDMetrics raises too)
   */
  public static double tvComplement(Map<String, Long> real, Map<String, Long> synthetic) {
    long syntheticTotal = synthetic.values().stream().mapToLong(Long::longValue).sum();
    if (real.isEmpty() || syntheticTotal == 0) {
      throw new IllegalArgumentException("TVComplement needs at least one non-null value in each table");
    }
    Map<String, Double> expected = new LinkedHashMap<>();
    real.forEach((category, count) -> expected.put(category, count.doubleValue()));
    synthetic.keySet().forEach(category -> expected.putIfAbsent(category, UNSEEN_CATEGORY_COUNT));
    double realTotal = expected.values().stream().mapToDouble(Double::doubleValue).sum();
    double distance = 0;
    for (Map.Entry<String, Double> entry : expected.entrySet()) {
      double observed = synthetic.getOrDefault(entry.getKey(), 0L) / (double) syntheticTotal;
      distance += Math.abs(observed - entry.getValue() / realTotal);
    }
    return 1 - 0.5 * distance;
  }

  /** MissingValueSimilarity: 1 - |null share real - null share synthetic|. */
  public static double missingValueSimilarity(double realNullShare, double syntheticNullShare) {
    return 1 - Math.abs(realNullShare - syntheticNullShare);
  }
}
