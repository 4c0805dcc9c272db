package io.synthlake.model;

import io.synthlake.rules.RuleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code from -> to}: each stored label of {@code from} maps to one value of {@code to} (as text, like a category;
 * absent when it is null), so generate computes {@code to} instead of drawing it. Rows whose {@code from} is null
 * or a folded rare label draw {@code to} from its own marginal.
 */
public record DependencyRule(List<String> holds, Origin origin, long sourceExceptions, String from, String to,
    List<MappedValue> values) implements Rule {

  /** One entry of the map: {@code then} is null when {@code to} is null for that label. */
  public record MappedValue(String when, String then) {
    public MappedValue {
      Objects.requireNonNull(when, "a mapped value needs 'when'");
    }
  }

  public DependencyRule {
    Objects.requireNonNull(from, "a dependency rule needs 'from'");
    Objects.requireNonNull(to, "a dependency rule needs 'to'");
    Checks.require(!from.equals(to), "a dependency rule maps column %s onto itself", from);
    values = List.copyOf(Objects.requireNonNull(values, "a dependency rule needs 'values'"));
    holds = holds == null ? List.of(new RuleSpec.Dependency(from, to).text()) : List.copyOf(holds);
    origin = origin == null ? Origin.DISCOVERED : origin;
    Checks.require(sourceExceptions >= 0, "source-exceptions must be >= 0");
    Set<String> seen = new HashSet<>();
    for (MappedValue value : values) {
      Checks.require(seen.add(value.when()), "dependency %s -> %s maps '%s' twice", from, to, value.when());
    }
  }

  @Override
  public String column() {
    return to;
  }

  @Override
  public List<String> reads() {
    return List.of(from);
  }

  @Override
  public List<RuleSpec> specs() {
    return List.of(new RuleSpec.Dependency(from, to));
  }
}
