package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthlake.config.FitConfig;
import io.synthlake.config.NonFinitePolicy;
import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.TextMarginal;
import io.synthlake.profile.NumericProfileState;
import io.synthlake.profile.StepLadder;
import io.synthlake.profile.StringProfileState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole fit without Spark: profile states fed by hand, then the table-level decisions. */
class TableFitTest {
  private static final int ROWS = 2000;

  private static FitConfig config(NonFinitePolicy policy) {
    return FitConfig.builder().nonFinite(policy).build();
  }

  @Test
  void buildsEveryMarginalFromExactProfilesWithoutARefinePass() {
    List<ColumnSpec> specs = List.of(
        new ColumnSpec("age", "int", SourceType.INT, 0, null),
        new ColumnSpec("city", "string", SourceType.STRING, 0, null),
        new ColumnSpec("order_id", "bigint", SourceType.LONG, 0, null),
        new ColumnSpec("country", "string", SourceType.STRING, 0, null),
        new ColumnSpec("note", "string", SourceType.STRING, 0, null),
        new ColumnSpec("ratio", "double", SourceType.DOUBLE, 0, null));
    NumericProfileState age = new NumericProfileState(StepLadder.INTEGER, 1e-9, 4000);
    StringProfileState city = new StringProfileState(4000);
    NumericProfileState orderId = new NumericProfileState(StepLadder.INTEGER, 1e-9, 4000);
    StringProfileState country = new StringProfileState(4000);
    StringProfileState note = new StringProfileState(4000);
    NumericProfileState ratio = new NumericProfileState(StepLadder.DECIMAL, 1e-9, 4000);
    for (int i = 0; i < ROWS; i++) {
      age.add(20 + i % 50);
      if (i % 10 != 0) {
        city.add("city-" + i % 7);
      }
      orderId.add(1000 + i);
      country.add("FR");
      note.add("free text note number " + i);
      ratio.add(i % 4 == 0 ? Double.NaN : (i % 100) / 100.0);
    }
    FitNotes notes = new FitNotes();
    TableFit fit = new TableFit(specs, config(NonFinitePolicy.KEEP), notes);
    RefinePlan plan = fit.afterProfile(ROWS, List.of(age.summary(), city.summary(), orderId.summary(),
        country.summary(), note.summary(), ratio.summary()));
    assertThat(plan.isEmpty()).isTrue();
    Map<String, ColumnModel> columns = new java.util.HashMap<>();
    fit.columnModels().forEach(c -> columns.put(c.name(), c));

    assertThat(columns.get("age").kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(((NumericMarginal) columns.get("age").marginal()).atoms()).hasSize(50);
    assertThat(columns.get("city").nullFraction()).isEqualTo(0.1);
    assertThat(((CategoricalMarginal) columns.get("city").marginal()).categories()).hasSize(7);
    assertThat(columns.get("order_id").marginal()).isEqualTo(IdentifierMarginal.ofIntegers(1004, 2995));
    assertThat(columns.get("country").marginal()).isEqualTo(new ConstantMarginal("FR"));
    assertThat(columns.get("note").marginal()).isInstanceOf(TextMarginal.class);
    NumericMarginal ratioMarginal = (NumericMarginal) columns.get("ratio").marginal();
    assertThat(ratioMarginal.nonFinite().nan()).isEqualTo(0.25);
    assertThat(ratioMarginal.resolution()).isEqualTo(0.01);

    CopulaPlan copula = fit.copulaPlan();
    assertThat(copula.names()).containsExactly("age", "city", "ratio");
    assertThat(copula.epsilon()[0]).isEqualTo(0.5 / ROWS);
  }

  @Test
  void asksTheRefinePassForWhatTheProfileCouldNotCountAndCompletesWithIt() {
    List<ColumnSpec> specs = List.of(new ColumnSpec("amount", "double", SourceType.DOUBLE, 0, null));
    NumericProfileState amount = new NumericProfileState(StepLadder.DECIMAL, 1e-9, 100);
    NumericRest rest = null;
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 5 == 0 ? 0.0 : 1 + random.nextDouble() * 100;
      amount.add(values[i]);
    }
    TableFit fit = new TableFit(specs, FitConfig.defaults(), new FitNotes());
    RefinePlan plan = fit.afterProfile(values.length, List.of(amount.summary()));
    assertThat(plan.numeric()).singleElement().satisfies(task -> {
      assertThat(task.atoms()).containsExactly(0.0);
      assertThat(task.quantiles()).isTrue();
    });
    rest = new NumericRest(plan.numeric().get(0).atoms(), 5);
    for (double v : values) {
      rest.add(v);
    }
    double[] quantiles = new double[plan.grid().length];
    for (int j = 0; j < quantiles.length; j++) {
      quantiles[j] = 1 + 100 * plan.grid()[j];
    }
    java.util.ArrayList<double[]> quantileList = new java.util.ArrayList<>();
    quantileList.add(quantiles);
    fit.afterRefine(List.of(rest), quantileList, List.of());
    NumericMarginal m = (NumericMarginal) fit.columnModels().get(0).marginal();
    assertThat(m.atoms()).singleElement().satisfies(a -> assertThat(a.probability()).isEqualTo(0.2));
    assertThat(m.continuous().lower()).isEqualTo(rest.extremes().kthSmallest());
  }

  @Test
  void datesHiddenInStringsAreNoted() {
    io.synthlake.profile.TextShapeState dates = new io.synthlake.profile.TextShapeState();
    io.synthlake.profile.TextShapeState words = new io.synthlake.profile.TextShapeState();
    for (int i = 0; i < 100; i++) {
      dates.add(String.format("2001/01/%02d %02d:47", 1 + i % 28, i % 24));
      words.add("row " + i + " of 100");
    }
    assertThat(TableFit.looksTemporal(dates.summary())).isTrue();
    assertThat(TableFit.looksTemporal(words.summary())).isFalse();
  }

  @Test
  void nonFiniteValuesCanBeAnError() {
    List<ColumnSpec> specs = List.of(new ColumnSpec("x", "double", SourceType.DOUBLE, 0, null));
    NumericProfileState x = new NumericProfileState(StepLadder.DECIMAL, 1e-9, 100);
    x.add(1);
    x.add(Double.NaN);
    x.add(Double.NEGATIVE_INFINITY);
    TableFit fit = new TableFit(specs, config(NonFinitePolicy.ERROR), new FitNotes());
    assertThatThrownBy(() -> fit.afterProfile(3, List.of(x.summary())))
        .isInstanceOf(SynthException.class)
        .hasMessage("non-finite values in x (1 NaN, 0 +Infinity, 1 -Infinity); set fit.non-finite to keep (model "
            + "them) or null (treat them as nulls)");
  }
}
