package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.synthlake.rules.RuleSpec;
import java.util.List;

/**
 * A rule the source obeys, with what generate needs to hold it by construction: a map, a gap's marginal, a table
 * of labels. Stored with a short stable type name; {@link #holds()} lists the rules it keeps, as rule text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DependencyRule.class, name = "dependency"),
  @JsonSubTypes.Type(value = OrderRule.class, name = "order"),
  @JsonSubTypes.Type(value = SumRule.class, name = "sum"),
  @JsonSubTypes.Type(value = NullPatternRule.class, name = "null-pattern"),
  @JsonSubTypes.Type(value = LabelTableRule.class, name = "label-table")
})
public sealed interface Rule permits DependencyRule, OrderRule, SumRule, NullPatternRule, LabelTableRule {
  /** Where a rule came from: found in the source by fit, or declared in the job file. */
  enum Origin {
    DISCOVERED, DECLARED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The rules this one keeps, as canonical rule text (for people; generate reads the fields). */
  List<String> holds();

  Origin origin();

  /** Source rows that break the rule (fewer than min-category-count or within the tolerance); generate overrules. */
  long sourceExceptions();

  /** The column whose values (or nulls, for a null pattern) the rule decides. */
  String column();

  /** The columns the rule reads to decide {@link #column()}. */
  List<String> reads();

  /** The rules as specifications. */
  List<RuleSpec> specs();
}
