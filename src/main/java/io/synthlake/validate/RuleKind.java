package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonValue;
import io.synthlake.names.KebabCase;
import io.synthlake.rules.RuleSpec;

/** The six kinds of rule, as report.json names them: dependency, order, sum, null-pattern, ... */
public enum RuleKind {
  DEPENDENCY, ORDER, SUM, NULL_PATTERN, IMPLICATION, EXCLUSION;

  @JsonValue
  public String jsonName() {
    return KebabCase.of(this);
  }

  public static RuleKind of(RuleSpec rule) {
    if (rule instanceof RuleSpec.Dependency) {
      return DEPENDENCY;
    }
    if (rule instanceof RuleSpec.Order) {
      return ORDER;
    }
    if (rule instanceof RuleSpec.Sum) {
      return SUM;
    }
    if (rule instanceof RuleSpec.NullPattern) {
      return NULL_PATTERN;
    }
    if (rule instanceof RuleSpec.Implication) {
      return IMPLICATION;
    }
    return EXCLUSION;
  }
}
