package io.synthlake.profile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.hll.HllSketch;

/**
 * Profile of a numeric column in one pass: counts of non-null, NaN and infinite values, the frequent values
 * (exact while the column has few distinct values), a distinct-count sketch, and the resolution.
 */
public final class NumericProfileState implements ColumnProfileState {
  private static final long serialVersionUID = 1L;

  private final StepLadder ladder;
  private final double stepTolerance;
  private final int frequentMapSize;
  private long nonNull;
  private long nan;
  private long positiveInfinity;
  private long negativeInfinity;
  private int stepIndex;
  /** The finite values' sum, compensated (Kahan-Babuska), for the exact mean rule discovery compares. */
  private double sum;
  private double compensation;
  private transient LongsSketch frequent;
  private transient HllSketch distinct;

  public NumericProfileState(StepLadder ladder, double stepTolerance, int exactDistinctValues) {
    this.ladder = ladder;
    this.stepTolerance = stepTolerance;
    this.frequentMapSize = Sketches.mapSizeFor(exactDistinctValues);
    this.frequent = new LongsSketch(frequentMapSize);
    this.distinct = new HllSketch(Sketches.HLL_LG_K);
  }

  public void add(double value) {
    nonNull++;
    if (Double.isNaN(value)) {
      nan++;
      return;
    }
    if (Double.isInfinite(value)) {
      if (value > 0) {
        positiveInfinity++;
      } else {
        negativeInfinity++;
      }
      return;
    }
    addToSum(value);
    double normalised = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one value
    frequent.update(Double.doubleToLongBits(normalised));
    distinct.update(normalised);
    if (stepIndex < ladder.size()) {
      stepIndex = ladder.firstDividing(stepIndex, normalised, stepTolerance);
    }
  }

  private void addToSum(double value) {
    double total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? (sum - total) + value : (value - total) + sum;
    sum = total;
  }

  @Override
  public void merge(ColumnProfileState other) {
    NumericProfileState that = (NumericProfileState) other;
    addToSum(that.sum);
    compensation += that.compensation;
    nonNull += that.nonNull;
    nan += that.nan;
    positiveInfinity += that.positiveInfinity;
    negativeInfinity += that.negativeInfinity;
    stepIndex = Math.max(stepIndex, that.stepIndex);
    frequent.merge(that.frequent);
    distinct = Sketches.mergeHll(distinct, that.distinct);
  }

  public NumericSummary summary() {
    long finite = nonNull - nan - positiveInfinity - negativeInfinity;
    return new NumericSummary(nonNull, nan, positiveInfinity, negativeInfinity, Sketches.frequentDoubles(frequent),
        distinct.getEstimate(), finite == 0 ? 0.0 : ladder.step(stepIndex),
        finite == 0 ? Double.NaN : (sum + compensation) / finite);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    Sketches.write(out, frequent);
    Sketches.write(out, distinct);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    frequent = Sketches.readLongs(in);
    distinct = Sketches.readHll(in);
  }
}
