package io.synthlake.spark;

import io.synthlake.fit.PairwiseMoments;
import io.synthlake.fit.UniformScorer;
import io.synthlake.stats.CounterRng;
import io.synthlake.stats.StandardNormal;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Pass 3 of fit: the normal scores z = Φ⁻¹(F(x)) of every copula column, computed on the executors, folded into
 * pairwise correlation sums. Where F jumps (atoms, categories) the uniform is drawn inside the value's interval
 * from a hash of (fit seed, the row's content hash, the column), so refitting the same data gives the same model
 * whatever the partitioning. Input: the row hash, then one prepared value per copula column.
 */
final class CopulaAggregator extends BinaryResultAggregator<PairwiseMoments> {
  private static final long serialVersionUID = 1L;

  private final UniformScorer[] scorers;
  private final long[] columnKeys;
  private final double[] epsilon;
  private final long seed;

  /**
   * @param epsilon per column, the clip of u into [ε, 1-ε] (half a value's share), so that values at or beyond
   *     the protected bounds get large but finite scores
   */
  CopulaAggregator(List<UniformScorer> scorers, List<String> columns, double[] epsilon, long seed) {
    super(PairwiseMoments.class);
    this.scorers = scorers.toArray(new UniformScorer[0]);
    this.columnKeys = columns.stream().mapToLong(CounterRng::hashString).toArray();
    this.epsilon = epsilon.clone();
    this.seed = seed;
  }

  @Override
  public PairwiseMoments zero() {
    return new PairwiseMoments(scorers.length);
  }

  @Override
  public PairwiseMoments reduce(PairwiseMoments moments, Row row) {
    long rowHash = row.getLong(0);
    double[] z = new double[scorers.length];
    for (int i = 0; i < scorers.length; i++) {
      Object value = row.get(i + 1);
      double v = CounterRng.toOpenUnit(CounterRng.hash(seed, rowHash, columnKeys[i]));
      double u = scorers[i].score(value, v);
      z[i] = Double.isNaN(u)
          ? Double.NaN
          : StandardNormal.inverseCdf(Math.min(1 - epsilon[i], Math.max(epsilon[i], u)));
    }
    moments.add(z);
    return moments;
  }

  @Override
  public PairwiseMoments merge(PairwiseMoments a, PairwiseMoments b) {
    a.merge(b);
    return a;
  }
}
