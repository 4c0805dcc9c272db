package io.synthlake.spark.fit;

import io.synthlake.fit.LabelMarginalPlan;
import io.synthlake.fit.LabelMarginalState;
import io.synthlake.spark.BinaryResultAggregator;
import org.apache.spark.sql.Row;

/** The per-label marginal pass of fit: {@link LabelMarginalState} over the prepared rows (the core sketches). */
final class LabelMarginalAggregator extends BinaryResultAggregator<LabelMarginalState> {
  private static final long serialVersionUID = 1L;

  private final LabelMarginalPlan plan;

  LabelMarginalAggregator(LabelMarginalPlan plan) {
    super(LabelMarginalState.class);
    this.plan = plan;
  }

  @Override
  public LabelMarginalState zero() {
    return new LabelMarginalState(plan);
  }

  @Override
  public LabelMarginalState reduce(LabelMarginalState state, Row row) {
    state.add(row::get);
    return state;
  }

  @Override
  public LabelMarginalState merge(LabelMarginalState a, LabelMarginalState b) {
    return a.merge(b);
  }
}
