package io.synthlake.model;

/**
 * The mean and standard deviation of a column's copula normal score among the generated rows with one label of
 * the column it is taken within (a label table's parent, or the label column of per-label marginals). Fit scores
 * such a column within its label, so its score is standard normal given the label in the source; in the Gaussian
 * copula it is not quite, because the label also depends on other scores the column correlates with (a parent's
 * own parent). Generate standardises the score by these moments before drawing the label or value, so the column
 * keeps its label's shares or marginal. Fit measures them by sampling the model itself ({@code
 * io.synthlake.generate.ScoreCalibrator}), never from source rows.
 */
public record ScoreCalibration(double mean, double sd) {
  public ScoreCalibration {
    Checks.finite(mean, "the mean of a score calibration");
    Checks.require(Double.isFinite(sd) && sd > 0, "the sd of a score calibration must be positive, got %s", sd);
  }

  /** The copula score of a standard normal score s: mean + sd·s; s itself for a null calibration. */
  public static double copulaScore(ScoreCalibration calibration, double s) {
    return calibration == null ? s : calibration.mean + calibration.sd * s;
  }
}
