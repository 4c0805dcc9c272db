package io.synthlake.model;

import io.synthlake.rules.RuleSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code when is null -> column is null} (with {@code exactly}, also the reverse): generate makes {@code column}
 * null in every row where {@code when} is; where {@code when} is present, {@code column} is null with
 * {@code null-fraction-otherwise} (0 when exact), so its overall null share stays the source's.
 */
public record NullPatternRule(List<String> holds, Origin origin, long sourceExceptions, String when, String column,
    boolean exactly, double nullFractionOtherwise) implements Rule {
  public NullPatternRule {
    Objects.requireNonNull(when, "a null-pattern rule needs 'when'");
    Objects.requireNonNull(column, "a null-pattern rule needs 'column'");
    Checks.require(!when.equals(column), "null-pattern rule on %s names it twice", column);
    Checks.probability(nullFractionOtherwise, "null-fraction-otherwise of the null pattern on " + column);
    Checks.require(!exactly || nullFractionOtherwise == 0, "an exact null pattern has null-fraction-otherwise 0");
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
    holds = holds == null ? List.of(new RuleSpec.NullPattern(when, column, exactly).text()) : List.copyOf(holds);
  }

  @Override
  public List<String> reads() {
    return List.of(when);
  }

  @Override
  public List<RuleSpec> specs() {
    return List.of(new RuleSpec.NullPattern(when, column, exactly));
  }
}
