package io.synthlake.fit;

import java.io.Serializable;
import java.util.List;

/** Pass-2 work for a high-cardinality categorical column: exact counts of its candidate labels. */
public record TextRefineTask(int column, List<String> candidates) implements Serializable {
  public TextRefineTask {
    candidates = List.copyOf(candidates);
  }
}
