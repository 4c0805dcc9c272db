package io.synthlake.fit;

import io.synthlake.profile.ExtremeValues;
import io.synthlake.profile.Moments;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable pass-2 state of a numeric column: exact atom counts and, for the other finite values, their count,
 * k smallest and largest values, and moments.
 */
public final class NumericRest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] atoms;
  private final long[] atomCounts;
  private long restCount;
  private final ExtremeValues extremes;
  private final Moments moments = new Moments();

  public NumericRest(double[] atoms, int boundRank) {
    this.atoms = atoms.clone();
    this.atomCounts = new long[atoms.length];
    this.extremes = new ExtremeValues(boundRank);
  }

  /**
   * Adds one value; non-finite values are not this state's business. Whether the value is one of the rest (finite
   * and no atom), for a caller that sketches those.
   */
  public boolean add(double value) {
    if (!Double.isFinite(value)) {
      return false;
    }
    int atom = atoms.length == 0 ? -1 : Arrays.binarySearch(atoms, value == 0.0 ? 0.0 : value);
    if (atom >= 0) {
      atomCounts[atom]++;
      return false;
    }
    restCount++;
    extremes.add(value);
    moments.add(value);
    return true;
  }

  public void merge(NumericRest other) {
    for (int i = 0; i < atomCounts.length; i++) {
      atomCounts[i] += other.atomCounts[i];
    }
    restCount += other.restCount;
    extremes.merge(other.extremes);
    moments.merge(other.moments);
  }

  public long[] atomCounts() {
    return atomCounts.clone();
  }

  public long restCount() {
    return restCount;
  }

  public ExtremeValues extremes() {
    return extremes;
  }

  public Moments moments() {
    return moments;
  }
}
