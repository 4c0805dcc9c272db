package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@code low <= high} (or {@code <}) for every listed low: generate draws {@code high} from its own marginal at its
 * copula normal, and where that falls below the largest present low, it takes that low (for a strict order, the
 * next value of its resolution above it). Only the rows the copula would have put out of order change, and they
 * change the least they can, so the column keeps its marginal and correlations.
 *
 * @param strict whether every low is strict
 * @param strictLows when not every low is: the lows the high stays strictly above (the source never ties them)
 */
public record OrderRule(List<String> holds, Origin origin, long sourceExceptions, List<String> low, String high,
    boolean strict, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> strictLows) implements Rule {
  public OrderRule(List<String> holds, Origin origin, long sourceExceptions, List<String> low, String high,
      boolean strict) {
    this(holds, origin, sourceExceptions, low, high, strict, List.of());
  }

  public OrderRule {
    low = List.copyOf(Objects.requireNonNull(low, "an order rule needs 'low'"));
    Objects.requireNonNull(high, "an order rule needs 'high'");
    Checks.require(!low.isEmpty(), "an order rule needs at least one low column");
    Checks.require(new HashSet<>(low).size() == low.size() && !low.contains(high),
        "order rule on %s lists a column twice", high);
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
    strictLows = strict || strictLows == null ? List.of() : List.copyOf(new LinkedHashSet<>(strictLows));
    Checks.require(low.containsAll(strictLows), "order rule on %s has a strict low that is not one of its lows", high);
    if (!strictLows.isEmpty() && strictLows.size() == low.size()) {
      strict = true;
      strictLows = List.of();
    }
    List<String> texts = new ArrayList<>();
    for (String column : low) {
      texts.add(new RuleSpec.Order(column, high, strict || strictLows.contains(column)).text());
    }
    holds = holds == null ? List.copyOf(texts) : List.copyOf(holds);
  }

  /** Whether the high stays strictly above this low. */
  public boolean isStrict(String column) {
    return strict || strictLows.contains(column);
  }

  @Override
  public String column() {
    return high;
  }

  @Override
  public List<String> reads() {
    return low;
  }

  @Override
  public List<RuleSpec> specs() {
    return low.stream().<RuleSpec>map(column -> new RuleSpec.Order(column, high, isStrict(column))).toList();
  }
}
