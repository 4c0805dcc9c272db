package io.synthlake.fit;

import io.synthlake.model.CategoricalScale;
import io.synthlake.model.NumericDistribution;
import java.io.Serializable;

/**
 * Maps one column's value to its uniform score u = F(x) (randomised inside the value's probability interval for
 * atoms and categories), or NaN when the value does not take part (null, NaN, infinite, or a dropped label).
 */
public sealed interface UniformScorer extends Serializable {
  /**
   * @param parentValue the row's value of the column {@link #parentInput()} names (null when there is none)
   * @param v a uniform draw in (0, 1), used only where F jumps
   */
  double score(Object value, Object parentValue, double v);

  /** Where the value this scorer is conditioned on sits in the copula pass's input row, or -1 for none. */
  default int parentInput() {
    return -1;
  }

  /** This scorer for an input row with {@code by} more copula columns before its parent's value. */
  default UniformScorer shifted(int by) {
    return this;
  }

  /**
   * Whether a column is present, as a binary label: a null at a uniform inside [0, p) (p the column's null share),
   * a value inside [p, 1), so its normal score is below Φ⁻¹(p) exactly where the column is null.
   */
  record Presence(double nullShare) implements UniformScorer {
    public Presence {
      if (!(nullShare > 0 && nullShare < 1)) {
        throw new IllegalArgumentException("a presence needs a null share in (0, 1), got " + nullShare);
      }
    }

    @Override
    public double score(Object value, Object parentValue, double v) {
      return value == null ? v * nullShare : nullShare + v * (1 - nullShare);
    }
  }

  record Numeric(NumericDistribution distribution) implements UniformScorer {
    @Override
    public double score(Object value, Object parentValue, double v) {
      if (value == null) {
        return Double.NaN;
      }
      double x = ((Number) value).doubleValue();
      return Double.isFinite(x) ? distribution.uniformScore(x, v) : Double.NaN;
    }
  }

  /**
   * A child of a label table: the uniform inside its label's interval of the scale of its parent's label (a
   * Rosenblatt transform), so it is independent of the parent and generate can draw from the same scale. NaN for a
   * cell the table holds at 0 (a row that breaks a rule).
   *
   * @param parentInput where the parent's value is in the copula pass's input row
   */
  record Conditional(int parentInput, CategoricalScale own, CategoricalScale parent, CategoricalScale[] byParent,
      CategoricalScale otherwise) implements UniformScorer {
    @Override
    public UniformScorer shifted(int by) {
      return new Conditional(parentInput + by, own, parent, byParent, otherwise);
    }

    @Override
    public double score(Object value, Object parentValue, double v) {
      if (value == null) {
        return Double.NaN;
      }
      int slot = own.slotOf(value.toString());
      if (slot < 0) {
        return Double.NaN;
      }
      int parentSlot = parentValue == null ? -1 : parent.slotOf(parentValue.toString());
      CategoricalScale scale = parentSlot >= 0 && byParent[parentSlot] != null ? byParent[parentSlot] : otherwise;
      double low = scale.uniformScore(slot, 0);
      double high = scale.uniformScore(slot, 1);
      return high > low ? low + v * (high - low) : Double.NaN;
    }
  }

  /**
   * A column with per-label marginals: the uniform of its value under the marginal of its row's label (the rest's,
   * or the column's own, for a label without one), so the copula holds its score within the label.
   *
   * @param parentInput where the label column's value is in the copula pass's input row
   * @param bySlot per slot of the label column's scale, its label's distribution (null: use {@code rest})
   */
  record ByLabel(int parentInput, CategoricalScale labels, NumericDistribution[] bySlot, NumericDistribution rest)
      implements UniformScorer {
    @Override
    public UniformScorer shifted(int by) {
      return new ByLabel(parentInput + by, labels, bySlot, rest);
    }

    @Override
    public double score(Object value, Object parentValue, double v) {
      if (value == null) {
        return Double.NaN;
      }
      double x = ((Number) value).doubleValue();
      if (!Double.isFinite(x)) {
        return Double.NaN;
      }
      int slot = parentValue == null ? -1 : labels.slotOf(parentValue.toString());
      NumericDistribution distribution = slot >= 0 && bySlot[slot] != null ? bySlot[slot] : rest;
      return distribution.uniformScore(x, v);
    }
  }

  record Categorical(CategoricalScale scale) implements UniformScorer {
    @Override
    public double score(Object value, Object parentValue, double v) {
      if (value == null) {
        return Double.NaN;
      }
      int slot = scale.slotOf(value.toString());
      return slot < 0 ? Double.NaN : scale.uniformScore(slot, v);
    }
  }
}
