package io.synthlake.fit;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The per-label marginal pass's aggregate: per task and group, the exact atom counts, the k smallest and largest
 * other values and their moments ({@link NumericRest}), and a KLL sketch of the other values' quantiles (Karnin,
 * Lang &amp; Liberty 2016). Its size depends on the plan and on the sketches' bounded size, never on the rows.
 */
public final class LabelMarginalState implements Serializable {
  private static final long serialVersionUID = 1L;
  /** KLL's k: a normalised rank error under 1% (DataSketches' bound for k = 400), at a few kilobytes a group. */
  static final int SKETCH_K = 400;

  private final LabelMarginalPlan plan;
  final NumericRest[][] rests;
  transient KllDoublesSketch[][] sketches;

  public LabelMarginalState(LabelMarginalPlan plan) {
    this.plan = plan;
    rests = new NumericRest[plan.size()][];
    sketches = new KllDoublesSketch[plan.size()][];
    for (int t = 0; t < plan.size(); t++) {
      rests[t] = new NumericRest[plan.groups()[t]];
      sketches[t] = new KllDoublesSketch[plan.groups()[t]];
      for (int g = 0; g < plan.groups()[t]; g++) {
        rests[t][g] = new NumericRest(plan.atoms()[t], plan.boundRank());
        sketches[t][g] = KllDoublesSketch.newHeapInstance(SKETCH_K);
      }
    }
  }

  public void add(RuleCounts.Values row) {
    for (int t = 0; t < plan.size(); t++) {
      Object value = row.get(plan.columns()[t]);
      if (value == null) {
        continue;
      }
      double number = ((Number) value).doubleValue();
      int group = plan.groupOf(t, row.get(plan.by()[t]));
      if (rests[t][group].add(number)) {
        sketches[t][group].update(number);
      }
    }
  }

  LabelMarginalPlan plan() {
    return plan;
  }

  public LabelMarginalState merge(LabelMarginalState other) {
    for (int t = 0; t < rests.length; t++) {
      for (int g = 0; g < rests[t].length; g++) {
        rests[t][g].merge(other.rests[t][g]);
        sketches[t][g].merge(other.sketches[t][g]);
      }
    }
    return this;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    for (KllDoublesSketch[] task : sketches) {
      for (KllDoublesSketch sketch : task) {
        byte[] bytes = sketch.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    sketches = new KllDoublesSketch[rests.length][];
    for (int t = 0; t < rests.length; t++) {
      sketches[t] = new KllDoublesSketch[rests[t].length];
      for (int g = 0; g < rests[t].length; g++) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        sketches[t][g] = KllDoublesSketch.heapify(Memory.wrap(bytes));
      }
    }
  }
}
