package io.synthlake.profile;

/**
 * What the profile pass learned about a numeric column (numbers, dates as days, timestamps as microseconds).
 *
 * @param resolution the largest step of the column's ladder that divides every finite value; 0 when none does
 * @param mean the finite values' mean (NaN when there are none)
 */
public record NumericSummary(
    long nonNull,
    long nan,
    long positiveInfinity,
    long negativeInfinity,
    FrequentValues<Double> frequent,
    double distinctEstimate,
    double resolution,
    double mean) implements ColumnSummary {

  public long finite() {
    return nonNull - nan - positiveInfinity - negativeInfinity;
  }

  public long nonFinite() {
    return nan + positiveInfinity + negativeInfinity;
  }
}
