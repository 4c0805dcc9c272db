package io.synthlake.profile;

/**
 * What the profile pass hands to fit's decisions for one column: a numeric or a string summary, nothing else, so
 * the decisions switch over the two cases instead of casting.
 */
public sealed interface ColumnSummary permits NumericSummary, StringSummary {
  /** Values that are not null (NaN and infinities included for numbers). */
  long nonNull();
}
