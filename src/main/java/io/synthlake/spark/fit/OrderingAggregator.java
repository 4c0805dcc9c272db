package io.synthlake.spark.fit;

import io.synthlake.fit.CategoryOrdering;
import io.synthlake.model.CategoricalScale;
import io.synthlake.spark.BinaryResultAggregator;
import org.apache.spark.sql.Row;

/**
 * The ordering pass of fit: per category of each categorical copula column, the sums of every copula column's
 * normal scores ({@link CategoryOrdering}). Input: as the copula pass, the row hash and then one value per copula
 * column.
 */
final class OrderingAggregator extends BinaryResultAggregator<CategoryOrdering> {
  private static final long serialVersionUID = 1L;

  private final CopulaScores scores;
  private final int[] columns;
  private final CategoricalScale[] scales;
  private final int[] categories;

  /**
   * @param columns the copula positions of the columns to order
   * @param scales their scales (label to slot)
   * @param categories their stored category counts (the other bucket excluded)
   */
  OrderingAggregator(CopulaScores scores, int[] columns, CategoricalScale[] scales, int[] categories) {
    super(CategoryOrdering.class);
    this.scores = scores;
    this.columns = columns.clone();
    this.scales = scales.clone();
    this.categories = categories.clone();
  }

  @Override
  public CategoryOrdering zero() {
    return new CategoryOrdering(scores.width(), columns, categories);
  }

  @Override
  public CategoryOrdering reduce(CategoryOrdering ordering, Row row) {
    double[] z = new double[scores.width()];
    scores.score(row, z);
    int[] slots = new int[columns.length];
    for (int c = 0; c < columns.length; c++) {
      Object value = row.get(columns[c] + 1);
      slots[c] = value == null ? -1 : scales[c].slotOf(value.toString());
    }
    ordering.add(z, slots);
    return ordering;
  }

  @Override
  public CategoryOrdering merge(CategoryOrdering a, CategoryOrdering b) {
    a.merge(b);
    return a;
  }
}
