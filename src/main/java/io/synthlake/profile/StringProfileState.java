package io.synthlake.profile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;

/** Profile of a string column in one pass: frequent values, a distinct-count sketch and the shape statistics. */
public final class StringProfileState implements ColumnProfileState {
  private static final long serialVersionUID = 1L;

  private final int frequentMapSize;
  private long nonNull;
  private final TextShapeState shape = new TextShapeState();
  private transient ItemsSketch<String> frequent;
  private transient HllSketch distinct;

  public StringProfileState(int exactDistinctValues) {
    this.frequentMapSize = Sketches.mapSizeFor(exactDistinctValues);
    this.frequent = new ItemsSketch<>(frequentMapSize);
    this.distinct = new HllSketch(Sketches.HLL_LG_K);
  }

  public void add(String value) {
    nonNull++;
    frequent.update(value);
    distinct.update(value);
    shape.add(value);
  }

  @Override
  public void merge(ColumnProfileState other) {
    StringProfileState that = (StringProfileState) other;
    nonNull += that.nonNull;
    frequent.merge(that.frequent);
    distinct = Sketches.mergeHll(distinct, that.distinct);
    shape.merge(that.shape);
  }

  public StringSummary summary() {
    return new StringSummary(nonNull, Sketches.frequentStrings(frequent), distinct.getEstimate(), shape.summary());
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    Sketches.write(out, frequent);
    Sketches.write(out, distinct);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    frequent = Sketches.readStrings(in);
    distinct = Sketches.readHll(in);
  }
}
