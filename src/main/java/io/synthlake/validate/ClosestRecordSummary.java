package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * Distance to closest record of a synthetic sample and of a uniform-random baseline, each to the source, and
 * SDMetrics' DCRBaselineProtection: min(median synthetic DCR / median baseline DCR, 1). A score near 1 says the
 * synthetic rows are as far from real people as random rows are; near 0, that they sit on top of real records.
 *
 * @param sampleRows synthetic rows compared (as many baseline rows were drawn)
 * @param baselineProtection null when the baseline's median distance is 0 (the source covers its whole domain)
 * @param syntheticDeciles the 0%, 10%, ..., 100% quantiles of the synthetic sample's distances
 * @param baselineDeciles the same for the baseline
 */
@JsonPropertyOrder({"sample-rows", "synthetic-median", "baseline-median", "baseline-protection",
    "synthetic-deciles", "baseline-deciles"})
public record ClosestRecordSummary(int sampleRows, double syntheticMedian, double baselineMedian,
    Double baselineProtection, double[] syntheticDeciles, double[] baselineDeciles) {

  public static ClosestRecordSummary of(double[] synthetic, double[] baseline) {
    if (synthetic.length == 0 || baseline.length == 0) {
      throw new IllegalArgumentException("distance to closest record needs at least one synthetic and one "
          + "baseline row");
    }
    double[] s = synthetic.clone();
    double[] b = baseline.clone();
    Arrays.sort(s);
    Arrays.sort(b);
    double syntheticMedian = quantile(s, 0.5);
    double baselineMedian = quantile(b, 0.5);
    Double protection = baselineMedian == 0 ? null : Math.min(syntheticMedian / baselineMedian, 1.0);
    return new ClosestRecordSummary(synthetic.length, syntheticMedian, baselineMedian, protection, deciles(s),
        deciles(b));
  }

  private static double[] deciles(double[] sorted) {
    double[] deciles = new double[11];
    for (int i = 0; i <= 10; i++) {
      deciles[i] = quantile(sorted, i / 10.0);
    }
    return deciles;
  }

  /** numpy's default (linear) quantile of sorted values, so the median of an even count averages the middle two. */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  }
}
