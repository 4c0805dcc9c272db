package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.profile.FrequentValues;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The values of a numeric column that are kept as point masses, chosen from the profile's frequent values.
 *
 * <p>When the profile counted every distinct value exactly and at most {@code max-atoms} of them occur at least
 * {@code min-category-count} times, the column is discrete and each of those values is an atom (age, hours per
 * week, small codes). Otherwise only values holding at least {@code atom-min-fraction} of the finite values are
 * atoms (capital-gain = 0), chosen by a guaranteed lower bound of their count so that every chosen atom is real;
 * their exact counts come from the refine pass.
 *
 * @param values atom values, ascending
 * @param exact whether the profile's counts are exact (no refine pass needed for them)
 */
public record AtomChoice(double[] values, boolean exact) {
  public static AtomChoice choose(FrequentValues<Double> frequent, long finite, FitConfig fit) {
    long minCount = fit.minCategoryCount();
    if (frequent.exact()) {
      List<FrequentValues.Item<Double>> levels = frequent.items().stream()
          .filter(item -> item.estimate() >= minCount).toList();
      if (levels.size() <= fit.maxAtoms()) {
        return new AtomChoice(sorted(levels), true);
      }
    }
    long threshold = Math.max(minCount, (long) Math.ceil(fit.atomMinFraction() * finite));
    List<FrequentValues.Item<Double>> heavy = frequent.items().stream()
        .filter(item -> item.lowerBound() >= threshold)
        .sorted(Comparator.comparingLong(FrequentValues.Item<Double>::lowerBound).reversed()
            .thenComparing(FrequentValues.Item::value))
        .limit(fit.maxAtoms())
        .toList();
    return new AtomChoice(sorted(heavy), frequent.exact());
  }

  private static double[] sorted(List<FrequentValues.Item<Double>> items) {
    double[] values = items.stream().mapToDouble(FrequentValues.Item::value).toArray();
    Arrays.sort(values);
    return values;
  }


  @Override
  public boolean equals(Object other) {
    return other instanceof AtomChoice that && Arrays.equals(values, that.values) && exact == that.exact;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Boolean.hashCode(exact);
  }

  @Override
  public String toString() {
    return "AtomChoice" + Arrays.toString(values) + (exact ? " exact" : "");
  }
}
