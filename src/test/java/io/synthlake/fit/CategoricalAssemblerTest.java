package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.config.RareCategoryPolicy;
import io.synthlake.model.Category;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.profile.TextShapeState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalAssemblerTest {
  private static final List<CategoryCount> COUNTS = List.of(new CategoryCount("Private", 700),
      new CategoryCount("Self-emp", 200), new CategoryCount("Gov", 96), new CategoryCount("Rare-1", 3),
      new CategoryCount("Rare-2", 1));

  private static FitConfig config(RareCategoryPolicy policy, int maxCategories) {
    return FitConfig.builder().rareCategories(policy).maxCategories(maxCategories).build();
  }

  private static TextShapeState shape() {
    TextShapeState shape = new TextShapeState();
    for (CategoryCount c : COUNTS) {
      for (int i = 0; i < c.count(); i++) {
        shape.add(c.value());
      }
    }
    return shape;
  }

  @Test
  void rareLabelsAreFoldedAndNeverStored() {
    FitNotes notes = new FitNotes();
    CategoricalMarginal m = new CategoricalAssembler(config(RareCategoryPolicy.FOLD, 1000))
        .assemble("workclass", COUNTS, 1000, shape().summary(), notes);
    assertThat(m.categories()).extracting(Category::value).containsExactly("Private", "Self-emp", "Gov");
    assertThat(m.categories().get(0).probability()).isCloseTo(0.7, within(1e-12));
    assertThat(m.other().probability()).isCloseTo(0.004, within(1e-12));
    assertThat(io.synthlake.model.ModelJson.write(new io.synthlake.model.SynthModel(1, "t", "x",
        new io.synthlake.model.SourceFingerprint("p", "csv", null, 1, 1, null, null, null, null, null),
            null,
        List.of(new io.synthlake.model.ColumnModel("workclass", "string", io.synthlake.model.ColumnKind.CATEGORICAL,
            0, m)), null, List.of(), List.of(), notes.all()))).doesNotContain("Rare-1", "Rare-2");
    assertThat(notes.all().get(0).message()).startsWith("4 values (0.400%) with labels seen fewer than 5 times");
  }

  @Test
  void dropRenormalisesAndTheCapKeepsTheMostFrequent() {
    CategoricalMarginal m = new CategoricalAssembler(config(RareCategoryPolicy.DROP, 2))
        .assemble("workclass", COUNTS, 1000, shape().summary(), new FitNotes());
    assertThat(m.other()).isNull();
    assertThat(m.categories()).extracting(Category::value).containsExactly("Private", "Self-emp");
    assertThat(m.categories().get(0).probability()).isCloseTo(700.0 / 900, within(1e-12));
  }

  @Test
  void labelsThatCannotBeMadeUpAreDroppedAndAllRareMeansNothing() {
    CategoricalMarginal m = new CategoricalAssembler(config(RareCategoryPolicy.FOLD, 1000))
        .assemble("flag", List.of(new CategoryCount("true", 996), new CategoryCount("false", 4)), 1000, null,
            new FitNotes());
    assertThat(m.other()).isNull();
    assertThat(m.categories()).extracting(Category::value).containsExactly("true");
    assertThat(new CategoricalAssembler(config(RareCategoryPolicy.DROP, 1000))
        .assemble("x", List.of(new CategoryCount("a", 2)), 2, null, new FitNotes())).isNull();
  }
}
