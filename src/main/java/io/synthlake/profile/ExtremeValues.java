package io.synthlake.profile;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The k smallest and k largest values seen, exactly, in O(k) memory: the k-th of each is a protected bound that
 * no single record defines (the raw minimum and maximum are never stored in a model).
 */
public final class ExtremeValues implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private double[] smallest;
  private int smallestCount;
  private double[] largest;
  private int largestCount;

  public ExtremeValues(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    this.k = k;
    this.smallest = new double[k];
    this.largest = new double[k];
  }

  public void add(double value) {
    // smallest: ascending; keep if below the current k-th smallest.
    if (smallestCount < k || value < smallest[smallestCount - 1]) {
      int at = smallestCount < k ? smallestCount++ : k - 1;
      while (at > 0 && smallest[at - 1] > value) {
        smallest[at] = smallest[at - 1];
        at--;
      }
      smallest[at] = value;
    }
    // largest: descending; keep if above the current k-th largest.
    if (largestCount < k || value > largest[largestCount - 1]) {
      int at = largestCount < k ? largestCount++ : k - 1;
      while (at > 0 && largest[at - 1] < value) {
        largest[at] = largest[at - 1];
        at--;
      }
      largest[at] = value;
    }
  }

  public void merge(ExtremeValues other) {
    for (int i = 0; i < other.smallestCount; i++) {
      add(other.smallest[i]);
    }
    for (int i = 0; i < other.largestCount; i++) {
      add(other.largest[i]);
    }
  }

  /** How many values are held on each side (at most k). */
  public int count() {
    return smallestCount;
  }

  /** The k-th smallest value, or the largest held when fewer than k values were seen. */
  public double kthSmallest() {
    requireValues();
    return smallest[smallestCount - 1];
  }

  /** The k-th largest value, or the smallest held when fewer than k values were seen. */
  public double kthLargest() {
    requireValues();
    return largest[largestCount - 1];
  }

  public boolean isEmpty() {
    return smallestCount == 0;
  }

  private void requireValues() {
    if (smallestCount == 0) {
      throw new IllegalStateException("no values seen");
    }
  }

  @Override
  public String toString() {
    return "ExtremeValues[k=" + k + ", smallest=" + Arrays.toString(Arrays.copyOf(smallest, smallestCount))
        + ", largest=" + Arrays.toString(Arrays.copyOf(largest, largestCount)) + "]";
  }
}
