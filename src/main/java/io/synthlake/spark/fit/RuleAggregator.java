package io.synthlake.spark.fit;

import io.synthlake.fit.RuleCounts;
import io.synthlake.fit.RulePlan;
import io.synthlake.spark.BinaryResultAggregator;
import org.apache.spark.sql.Row;

/** The rules pass of fit: {@link RuleCounts} over the prepared rows (the counting is the core's). */
final class RuleAggregator extends BinaryResultAggregator<RuleCounts> {
  private static final long serialVersionUID = 1L;

  private final RulePlan plan;

  RuleAggregator(RulePlan plan) {
    super(RuleCounts.class);
    this.plan = plan;
  }

  @Override
  public RuleCounts zero() {
    return new RuleCounts(plan);
  }

  @Override
  public RuleCounts reduce(RuleCounts counts, Row row) {
    counts.add(row::get);
    return counts;
  }

  @Override
  public RuleCounts merge(RuleCounts a, RuleCounts b) {
    return a.merge(b);
  }
}
