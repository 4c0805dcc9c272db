package io.synthlake.validate;

/**
 * Ten equal-width bins over one table's own non-null range, with numpy's arithmetic (histogram_bin_edges, then
 * digitize): SDMetrics' Column Pair Trends cuts a continuous column this way, separately in each table, before
 * comparing it with a discrete column. Reproducing the edges to the bit keeps a value on an edge in the same bin.
 */
public record EqualWidthBins(double[] edges) {
  public static final int BINS = 10;
  /** Where numpy's digitize puts a missing value: after the last edge, with the maximum. */
  public static final int MISSING_BIN = BINS + 1;

  /**
   * The edges over [min, max] of the non-null values: {@code i * step + min}, the last set to max; a constant
   * column gets [value - 0.5, value + 0.5], and a column without values [0, 1].
   *
   * @throws IllegalArgumentException when the range is not finite (numpy refuses it too)
   */
  public static EqualWidthBins over(double min, double max, long values) {
    double first = values == 0 ? 0 : min;
    double last = values == 0 ? 1 : max;
    if (!Double.isFinite(first) || !Double.isFinite(last)) {
      throw new IllegalArgumentException("the range [" + first + ", " + last + "] is not finite");
    }
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    double[] edges = new double[BINS + 1];
    double step = (last - first) / BINS;
    for (int i = 0; i < BINS; i++) {
      edges[i] = i * step + first;
    }
    edges[BINS] = last;
    return new EqualWidthBins(edges);
  }

  /** numpy.digitize: how many edges are at or below the value (0 to 11); NaN goes to {@link #MISSING_BIN}. */
  public int binOf(double value) {
    if (Double.isNaN(value)) {
      return MISSING_BIN;
    }
    int bin = 0;
    while (bin < edges.length && edges[bin] <= value) {
      bin++;
    }
    return bin;
  }
}
