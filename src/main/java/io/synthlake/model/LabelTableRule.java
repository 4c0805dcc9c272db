package io.synthlake.model;

import io.synthlake.rules.RuleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The labels of {@code child} given the label of {@code parent}: one row of shares per stored parent label, over
 * the child's categories in its marginal's order (then its other bucket, if any), and {@code otherwise} for rows
 * whose parent is null or a folded label. Cells seen fewer than min-category-count times are 0, so label rules
 * such as {@code relationship = 'Husband' -> sex = 'Male'} (the rule texts in {@code holds}) hold in every
 * generated row. Generate draws the child from its row at the child's copula uniform, which fit scored within the
 * same row (a Rosenblatt transform), so the child keeps its correlations with the other copula columns; a row's
 * calibration standardises that score first.
 */
public record LabelTableRule(List<String> holds, Origin origin, long sourceExceptions, String parent, String child,
    List<LabelRow> rows, double[] otherwise) implements Rule {

  /**
   * The child's shares among the rows whose parent has label {@code when}, and the moments of the child's copula
   * score among those rows ({@link ScoreCalibration}; null when not measured).
   */
  public record LabelRow(String when, double[] shares, ScoreCalibration calibration) {
    public LabelRow {
      Objects.requireNonNull(when, "a label-table row needs 'when'");
      shares = checkedShares(shares, "row '" + when + "'");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof LabelRow that && when.equals(that.when) && java.util.Arrays.equals(shares, that.shares)
          && Objects.equals(calibration, that.calibration);
    }

    @Override
    public int hashCode() {
      return (31 * when.hashCode() + java.util.Arrays.hashCode(shares)) * 31 + Objects.hashCode(calibration);
    }

    @Override
    public String toString() {
      return when + java.util.Arrays.toString(shares) + (calibration == null ? "" : " " + calibration);
    }

    /** This row with the given calibration. */
    public LabelRow calibrated(ScoreCalibration with) {
      return new LabelRow(when, shares, with);
    }
  }

  public LabelTableRule {
    Objects.requireNonNull(parent, "a label-table rule needs 'parent'");
    Objects.requireNonNull(child, "a label-table rule needs 'child'");
    Checks.require(!parent.equals(child), "label-table rule on %s names it twice", child);
    rows = List.copyOf(Objects.requireNonNull(rows, "a label-table rule needs 'rows'"));
    otherwise = checkedShares(otherwise, "otherwise");
    Set<String> seen = new HashSet<>();
    for (LabelRow row : rows) {
      Checks.require(seen.add(row.when()), "label table %s -> %s has row '%s' twice", parent, child, row.when());
      Checks.require(row.shares().length == otherwise.length,
          "label table %s -> %s: row '%s' has %d shares, otherwise has %d", parent, child, row.when(),
          row.shares().length, otherwise.length);
    }
    holds = holds == null ? List.of() : List.copyOf(holds);
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
  }

  private static double[] checkedShares(double[] shares, String what) {
    Objects.requireNonNull(shares, "a label-table " + what + " needs shares");
    double total = 0;
    for (double share : shares) {
      Checks.probability(share, "a share of label-table " + what);
      total += share;
    }
    Checks.require(Math.abs(total - 1) <= Checks.PROBABILITY_SUM_TOLERANCE,
        "the shares of label-table %s add up to %s, not 1", what, total);
    return shares.clone();
  }

  @Override
  public double[] otherwise() {
    return otherwise.clone();
  }

  @Override
  public String column() {
    return child;
  }

  @Override
  public List<String> reads() {
    return List.of(parent);
  }

  @Override
  public List<RuleSpec> specs() {
    return holds.stream().map(io.synthlake.rules.RuleSyntax::parse).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelTableRule that && holds.equals(that.holds) && origin == that.origin
        && sourceExceptions == that.sourceExceptions && parent.equals(that.parent) && child.equals(that.child)
        && rows.equals(that.rows) && java.util.Arrays.equals(otherwise, that.otherwise);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(holds, parent, child, rows) * 31 + java.util.Arrays.hashCode(otherwise);
  }
}
