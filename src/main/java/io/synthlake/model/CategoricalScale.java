package io.synthlake.model;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical marginal laid out on [0, 1]: each category (then the other bucket) owns an interval as wide as
 * its probability, in the marginal's order. Maps labels to uniforms (fit) and uniforms to slots (generate).
 */
public final class CategoricalScale implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] labels;
  private final double[] upperEdges;
  private final Map<String, Integer> slotOf;
  private final int otherSlot;
  /** The upper edges as normal scores (Φ⁻¹ of each), so generate finds a copula normal's slot without Φ. */
  private final double[] normalEdges;
  private final NormalGrid grid;

  private CategoricalScale(CategoricalScale base, ScoreCalibration calibration) {
    this.labels = base.labels;
    this.upperEdges = base.upperEdges;
    this.otherSlot = base.otherSlot;
    this.slotOf = base.slotOf;
    this.normalEdges = new double[base.normalEdges.length];
    for (int i = 0; i < normalEdges.length; i++) {
      normalEdges[i] = ScoreCalibration.copulaScore(calibration, base.normalEdges[i]);
    }
    this.grid = NormalGrid.over(normalEdges);
  }

  private CategoricalScale(String[] labels, double[] upperEdges, int otherSlot) {
    this.labels = labels;
    this.upperEdges = upperEdges;
    this.otherSlot = otherSlot;
    this.normalEdges = new double[upperEdges.length];
    for (int i = 0; i < upperEdges.length; i++) {
      normalEdges[i] = io.synthlake.stats.StandardNormal.inverseCdf(upperEdges[i]);
    }
    normalEdges[upperEdges.length - 1] = Double.POSITIVE_INFINITY;
    this.grid = NormalGrid.over(normalEdges);
    this.slotOf = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      if (i != otherSlot) {
        slotOf.put(labels[i], i);
      }
    }
  }

  public static CategoricalScale of(CategoricalMarginal marginal) {
    List<Category> categories = marginal.categories();
    int slots = categories.size() + (marginal.other() == null ? 0 : 1);
    String[] labels = new String[slots];
    double[] edges = new double[slots];
    double total = 0;
    for (int i = 0; i < categories.size(); i++) {
      labels[i] = categories.get(i).value();
      total += categories.get(i).probability();
      edges[i] = total;
    }
    int other = -1;
    if (marginal.other() != null) {
      other = slots - 1;
      total += marginal.other().probability();
      edges[other] = total;
    }
    for (int i = 0; i < slots; i++) {
      edges[i] = total > 0 ? edges[i] / total : (i + 1.0) / slots;
    }
    edges[slots - 1] = 1.0;
    return new CategoricalScale(labels, edges, other);
  }

  /**
   * This scale read at standardised normal scores: the slot of a copula score z is this one's slot of
   * (z - mean) / sd, so the normal edges move to mean + sd·edge. Itself for a null calibration. The uniform edges
   * ({@link #slotAt}, {@link #uniformScore}, {@link #probability}) are unchanged.
   */
  public CategoricalScale calibrated(ScoreCalibration calibration) {
    return calibration == null ? this : new CategoricalScale(this, calibration);
  }

  /**
   * The slot of a label: its own, the other bucket's for a label that was folded, or -1 when the label is unknown
   * and there is no other bucket (it was dropped as rare).
   */
  public int slotOf(String label) {
    Integer slot = slotOf.get(label);
    return slot != null ? slot : otherSlot;
  }

  /** A uniform inside the slot's interval: its lower edge plus v times its width (v in [0, 1)). */
  public double uniformScore(int slot, double v) {
    double low = slot == 0 ? 0.0 : upperEdges[slot - 1];
    return low + v * (upperEdges[slot] - low);
  }

  /** The slot whose interval holds the uniform p. */
  public int slotAt(double p) {
    int lo = 0;
    int hi = upperEdges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (upperEdges[mid] <= p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The slot of a normal score z: the same as {@code slotAt(Φ(z))}, up to rounding at an edge, without computing
   * Φ. The grid gives the slot at the start of z's cell; a cell rarely holds an edge, so the scan is short.
   */
  public int slotOfNormal(double z) {
    int slot = grid.start(z);
    while (normalEdges[slot] <= z) {
      slot++;
    }
    return slot;
  }

  /** The normal score where the slot's interval starts (-∞ for the first): its scores are [lower, upper). */
  public double normalLowerEdge(int slot) {
    return slot == 0 ? Double.NEGATIVE_INFINITY : normalEdges[slot - 1];
  }

  /** The normal score where the slot's interval ends, excluded (+∞ for the last). */
  public double normalUpperEdge(int slot) {
    return normalEdges[slot];
  }

  /** The slot's probability: the width of its interval. */
  public double probability(int slot) {
    return upperEdges[slot] - (slot == 0 ? 0.0 : upperEdges[slot - 1]);
  }

  /** The label of a slot; null for the other bucket. */
  public String label(int slot) {
    return slot == otherSlot ? null : labels[slot];
  }

  public int size() {
    return labels.length;
  }
}
