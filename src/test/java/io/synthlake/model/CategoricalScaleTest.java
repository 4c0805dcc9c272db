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
}
