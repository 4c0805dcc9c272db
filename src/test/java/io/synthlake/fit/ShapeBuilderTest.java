package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.model.PositionShape;
import io.synthlake.model.StringShape;
import io.synthlake.profile.TextShapeState;
import org.junit.jupiter.api.Test;

class ShapeBuilderTest {
  @Test
  void characterClassesSeenFewerThanMinCategoryCountTimesAreNotStored() {
    TextShapeState state = new TextShapeState();
    for (int i = 0; i < 200; i++) {
      state.add(String.format("A%03d", i % 1000));
    }
    // Three values with a lower-case first letter, two with a dash third: each class is rarer than 5.
    state.add("b123");
    state.add("c456");
    state.add("d789");
    state.add("E1-3");
    state.add("F4-6");
    // Past the fourth position only 8 values go on, four digits and four letters: no class is common enough.
    for (int i = 0; i < 4; i++) {
      state.add("G0001");
      state.add("H000Z");
    }
    StringShape shape = ShapeBuilder.build(state.summary(), FitConfig.defaults());
    PositionShape first = shape.positions().get(0);
    assertThat(first.literal()).isNull();
    assertThat(first.lower()).isZero();
    assertThat(first.upper()).isCloseTo(1.0, within(1e-12));
    PositionShape third = shape.positions().get(2);
    assertThat(third.other()).isZero();
    assertThat(third.digit()).isCloseTo(1.0, within(1e-12));
    assertThat(shape.positions()).hasSize(4);
    assertThat(shape.characters()).doesNotContainKeys("b", "c", "d", "-");
  }
}
