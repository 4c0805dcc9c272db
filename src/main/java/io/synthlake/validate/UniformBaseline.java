package io.synthlake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random rows that DCRBaselineProtection compares against, drawn as SDMetrics does: numbers uniform between
 * the source's minimum and maximum, categories uniform over the source's distinct values (missing among them when
 * the source has missing values). Such rows know the domain but nothing of any record.
 */
public final class UniformBaseline {
  private UniformBaseline() {}

  /**
   * A column's domain: {@code categories} for a categorical column (null standing for missing), else
   * [{@code min}, {@code max}]; a column with no values at all gives missing values.
   */
  public record Domain(List<String> categories, Double min, Double max) {
    public static Domain categorical(List<String> categories) {
      return new Domain(categories, null, null);
    }

    public static Domain numeric(Double min, Double max) {
      return new Domain(null, min, max);
    }
  }

  public static List<Object[]> rows(List<Domain> domains, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[domains.size()];
      for (int c = 0; c < domains.size(); c++) {
        Domain domain = domains.get(c);
        if (domain.categories() != null) {
          row[c] = domain.categories().isEmpty() ? null
              : domain.categories().get(random.nextInt(domain.categories().size()));
        } else if (domain.min() != null) {
          row[c] = domain.min() + (domain.max() - domain.min()) * random.nextDouble();
        }
      }
      rows.add(row);
    }
    return rows;
  }
}
