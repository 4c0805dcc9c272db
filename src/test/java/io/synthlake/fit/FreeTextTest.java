package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.config.FitConfig;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.PositionShape;
import io.synthlake.model.TextMarginal;
import io.synthlake.profile.StringProfileState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing of a free-text column's values reaches the model: no label, no constant, no spelled-out prefix. */
class FreeTextTest {
  private static final List<String> NOTES = List.of("Customer called about the invoice",
      "Customer called twice", "Customer angry");

  @Test
  void aFreeTextColumnWithFewDistinctValuesKeepsNoneOfThem() {
    StringProfileState notes = new StringProfileState(4000);
    for (int i = 0; i < 300; i++) {
      notes.add(NOTES.get(i % NOTES.size()));
    }
    ColumnModel model = fit(new ColumnSpec("notes", "string", SourceType.STRING, 0, ColumnKind.TEXT), notes);
    assertThat(model.kind()).isEqualTo(ColumnKind.TEXT);
    TextMarginal text = (TextMarginal) model.marginal();
    // Every value starts "Customer ": stored as literals, the shape would spell it out.
    assertThat(text.shape().positions()).isNotEmpty().extracting(PositionShape::literal).containsOnlyNulls();
    assertThat(model.toString()).doesNotContain("Customer", "invoice", "angry");
  }

  @Test
  void detectedFreeTextKeepsNoPrefix() {
    StringProfileState description = new StringProfileState(4000);
    for (int i = 0; i < 2000; i++) {
      description.add("a comment with words number " + (i * 7919 % 100_000));
    }
    ColumnModel model = fit(new ColumnSpec("description", "string", SourceType.STRING, 0, null), description);
    assertThat(model.kind()).isEqualTo(ColumnKind.TEXT);
    assertThat(((TextMarginal) model.marginal()).shape().positions()).extracting(PositionShape::literal)
        .containsOnlyNulls();
  }

  private static ColumnModel fit(ColumnSpec spec, StringProfileState state) {
    TableFit fit = new TableFit(List.of(spec), FitConfig.defaults(), new FitNotes());
    fit.afterProfile(state.summary().nonNull(), List.of(state.summary()));
    return fit.columnModels().get(0);
  }
}
