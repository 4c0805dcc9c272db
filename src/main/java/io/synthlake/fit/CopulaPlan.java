package io.synthlake.fit;

import java.util.List;

/**
 * The columns of the Gaussian copula (prepared-column indices and names, in copula order), how each value maps to
 * a uniform, and each column's clip ε for u.
 */
public record CopulaPlan(List<Integer> columns, List<String> names, List<UniformScorer> scorers, double[] epsilon) {
  public CopulaPlan {
    columns = List.copyOf(columns);
    names = List.copyOf(names);
    scorers = List.copyOf(scorers);
    epsilon = epsilon.clone();
  }

  public int size() {
    return columns.size();
  }
}
