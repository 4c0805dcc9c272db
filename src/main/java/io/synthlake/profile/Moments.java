package io.synthlake.profile;

import java.io.Serializable;

/**
 * Count, mean and variance of values and of the logarithms of the positive ones, kept with Welford's update and
 * Chan's merge so that large offsets (timestamps in microseconds) lose no precision.
 */
public final class Moments implements Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  private double mean;
  private double m2;
  private long positive;
  private double logMean;
  private double logM2;

  public void add(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
    if (value > 0) {
      positive++;
      double log = Math.log(value);
      double logDelta = log - logMean;
      logMean += logDelta / positive;
      logM2 += logDelta * (log - logMean);
    }
  }

  /** Adds one value {@code weight} times. */
  public void add(double value, long weight) {
    if (weight <= 0) {
      return;
    }
    Moments repeated = new Moments();
    repeated.count = weight;
    repeated.mean = value;
    if (value > 0) {
      repeated.positive = weight;
      repeated.logMean = Math.log(value);
    }
    merge(repeated);
  }

  public void merge(Moments other) {
    if (other.count == 0) {
      return;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    m2 += other.m2 + delta * delta * count * other.count / n;
    mean += delta * other.count / n;
    count = n;
    if (other.positive > 0) {
      long p = positive + other.positive;
      double logDelta = other.logMean - logMean;
      logM2 += other.logM2 + logDelta * logDelta * positive * other.positive / p;
      logMean += logDelta * other.positive / p;
      positive = p;
    }
  }

  public long count() {
    return count;
  }

  public double mean() {
    return mean;
  }

  /** Population variance. */
  public double variance() {
    return count == 0 ? 0 : m2 / count;
  }

  /** Whether every value was positive (so log-moments describe them all). */
  public boolean allPositive() {
    return count > 0 && positive == count;
  }

  public double logMean() {
    return logMean;
  }

  public double logVariance() {
    return positive == 0 ? 0 : logM2 / positive;
  }
}
