package io.synthlake.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labels with their shares of the non-null values, in the order that defines their interval of the copula's
 * uniform scale; the folded rare labels come last as {@code other}.
 */
public record CategoricalMarginal(List<Category> categories, OtherBucket other) implements Marginal {
  public CategoricalMarginal {
    categories = categories == null ? List.of() : List.copyOf(categories);
    Checks.require(!categories.isEmpty() || other != null, "a categorical marginal needs at least one category");
    double total = other == null ? 0 : other.probability();
    Set<String> seen = new HashSet<>();
    for (Category category : categories) {
      total += category.probability();
      Checks.require(seen.add(category.value()), "category '%s' appears twice", category.value());
    }
    Checks.require(Math.abs(total - 1.0) <= Checks.PROBABILITY_SUM_TOLERANCE,
        "category probabilities must add up to 1, got %s", total);
  }
}
