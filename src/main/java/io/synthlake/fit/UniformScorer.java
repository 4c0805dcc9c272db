package io.synthlake.fit;

import io.synthlake.model.CategoricalScale;
import io.synthlake.model.NumericDistribution;
import java.io.Serializable;

/**
 * Maps one column's value to its uniform score u = F(x) (randomised inside the value's probability interval for
 * atoms and categories), or NaN when the value does not take part (null, NaN, infinite, or a dropped label).
 */
public sealed interface UniformScorer extends Serializable {
  /** @param v a uniform draw in (0, 1), used only where F jumps */
  double score(Object value, double v);

  record Numeric(NumericDistribution distribution) implements UniformScorer {
    @Override
    public double score(Object value, double v) {
      if (value == null) {
        return Double.NaN;
      }
      double x = ((Number) value).doubleValue();
      return Double.isFinite(x) ? distribution.uniformScore(x, v) : Double.NaN;
    }
  }

  record Categorical(CategoricalScale scale) implements UniformScorer {
    @Override
    public double score(Object value, double v) {
      if (value == null) {
        return Double.NaN;
      }
      int slot = scale.slotOf(value.toString());
      return slot < 0 ? Double.NaN : scale.uniformScore(slot, v);
    }
  }
}
