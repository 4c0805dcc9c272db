package io.synthlake.model;

/** Shares of NaN, +Infinity and -Infinity among a numeric column's non-null values. */
public record NonFinite(double nan, double positiveInfinity, double negativeInfinity) {
  public NonFinite {
    Checks.probability(nan, "non-finite.nan");
    Checks.probability(positiveInfinity, "non-finite.positive-infinity");
    Checks.probability(negativeInfinity, "non-finite.negative-infinity");
    Checks.require(nan + positiveInfinity + negativeInfinity <= 1.0 + Checks.PROBABILITY_SUM_TOLERANCE,
        "non-finite shares add up to more than 1");
  }

  public double total() {
    return nan + positiveInfinity + negativeInfinity;
  }
}
