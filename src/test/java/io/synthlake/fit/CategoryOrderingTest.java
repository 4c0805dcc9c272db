package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Categories laid out along the axis on which what comes with them differs most. */
class CategoryOrderingTest {
  @Test
  void labelsAreOrderedByWhatComesWithThemAcrossSeveralColumns() {
    // Copula columns: 0 = the categorical one (5 labels), 1 and 2 numeric, both shifted by a per-label amount
    // (column 2 in the opposite direction), 3 unrelated noise.
    double[] shift = {0.5, -1.0, 2.0, 0.0, -0.3};
    CategoryOrdering ordering = new CategoryOrdering(4, new int[] {0}, new int[] {5});
    SplittableRandom random = new SplittableRandom(3);
    for (int row = 0; row < 20_000; row++) {
      int label = random.nextInt(5);
      double[] z = {random.nextGaussian(), shift[label] + random.nextGaussian(),
          -0.5 * shift[label] + random.nextGaussian(), random.nextGaussian()};
      ordering.add(z, new int[] {label});
    }
    int[] order = ordering.order(0);
    // Either direction of the axis is the same layout; normalise to ascending shift.
    if (shift[order[0]] > shift[order[4]]) {
      order = new int[] {order[4], order[3], order[2], order[1], order[0]};
    }
    assertThat(order).containsExactly(1, 4, 3, 0, 2);
  }

  @Test
  void missingLabelsAndTheOtherBucketAreIgnoredAndPartialStatesMerge() {
    CategoryOrdering first = new CategoryOrdering(2, new int[] {1}, new int[] {3});
    CategoryOrdering second = new CategoryOrdering(2, new int[] {1}, new int[] {3});
    // Column 0's score per label: label 0 → 1.0, label 1 → -2.0, label 2 → 0.0.
    first.add(new double[] {1.0, 0}, new int[] {0});
    first.add(new double[] {-2.0, 0}, new int[] {1});
    second.add(new double[] {0.0, 0}, new int[] {2});
    second.add(new double[] {9.0, 0}, new int[] {-1});
    second.add(new double[] {9.0, 0}, new int[] {3});
    second.add(new double[] {Double.NaN, 0}, new int[] {0});
    first.merge(second);
    int[] order = first.order(0);
    assertThat(order).satisfiesAnyOf(o -> assertThat(o).containsExactly(1, 2, 0),
        o -> assertThat(o).containsExactly(0, 2, 1));
  }

  @Test
  void withoutAnyRelationshipTheFrequencyOrderStays() {
    CategoryOrdering ordering = new CategoryOrdering(2, new int[] {0}, new int[] {4});
    for (int label = 0; label < 4; label++) {
      ordering.add(new double[] {0, 0.0}, new int[] {label});
    }
    assertThat(ordering.order(0)).containsExactly(0, 1, 2, 3);
  }
}
