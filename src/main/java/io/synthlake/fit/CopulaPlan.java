package io.synthlake.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the Gaussian copula (prepared-column indices and names, in copula order), how each value maps to
 * a uniform, and each column's clip ε for u; {@code extra} are the prepared columns the pass reads after those
 * (the parents of label tables, whose scorers read them). A column whose nulls join the copula appears twice: its
 * value, then (after every value) its {@link UniformScorer.Presence}.
 *
 * @param nullsDecidedBy per copula position, the presence positions that decide where its column is null (its
 *     own, and those of the columns whose nulls its null pattern copies): its value is scored only where they say
 *     present, so it is independent of them by construction
 */
public record CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon,
    List<Integer> extra, List<List<Integer>> nullsDecidedBy) {
  public CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon) {
    this(columns, names, scorers, epsilon, List.of());
  }

  public CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon,
      List<Integer> extra) {
    this(columns, names, scorers, epsilon, extra, null);
  }

  public CopulaPlan {
    extra = List.copyOf(extra);
    columns = List.copyOf(columns);
    names = List.copyOf(names);
    scorers = List.copyOf(scorers);
    epsilon = epsilon.clone();
    if (nullsDecidedBy == null) {
      nullsDecidedBy = new ArrayList<>();
      for (int p = 0; p < columns.size(); p++) {
        nullsDecidedBy.add(List.of());
      }
    }
    nullsDecidedBy = nullsDecidedBy.stream().map(List::copyOf).toList();
    if (nullsDecidedBy.size() != columns.size()) {
      throw new IllegalArgumentException("nullsDecidedBy must have one entry per copula column");
    }
  }

  public int size() {
    return columns.size();
  }

  /** Whether position p is a column's presence rather than its value. */
  public boolean isPresence(int p) {
    return scorers.get(p) instanceof UniformScorer.Presence;
  }

  /**
   * Per copula column, the copula position of the column its score is conditioned on (a label table's parent, or
   * the label column of per-label marginals), or -1: such a score is independent of that column by construction.
   */
  public int[] conditionedOn() {
    int[] positions = new int[size()];
    for (int p = 0; p < size(); p++) {
      int input = scorers.get(p).parentInput();
      positions[p] = input < 0 ? -1 : columns.indexOf(extra.get(input - 1 - size()));
    }
    return positions;
  }
}
