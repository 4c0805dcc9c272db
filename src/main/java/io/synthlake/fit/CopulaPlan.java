package io.synthlake.fit;

import java.util.List;

/**
 * The columns of the Gaussian copula (prepared-column indices and names, in copula order), how each value maps to
 * a uniform, and each column's clip ε for u; {@code extra} are the prepared columns the pass reads after those
 * (the parents of label tables, whose scorers read them).
 */
public record CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon,
    List<Integer> extra) {
  public CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon) {
    this(columns, names, scorers, epsilon, List.of());
  }

  public CopulaPlan {
    extra = List.copyOf(extra);
    columns = List.copyOf(columns);
    names = List.copyOf(names);
    scorers = List.copyOf(scorers);
    epsilon = epsilon.clone();
  }

  public int size() {
    return columns.size();
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
