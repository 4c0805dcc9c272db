package io.synthlake.lake;

import java.util.Locale;

/**
 * A foreign key found in the data, for a person to confirm: a child column whose values are (nearly all) among a
 * parent column's unique values.
 *
 * @param contained the child's non-null values found among the parent's keys
 * @param values the child's non-null values
 * @param nameEvidence why the names match, or null when only the values do
 */
public record KeyProposal(String childTable, String childColumn, String parentTable, String parentColumn,
    long contained, long values, String nameEvidence) {
  /** The share of contained values that makes a proposal. */
  public static final double MIN_CONTAINMENT = 0.95;

  public double containment() {
    return values == 0 ? 0 : (double) contained / values;
  }

  /** The lake-file entry, with a comment saying why it is proposed. */
  public String yaml() {
    return String.format(Locale.ROOT, "      - {columns: [%s], references: {table: %s, columns: [%s]}}  "
        + "# %.1f%% of %,d values are %s.%s keys%s", childColumn, parentTable, parentColumn, 100 * containment(),
        values, parentTable, parentColumn, nameEvidence == null ? "; names differ" : "; " + nameEvidence);
  }
}
