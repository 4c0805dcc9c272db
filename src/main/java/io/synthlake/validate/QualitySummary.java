package io.synthlake.validate;

import java.util.List;
import java.util.Objects;

/**
 * One mode's report scores, combined as SDMetrics' QualityReport does: Column Shapes is the mean of the column
 * scores, Column Pair Trends the mean of the pair scores that exist (a pair is left out when its metric failed
 * or, in the "current" mode, when the real data shows no relationship worth scoring), and the overall score the
 * mean of the two (or the one that exists). The independence floor is the pair score that a table with the real
 * marginals and no relationships at all would get on the same pairs, so a pair score means something beside it.
 */
public record QualitySummary(Double overall, Double columnShapes, Double columnPairTrends, int pairsScored,
    Double independenceFloor) {

  /**
   * @param columnScores per scored column; null where the metric failed
   * @param pairScores per pair, null where it was not scored
   * @param pairFloors per pair, the independence score, in the same order as pairScores
   */
  public static QualitySummary of(List<Double> columnScores, List<Double> pairScores, List<Double> pairFloors) {
    Double shapes = mean(columnScores);
    Double pairs = mean(pairScores);
    double floorSum = 0;
    int floors = 0;
    for (int i = 0; i < pairScores.size(); i++) {
      if (pairScores.get(i) != null && pairFloors.get(i) != null) {
        floorSum += pairFloors.get(i);
        floors++;
      }
    }
    int scored = (int) pairScores.stream().filter(Objects::nonNull).count();
    return new QualitySummary(mean(java.util.Arrays.asList(shapes, pairs)), shapes, pairs, scored,
        floors == 0 ? null : floorSum / floors);
  }

  private static Double mean(List<Double> values) {
    double sum = 0;
    int count = 0;
    for (Double value : values) {
      if (value != null && !value.isNaN()) {
        sum += value;
        count++;
      }
    }
    return count == 0 ? null : sum / count;
  }
}
