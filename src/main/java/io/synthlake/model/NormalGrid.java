package io.synthlake.model;

import io.synthlake.stats.StandardNormal;
import java.io.Serializable;

/**
 * Equal cells over the normal scores in [-6, 6), which hold all but 2e-9 of a standard normal's mass. Generate
 * receives the copula's normal z for each value; looking its cell up in a table built from a marginal answers most
 * values without computing Φ(z) or searching the marginal.
 */
final class NormalGrid implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int CELLS = 2048;
  private static final double BOUND = 6.0;
  private static final double CELLS_PER_UNIT = CELLS / (2 * BOUND);
  /** Widens each cell when building tables, so rounding in {@link #cell} can never put z outside its cell. */
  private static final double MARGIN = 1e-9;

  /** first[cell + 1]: the first threshold above the cell's lower end; first[0] = 0 for the scores below. */
  private final int[] first;

  private NormalGrid(int[] first) {
    this.first = first;
  }

  /** The cell of z in [0, CELLS), -1 below the grid, CELLS above it; NaN falls in cell 0. */
  static int cell(double z) {
    double position = (z + BOUND) * CELLS_PER_UNIT;
    if (position < 0) {
      return -1;
    }
    return position >= CELLS ? CELLS : (int) position;
  }

  /** The lowest score of a cell, less the margin. */
  static double low(int cell) {
    return -BOUND + cell / CELLS_PER_UNIT - MARGIN;
  }

  /** The highest score of a cell, plus the margin. */
  static double high(int cell) {
    return -BOUND + (cell + 1) / CELLS_PER_UNIT + MARGIN;
  }

  /** Φ at {@link #low} and {@link #high} of a cell: bounds of Φ(z) for every z of the cell. */
  static double lowUniform(int cell) {
    return StandardNormal.cdf(low(cell));
  }

  static double highUniform(int cell) {
    return StandardNormal.cdf(high(cell));
  }

  /** A grid over non-decreasing thresholds, for finding the first one above a score. */
  static NormalGrid over(double[] thresholds) {
    int[] first = new int[CELLS + 2];
    int index = 0;
    for (int cell = 0; cell <= CELLS; cell++) {
      double low = low(cell);
      while (index < thresholds.length && thresholds[index] <= low) {
        index++;
      }
      first[cell + 1] = index;
    }
    return new NormalGrid(first);
  }

  /**
   * An index at or below that of the first threshold above z, and usually equal to it: callers scan on from it.
   */
  int start(double z) {
    return first[cell(z) + 1];
  }
}
