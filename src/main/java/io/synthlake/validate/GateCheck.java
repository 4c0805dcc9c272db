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
    RuleReport rules = report.rules();
    // No rule found, or none that applies to a synthetic row: nothing is broken.
    if (gates.minRuleAdherence() != null && rules != null && rules.ruleAdherence() != null
        && rules.ruleAdherence() < gates.minRuleAdherence()) {
      breaches.add(String.format(Locale.ROOT, "rule adherence %.4f (%s) is below validate.gates.min-rule-adherence "
          + "%.4f", rules.ruleAdherence(), rules.lowest(), gates.minRuleAdherence()));
    }
    MlUtility ml = report.mlUtility();
    if (gates.minMlUtility() != null) {
      if (ml == null || ml.lowestRatio() == null) {
        breaches.add(String.format(Locale.ROOT, "ML utility %s; validate.gates.min-ml-utility requires at least "
            + "%.4f", ml == null ? "was not measured (validate.target is not set)" : "could not be computed (no model "
            + "beat the mean, or a measure is undefined)", gates.minMlUtility()));
      } else if (ml.lowestRatio() < gates.minMlUtility()) {
        breaches.add(String.format(Locale.ROOT, "ML utility %.4f (%s: TSTR/TRTR of %s) is below "
            + "validate.gates.min-ml-utility %.4f", ml.lowestRatio(), ml.lowest(), ml.target(),
            gates.minMlUtility()));
      }
    }
    TextReport text = report.text();
    if (gates.minTextPlausibility() != null && text != null && text.lowestShare() != null
        && text.lowestShare() < gates.minTextPlausibility()) {
      breaches.add(String.format(Locale.ROOT, "text plausibility %.4f (%s: share of generated words that are known) "
          + "is below validate.gates.min-text-plausibility %.4f", text.lowestShare(), text.lowest(),
          gates.minTextPlausibility()));
    }
    ValidationReport.Privacy privacy = report.privacy();
    if (privacy == null) {
      return breaches;
    }
    if (gates.maxExactCopyShare() != null && privacy.exactCopyShare() > gates.maxExactCopyShare()) {
      breaches.add(String.format(Locale.ROOT, "exact-copy share %.4f is above validate.gates.max-exact-copy-share "
          + "%.4f", privacy.exactCopyShare(), gates.maxExactCopyShare()));
    }
    ClosestRecordSummary dcr = privacy.distanceToClosestRecord();
    if (gates.minDcrProtection() != null) {
      Double protection = dcr == null ? null : dcr.baselineProtection();
      String missing = dcr == null ? "was not measured (validate.dcr-sample-rows is 0)"
          : "could not be computed (the random baseline's median distance is 0)";
      if (protection == null) {
        breaches.add(String.format(Locale.ROOT, "DCR baseline protection %s; validate.gates.min-dcr-protection "
            + "requires at least %.4f", missing, gates.minDcrProtection()));
      } else {
        atLeast(breaches, "DCR baseline protection", protection, "min-dcr-protection", gates.minDcrProtection());
      }
    }
    if (gates.maxRareCategories() != null && privacy.rareCategories().categories() > gates.maxRareCategories()) {
      breaches.add(String.format(Locale.ROOT, "%d source categories seen fewer than %d times appear in the output "
          + "(in %d rows; columns %s), above validate.gates.max-rare-categories %d",
          privacy.rareCategories().categories(), privacy.rareCategories().minCategoryCount(),
          privacy.rareCategories().rows(), String.join(", ", privacy.rareCategories().columns().stream()
              .map(PrivacyChecks.RareColumn::column).toList()), gates.maxRareCategories()));
    }
    HoldoutPrivacy held = privacy.holdout();
    if (gates.maxDcrShare() != null || gates.maxMiaAdvantage() != null) {
      if (held == null || held.dcrShare() == null || held.miaAdvantage() == null) {
        breaches.add(String.format(Locale.ROOT, "DCR share and membership inference were not measured (the model "
            + "has no holdout: fit with --holdout, or validate.dcr-sample-rows is 0); validate.gates.max-dcr-share "
            + "and max-mia-advantage need them"));
      } else {
        atMost(breaches, "DCR share (synthetic rows nearer to a training row than to a held-out one)",
            held.dcrShare(), "max-dcr-share", gates.maxDcrShare());
        atMost(breaches, "membership-inference advantage", held.miaAdvantage(), "max-mia-advantage",
            gates.maxMiaAdvantage());
      }
    }
    if (gates.maxBeyondBounds() != null && privacy.beyondBounds().values() > gates.maxBeyondBounds()) {
      breaches.add(String.format(Locale.ROOT, "%d synthetic values lie beyond the source's protected bounds "
          + "(columns %s), above validate.gates.max-beyond-bounds %d", privacy.beyondBounds().values(),
          String.join(", ", privacy.beyondBounds().columns().stream().map(PrivacyChecks.BeyondColumn::column)
              .toList()), gates.maxBeyondBounds()));
    }
    return breaches;
  }

  private static void atMost(List<String> breaches, String what, double value, String key, Double threshold) {
    if (threshold != null && value > threshold) {
      breaches.add(String.format(Locale.ROOT, "%s %.4f is above validate.gates.%s %.4f", what, value, key,
          threshold));
    }
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
