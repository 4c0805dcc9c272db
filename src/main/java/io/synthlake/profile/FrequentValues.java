package io.synthlake.profile;

import java.util.List;

/**
 * The most frequent values of a column from a frequent-items sketch. When {@code exact}, every distinct value is
 * listed with its exact count; otherwise counts are bounded: the true count of a value is between its lower bound
 * and lower bound plus {@code maxError}, and any value not listed occurs at most {@code maxError} times.
 */
public record FrequentValues<T>(boolean exact, long maxError, List<Item<T>> items) {
  public FrequentValues {
    items = List.copyOf(items);
  }

  public record Item<T>(T value, long lowerBound, long estimate) {}
}
