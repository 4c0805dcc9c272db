package io.synthlake.spark.fit;

import io.synthlake.fit.PairwiseMoments;
import io.synthlake.spark.BinaryResultAggregator;
import org.apache.spark.sql.Row;

/**
 * The last pass of fit: the normal scores z = Φ⁻¹(F(x)) of every copula column, computed on the executors,
 * folded into pairwise correlation sums. Where F jumps (atoms, categories) the uniform is drawn inside the value's
 * interval from a hash of (fit seed, the row's content hash, the column), so refitting the same data gives the
 * same model whatever the partitioning ({@link CopulaScores}). Input: the row hash, then one prepared value per
 * copula column.
 */
final class CopulaAggregator extends BinaryResultAggregator<PairwiseMoments> {
  private static final long serialVersionUID = 1L;

  private final CopulaScores scores;

  CopulaAggregator(CopulaScores scores) {
    super(PairwiseMoments.class);
    this.scores = scores;
  }

  @Override
  public PairwiseMoments zero() {
    return new PairwiseMoments(scores.width());
  }

  @Override
  public PairwiseMoments reduce(PairwiseMoments moments, Row row) {
    double[] z = new double[scores.width()];
    scores.score(row, z);
    moments.add(z);
    return moments;
  }

  @Override
  public PairwiseMoments merge(PairwiseMoments a, PairwiseMoments b) {
    a.merge(b);
    return a;
  }
}
