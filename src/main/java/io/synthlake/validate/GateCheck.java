package io.synthlake.validate;

import io.synthlake.config.ValidateConfig.Gates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares a report with the job's thresholds: one line per breach, naming the score, its value and the key. */
public final class GateCheck {
  private GateCheck() {}

  public static List<String> breaches(ValidationReport report, Gates gates) {
    List<String> breaches = new ArrayList<>();
    atLeast(breaches, "classic overall quality", report.classic().overall(), "min-overall", gates.minOverall());
    atLeast(breaches, "current overall quality", report.current().overall(), "min-overall-current",
        gates.minOverallCurrent());
    atLeast(breaches, "column shapes", report.classic().columnShapes(), "min-column-shapes",
        gates.minColumnShapes());
    atLeast(breaches, "classic column pair trends", report.classic().columnPairTrends(), "min-pair-trends",
        gates.minPairTrends());
    Double copies = report.privacy() == null ? null : report.privacy().exactCopyShare();
    if (gates.maxExactCopyShare() != null && copies != null && copies > gates.maxExactCopyShare()) {
      breaches.add(String.format(Locale.ROOT, "exact-copy share %.4f is above validate.gates.max-exact-copy-share "
          + "%.4f", copies, gates.maxExactCopyShare()));
    }
    return breaches;
  }

  private static void atLeast(List<String> breaches, String what, Double value, String key, Double threshold) {
    if (threshold == null) {
      return;
    }
    if (value == null) {
      breaches.add(String.format(Locale.ROOT, "%s could not be computed; validate.gates.%s requires at least %.4f",
          what, key, threshold));
    } else if (value < threshold) {
      breaches.add(String.format(Locale.ROOT, "%s %.4f is below validate.gates.%s %.4f", what, value, key,
          threshold));
    }
  }
}
