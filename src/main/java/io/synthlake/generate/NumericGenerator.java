package io.synthlake.generate;

import io.synthlake.model.NonFinite;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.stats.CounterRng;

/** Numbers, dates and timestamps: the inverse marginal at the uniform, then NaN and infinities at their shares. */
final class NumericGenerator extends ColumnGenerator {
  private static final long serialVersionUID = 1L;

  private final NumericDistribution distribution;
  private final NumberWriter writer;
  private final double nanEdge;
  private final double positiveEdge;
  private final double nonFiniteEdge;

  NumericGenerator(double nullFraction, NumericMarginal marginal, OutputType type) {
    super(nullFraction);
    boolean finite = !marginal.atoms().isEmpty() || marginal.continuous() != null;
    this.distribution = finite ? NumericDistribution.of(marginal) : null;
    this.writer = new NumberWriter(type, marginal.resolution());
    NonFinite nonFinite = marginal.nonFinite();
    boolean floating = type.type() == io.synthlake.fit.SourceType.FLOAT
        || type.type() == io.synthlake.fit.SourceType.DOUBLE;
    if (nonFinite == null || !floating) {
      nanEdge = positiveEdge = nonFiniteEdge = 0;
    } else {
      nanEdge = nonFinite.nan();
      positiveEdge = nanEdge + nonFinite.positiveInfinity();
      nonFiniteEdge = finite ? positiveEdge + nonFinite.negativeInfinity() : 1.0;
    }
  }

  @Override
  void generate(long firstRow, long[] keys, double[] normals, int count, ColumnSink sink, int offset,
      double[] scratch) {
    double[] values = scratch;
    if (distribution != null && normals != null) {
      distribution.quantilesOfNormals(normals, values, count);
    }
    for (int i = 0; i < count; i++) {
      long key = keys[i];
      int position = offset + i;
      if (isNull(key)) {
        sink.putNull(position);
        continue;
      }
      if (nonFiniteEdge > 0) {
        double w = CounterRng.uniform(key, SPECIAL_DRAW);
        if (w < nonFiniteEdge) {
          writer.putNonFinite(sink, position, w < nanEdge ? Double.NaN
              : w < positiveEdge ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
          continue;
        }
      }
      double value = normals == null ? distribution.quantile(CounterRng.uniform(key, VALUE_DRAW)) : values[i];
      writer.put(sink, position, value);
    }
  }
}
