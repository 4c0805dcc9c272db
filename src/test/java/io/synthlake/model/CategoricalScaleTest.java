package io.synthlake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalScaleTest {
  private final CategoricalScale scale = CategoricalScale.of(new CategoricalMarginal(
      List.of(new Category("a", 0.5), new Category("b", 0.3)), new OtherBucket(0.2, TestModels.shape())));

  @Test
  void laysCategoriesThenTheOtherBucketOnTheUnitInterval() {
    assertThat(scale.size()).isEqualTo(3);
    assertThat(scale.slotAt(0.1)).isZero();
    assertThat(scale.slotAt(0.5)).isEqualTo(1);
    assertThat(scale.slotAt(0.79)).isEqualTo(1);
    assertThat(scale.slotAt(0.81)).isEqualTo(2);
    assertThat(scale.label(0)).isEqualTo("a");
    assertThat(scale.label(2)).isNull();
    assertThat(scale.uniformScore(1, 0.5)).isCloseTo(0.65, within(1e-12));
  }

  @Test
  void unknownLabelsBelongToTheOtherBucketOrNowhere() {
    assertThat(scale.slotOf("b")).isEqualTo(1);
    assertThat(scale.slotOf("folded-away")).isEqualTo(2);
    CategoricalScale withoutOther = CategoricalScale.of(new CategoricalMarginal(
        List.of(new Category("a", 0.5), new Category("b", 0.5)), null));
    assertThat(withoutOther.slotOf("dropped")).isEqualTo(-1);
  }

  @Test
  void normalScoresFindTheSlotOfTheirUniform() {
    // Many small slots, an empty one (two equal edges) and a tiny last one.
    double other = 1e-6;
    double total = 0;
    for (int i = 0; i < 40; i++) {
      total += i == 7 ? 0.0 : 1.0 / (i + 2);
    }
    List<Category> categories = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      categories.add(new Category("c" + i, (i == 7 ? 0.0 : 1.0 / (i + 2)) * (1 - other) / total));
    }
    CategoricalScale many = CategoricalScale.of(new CategoricalMarginal(categories, new OtherBucket(other,
        TestModels.shape())));
    for (CategoricalScale s : List.of(scale, many)) {
      for (int i = 0; i <= 200_000; i++) {
        double z = -8.0 + 16.0 * i / 200_000;
        assertThat(s.slotOfNormal(z)).as("z = %s", z).isEqualTo(s.slotAt(io.synthlake.stats.StandardNormal.cdf(z)));
      }
    }
    assertThat(many.slotOfNormal(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(many.slotOfNormal(40)).isEqualTo(40);
  }
}
