package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.ModelJson;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A score taken within a label keeps its label's shares or marginal once calibrated, where the plain copula drifts:
 * in the model below, child's label depends on grandparent's (through parent), and the scores of child and of x
 * (taken within parent) correlate with grandparent's. The oracle is the model's own tables and per-label
 * marginals: the generated rows of each parent label must show them.
 */
class ScoreCalibratorTest {
  private static final int ROWS = 60_000;
  private static final List<String> ALL = List.of("grandparent", "parent", "child", "x");

  private static CategoricalMarginal halves(String first, String second) {
    return new CategoricalMarginal(List.of(new Category(first, 0.5), new Category(second, 0.5)), null);
  }

  private static NumericMarginal uniform(double low, double high) {
    return new NumericMarginal(0.001, List.of(), new EmpiricalQuantiles(new double[] {0, 1},
        new double[] {low, high}), null);
  }

  static SynthModel model() {
    List<ColumnModel> columns = List.of(
        new ColumnModel("grandparent", "string", ColumnKind.CATEGORICAL, 0.0, halves("A", "B")),
        new ColumnModel("parent", "string", ColumnKind.CATEGORICAL, 0.0, halves("p", "q")),
        new ColumnModel("child", "string", ColumnKind.CATEGORICAL, 0.0, halves("u", "v")),
        new ColumnModel("x", "double", ColumnKind.CONTINUOUS, 0.0, uniform(0, 30)));
    LabelTableRule parentTable = new LabelTableRule(List.of(), null, 0, "grandparent", "parent", List.of(
        new LabelTableRule.LabelRow("A", new double[] {0.8, 0.2}, null),
        new LabelTableRule.LabelRow("B", new double[] {0.2, 0.8}, null)), new double[] {0.5, 0.5});
    LabelTableRule childTable = new LabelTableRule(List.of(), null, 0, "parent", "child", List.of(
        new LabelTableRule.LabelRow("p", new double[] {0.7, 0.3}, null),
        new LabelTableRule.LabelRow("q", new double[] {0.3, 0.7}, null)), new double[] {0.5, 0.5});
    LabelMarginals xByParent = new LabelMarginals("x", "parent", 0.8, List.of(
        new LabelMarginals.ByLabel("p", uniform(0, 10), null),
        new LabelMarginals.ByLabel("q", uniform(20, 30), null)), null);
    // Scores taken within a label are uncorrelated with that label's own score (fit holds them at 0), but not with
    // the grandparent's, which decides most of the parent's label.
    CopulaModel copula = new CopulaModel(List.of("grandparent", "parent", "child", "x"), new double[][] {
        {1, 0, 0.6, 0.6}, {0, 1, 0, 0}, {0.6, 0, 1, 0.36}, {0.6, 0, 0.36, 1}});
    SynthModel base = GenerateModels.model();
    return new SynthModel(SynthModel.FORMAT_VERSION, "calibration", "test", base.source(), base.fit(), columns,
        copula, List.of(parentTable, childTable), List.of(xByParent), List.of());
  }

  private static Map<String, List<Object>> sample(SynthModel model) {
    return Samples.byColumn(model, 11, ALL, ROWS, 4_096, GenerateConditions.NONE);
  }

  /** The indices of the rows with the parent label. */
  private static java.util.stream.IntStream rowsOf(Map<String, List<Object>> rows, String parent) {
    return java.util.stream.IntStream.range(0, ROWS).filter(i -> parent.equals(rows.get("parent").get(i)));
  }

  /** Among rows with the parent label, the share of child label u. */
  private static double childShare(Map<String, List<Object>> rows, String parent) {
    return rowsOf(rows, parent).mapToDouble(i -> "u".equals(rows.get("child").get(i)) ? 1 : 0).average()
        .orElseThrow();
  }

  /** Among rows with the parent label, the mean of x. */
  private static double meanX(Map<String, List<Object>> rows, String parent) {
    return rowsOf(rows, parent).mapToDouble(i -> ((Number) rows.get("x").get(i)).doubleValue()).average()
        .orElseThrow();
  }

  @Test
  void theUncalibratedCopulaDriftsFromTheTables() {
    // Shows the test can fail: without calibration the parent's rows misstate the child's shares and x's mean.
    Map<String, List<Object>> rows = sample(model());
    assertThat(Math.abs(childShare(rows, "p") - 0.7)).isGreaterThan(0.03);
    assertThat(Math.abs(meanX(rows, "p") - 5.0)).isGreaterThan(0.4);
  }

  @Test
  void calibratedScoresKeepEachLabelsSharesAndMarginal() {
    SynthModel calibrated = ScoreCalibrator.calibrate(model(), 42);
    Map<String, List<Object>> rows = sample(calibrated);
    // Binomial standard error of a share among ~30,000 rows is 0.003; the calibration's own sampling error is of
    // the same order, and moment matching leaves a small higher-order error.
    assertThat(childShare(rows, "p")).isCloseTo(0.7, within(0.012));
    assertThat(childShare(rows, "q")).isCloseTo(0.3, within(0.012));
    // x within a label is uniform over a width of 10: its mean's standard error is 0.017.
    assertThat(meanX(rows, "p")).isCloseTo(5.0, within(0.1));
    assertThat(meanX(rows, "q")).isCloseTo(25.0, within(0.1));
  }

  @Test
  void calibrationIsStoredReadablyAndRepeatable() {
    SynthModel calibrated = ScoreCalibrator.calibrate(model(), 42);
    assertThat(ScoreCalibrator.calibrate(model(), 42)).isEqualTo(calibrated);
    LabelTableRule child = calibrated.rules().stream().filter(r -> r instanceof LabelTableRule t
        && t.child().equals("child")).map(LabelTableRule.class::cast).findFirst().orElseThrow();
    // Child's score correlates 0.6 with grandparent's, which parent p selects from below: its mean shifts down.
    assertThat(child.rows().get(0).calibration().mean()).isLessThan(-0.1);
    assertThat(child.rows().get(0).calibration().sd()).isLessThan(1.0);
    // The parent's own score is uncorrelated with its parent's: nothing to correct beyond sampling noise.
    LabelTableRule parent = calibrated.rules().stream().filter(r -> r instanceof LabelTableRule t
        && t.child().equals("parent")).map(LabelTableRule.class::cast).findFirst().orElseThrow();
    assertThat(parent.rows().get(0).calibration().mean()).isCloseTo(0.0, within(0.01));
    assertThat(calibrated.labelMarginals().get(0).labels().get(0).calibration()).isNotNull();
    assertThat(calibrated.notes()).anySatisfy(note -> assertThat(note.message())
        .contains("copula scores of 3 columns taken within a label are calibrated for 6 labels"));
    String json = ModelJson.write(calibrated);
    assertThat(json).contains("\"calibration\": {\"mean\": ");
    assertThat(ModelJson.read(json, "test")).isEqualTo(calibrated);
  }

  @Test
  void conditionsHoldOnACalibratedModel() {
    // Conditions read the calibrated edges and quantiles, as generate does: every row satisfies them.
    SynthModel calibrated = ScoreCalibrator.calibrate(model(), 42);
    Map<String, List<Object>> rows = Samples.byColumn(calibrated, 11, ALL, 5_000, 1_000,
        GenerateConditions.parse("child = 'u' AND x BETWEEN 2 AND 4", null, null));
    assertThat(rows.get("child")).containsOnly("u");
    assertThat(rows.get("x")).allSatisfy(x -> assertThat(((Number) x).doubleValue()).isBetween(2.0, 4.0));
    assertThat(rows.get("parent")).containsOnly("p");
  }

  @Test
  void aConditionOnACalibratedColumnWeighsItsLabelsByTheirMarginals() {
    // x < 25 holds for every row of parent p (x in [0, 10]) and half of q's (x in [20, 30]): Bayes' rule gives p
    // two thirds of the rows. Weighing q by the mass of its calibrated scores under N(0, 1) gave 0.62.
    SynthModel calibrated = ScoreCalibrator.calibrate(model(), 42);
    int rows = 20_000;
    Map<String, List<Object>> drawn = Samples.byColumn(calibrated, 11, ALL, rows, 4_096,
        GenerateConditions.parse("x < 25", null, null));
    long p = drawn.get("parent").stream().filter("p"::equals).count();
    assertThat((double) p / rows).isCloseTo(2.0 / 3, within(0.02));
    assertThat(drawn.get("x")).allSatisfy(x -> assertThat(((Number) x).doubleValue()).isLessThan(25.0));
  }

  @Test
  void aModelWithoutScoresTakenWithinALabelIsUnchanged() {
    SynthModel plain = GenerateModels.model();
    assertThat(ScoreCalibrator.calibrate(plain, 42)).isSameAs(plain);
  }
}
