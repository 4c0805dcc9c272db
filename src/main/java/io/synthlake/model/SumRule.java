package io.synthlake.model;

import io.synthlake.rules.RuleSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code total = left + right} (or {@code - right}): generate computes {@code total} where both parts are present
 * (rounded to its resolution), and draws it from its own marginal where one is null.
 */
public record SumRule(List<String> holds, Origin origin, long sourceExceptions, String total, String left,
    String right, boolean minus) implements Rule {
  public SumRule {
    Objects.requireNonNull(total, "a sum rule needs 'total'");
    Objects.requireNonNull(left, "a sum rule needs 'left'");
    Objects.requireNonNull(right, "a sum rule needs 'right'");
    Checks.require(!total.equals(left) && !total.equals(right) && !left.equals(right),
        "sum rule %s names a column twice", total);
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
    holds = holds == null ? List.of(new RuleSpec.Sum(total, left, right, minus).text()) : List.copyOf(holds);
  }

  @Override
  public String column() {
    return total;
  }

  @Override
  public List<String> reads() {
    return List.of(left, right);
  }

  @Override
  public List<RuleSpec> specs() {
    return List.of(new RuleSpec.Sum(total, left, right, minus));
  }
}
