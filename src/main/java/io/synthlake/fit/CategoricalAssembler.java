package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.config.RareCategoryPolicy;
import io.synthlake.model.Category;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.OtherBucket;
import io.synthlake.profile.TextShapeSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds a categorical marginal from exact label counts. Labels seen fewer than {@code min-category-count} times,
 * and those beyond {@code max-categories}, are never stored: they are folded into an other bucket (whose labels
 * generate makes up from the column's shape) or dropped, per {@code rare-categories}.
 */
public final class CategoricalAssembler {
  private final FitConfig fit;

  public CategoricalAssembler(FitConfig fit) {
    this.fit = fit;
  }

  /**
   * @param counts exact counts of the labels that may be kept (others are counted in {@code nonNull} only)
   * @param shape the column's shape, for the other bucket; null where labels cannot be made up (booleans,
   *     numbers and dates modelled as categories)
   * @return the marginal, or null when every label is rare and none can be made up
   */
  public CategoricalMarginal assemble(String column, List<CategoryCount> counts, long nonNull,
      TextShapeSummary shape, FitNotes notes) {
    List<CategoryCount> kept = counts.stream()
        .filter(c -> c.count() >= fit.minCategoryCount())
        .sorted(Comparator.comparingLong(CategoryCount::count).reversed().thenComparing(CategoryCount::value))
        .limit(fit.maxCategories())
        .toList();
    long keptTotal = kept.stream().mapToLong(CategoryCount::count).sum();
    long rare = nonNull - keptTotal;
    boolean fold = rare > 0 && fit.rareCategories() == RareCategoryPolicy.FOLD && shape != null;
    OtherBucket other = null;
    if (rare > 0) {
      String why = String.format(Locale.ROOT, "%d %s (%.3f%%) with labels seen fewer than %d times or beyond "
          + "max-categories %d", rare, rare == 1 ? "value" : "values", 100.0 * rare / nonNull, fit.minCategoryCount(),
          fit.maxCategories());
      if (fold) {
        other = new OtherBucket((double) rare / nonNull, ShapeBuilder.build(shape, fit));
        notes.column(column, "%s folded into other: generate makes up their labels", why);
      } else {
        notes.column(column, "%s dropped%s; the other shares are renormalised", why,
            shape == null && fit.rareCategories() == RareCategoryPolicy.FOLD
                ? " (labels of this type cannot be made up)" : "");
      }
    }
    if (kept.isEmpty() && other == null) {
      return null;
    }
    double denominator = other != null ? nonNull : keptTotal;
    List<Category> categories = new ArrayList<>();
    for (CategoryCount c : kept) {
      categories.add(new Category(c.value(), c.count() / denominator));
    }
    return new CategoricalMarginal(categories, other);
  }
}
