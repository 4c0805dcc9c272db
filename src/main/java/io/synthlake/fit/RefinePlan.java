package io.synthlake.fit;

import java.util.List;

/** What pass 2 must compute, and the probability grid at which it asks for quantiles. */
public record RefinePlan(List<NumericRefineTask> numeric, List<TextRefineTask> text, double[] grid) {
  public RefinePlan {
    numeric = List.copyOf(numeric);
    text = List.copyOf(text);
    grid = grid.clone();
  }

  public boolean isEmpty() {
    return numeric.isEmpty() && text.isEmpty();
  }
}
