package io.synthlake.validate;

/**
 * The two-sample Kolmogorov–Smirnov statistic D = max |F_real(x) - F_synthetic(x)|, walked over the distinct values
 * of both samples in increasing order with their counts in each, exactly as scipy's ks_2samp evaluates it (at
 * every observed value). A walk can start part-way, from the counts below its first value, so that sorted ranges
 * of values are walked in parallel and their maxima combined.
 */
public final class KsWalk {
  private final long realTotal;
  private final long syntheticTotal;
  private long realBelow;
  private long syntheticBelow;
  private double statistic;

  /**
   * @param realBelow real values below the walk's first value (0 for a walk from the start)
   * @param syntheticBelow synthetic values below the walk's first value
   */
  public KsWalk(long realTotal, long syntheticTotal, long realBelow, long syntheticBelow) {
    this.realTotal = realTotal;
    this.syntheticTotal = syntheticTotal;
    this.realBelow = realBelow;
    this.syntheticBelow = syntheticBelow;
  }

  /** The next distinct value, with how many times each sample has it. */
  public void add(long realCount, long syntheticCount) {
    realBelow += realCount;
    syntheticBelow += syntheticCount;
    double difference = Math.abs(realBelow / (double) realTotal - syntheticBelow / (double) syntheticTotal);
    if (difference > statistic) {
      statistic = difference;
    }
  }

  /** D over the values walked so far. */
  public double statistic() {
    return statistic;
  }
}
