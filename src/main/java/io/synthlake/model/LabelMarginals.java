package io.synthlake.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Per-label marginals of a numeric, date or timestamp {@code column} whose distribution depends on the label of the
 * categorical column {@code by} (a conditional copula in the sense of Patton 2006): rows whose {@code by} label has
 * an entry draw from that label's marginal, the others (a rarer, folded or null label) from {@code rest}, or from
 * the column's own marginal when {@code rest} is absent. The copula holds the column's normal score within its
 * label, so the column keeps its correlations with the other columns. {@code etaSquared} is the share of the
 * column's variance that the labels explain (the correlation ratio, corrected for the number of labels), kept for
 * the reader. Each marginal is built like a column's (knots of at least min-category-count values, k-th values as
 * bounds), from the rows of its label alone.
 */
public record LabelMarginals(String column, String by, double etaSquared, List<ByLabel> labels,
    NumericMarginal rest) {

  /**
   * The marginal of the rows whose {@code by} label is {@code when}, and the moments of the column's copula score
   * among those rows ({@link ScoreCalibration}; null when not measured).
   */
  public record ByLabel(String when, NumericMarginal marginal, ScoreCalibration calibration) {
    public ByLabel {
      Objects.requireNonNull(when, "a per-label marginal needs 'when'");
      Objects.requireNonNull(marginal, "the per-label marginal of '" + when + "' needs 'marginal'");
    }

    /** This label's marginal with the given calibration. */
    public ByLabel calibrated(ScoreCalibration with) {
      return new ByLabel(when, marginal, with);
    }
  }

  public LabelMarginals {
    Objects.requireNonNull(column, "label-marginals need 'column'");
    Objects.requireNonNull(by, "label-marginals of " + column + " need 'by'");
    Checks.require(!column.equals(by), "label-marginals of %s are by the column itself", column);
    Checks.require(Double.isFinite(etaSquared) && etaSquared >= 0 && etaSquared <= 1,
        "eta-squared of the label-marginals of %s must be in [0, 1], got %s", column, etaSquared);
    labels = List.copyOf(Objects.requireNonNull(labels, "label-marginals of " + column + " need 'labels'"));
    Checks.require(!labels.isEmpty(), "label-marginals of %s list no label", column);
    Set<String> seen = new HashSet<>();
    for (ByLabel label : labels) {
      Checks.require(seen.add(label.when()), "label-marginals of %s list label '%s' twice", column, label.when());
    }
  }
}
