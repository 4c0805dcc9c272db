package io.synthlake.condition;

import io.synthlake.errors.SynthException;
import java.io.Serializable;
import java.util.List;

/**
 * What generate is asked to hold in every row: a condition (parts joined by AND, empty for none) and target label
 * shares for one column (null for the model's own shares).
 */
public record GenerateConditions(List<ColumnCondition> where, TargetShares shares) implements Serializable {
  public static final GenerateConditions NONE = new GenerateConditions(List.of(), null);

  public GenerateConditions {
    where = List.copyOf(where);
  }

  public boolean isEmpty() {
    return where.isEmpty() && shares == null;
  }

  /**
   * Reads the job's texts ({@code generate.where}, {@code generate.rebalance}, {@code generate.shares}; each may
   * be null); rebalance and shares exclude each other.
   */
  public static GenerateConditions parse(String where, String rebalance, String shares) {
    if (rebalance != null && shares != null) {
      throw SynthException.config("set either generate.rebalance (--rebalance) or generate.shares (--shares), not "
          + "both");
    }
    List<ColumnCondition> parts = where == null ? List.of() : ConditionSyntax.parse(where, "generate.where");
    TargetShares target = rebalance != null ? TargetShares.equal(rebalance, "generate.rebalance")
        : shares != null ? TargetShares.parse(shares, "generate.shares") : null;
    return new GenerateConditions(parts, target);
  }

  /** The condition as text, for logs and messages ("" for none). */
  public String whereText() {
    return String.join(" AND ", where.stream().map(ColumnCondition::text).toList());
  }
}
