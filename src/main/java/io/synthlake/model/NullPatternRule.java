package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.synthlake.rules.RuleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@code w is null -> column is null} for every {@code w} of {@code when} (with {@code exactly}, one {@code when}
 * and also the reverse): generate makes {@code column} null in every row where any {@code when} is; where all are
 * present, {@code column} is null with {@code null-fraction-otherwise} (0 when exact), chosen so that its overall
 * null share stays the source's. A model written with a single {@code when} string still reads.
 */
public record NullPatternRule(List<String> holds, Origin origin, long sourceExceptions,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> when, String column,
    boolean exactly, double nullFractionOtherwise) implements Rule {
  public NullPatternRule {
    when = List.copyOf(Objects.requireNonNull(when, "a null-pattern rule needs 'when'"));
    Objects.requireNonNull(column, "a null-pattern rule needs 'column'");
    Checks.require(!when.isEmpty(), "the null pattern on %s needs at least one 'when' column", column);
    Checks.require(new HashSet<>(when).size() == when.size() && !when.contains(column),
        "null-pattern rule on %s names a column twice", column);
    Checks.require(!exactly || when.size() == 1, "the exact null pattern on %s has more than one 'when'", column);
    Checks.probability(nullFractionOtherwise, "null-fraction-otherwise of the null pattern on " + column);
    Checks.require(!exactly || nullFractionOtherwise == 0, "an exact null pattern has null-fraction-otherwise 0");
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
    holds = holds == null ? specs(when, column, exactly).stream().map(RuleSpec::text).toList() : List.copyOf(holds);
  }

  /** One determining column. */
  public NullPatternRule(List<String> holds, Origin origin, long sourceExceptions, String when, String column,
      boolean exactly, double nullFractionOtherwise) {
    this(holds, origin, sourceExceptions, List.of(when), column, exactly, nullFractionOtherwise);
  }

  @Override
  public List<String> reads() {
    return when;
  }

  @Override
  public List<RuleSpec> specs() {
    return specs(when, column, exactly);
  }

  private static List<RuleSpec> specs(List<String> when, String column, boolean exactly) {
    return when.stream().<RuleSpec>map(w -> new RuleSpec.NullPattern(w, column, exactly)).toList();
  }
}
