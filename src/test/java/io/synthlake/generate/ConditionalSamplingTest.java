package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conditions and target shares hold in every row, by construction: exactly the rows asked for, every one inside
 * the condition, the model's rules still obeyed, the parents of a conditioned label reweighted as Bayes' rule says,
 * and the same rows whatever the batches or the pruned columns.
 */
class ConditionalSamplingTest {
  private static final int ROWS = 20_000;
  private static final List<String> ALL = List.of("a", "b", "total", "start", "end", "city", "state", "country",
      "code", "role", "sex", "note");

  /** The rules test's model, with b drawn from a disjoint range per role. */
  private static SynthModel model() {
    SynthModel base = RuleSamplingTest.model(RuleSamplingTest.rules());
    LabelMarginals bByRole = new LabelMarginals("b", "role", 0.9, List.of(
        new LabelMarginals.ByLabel("Husband", uniform(0, 10), null),
        new LabelMarginals.ByLabel("Wife", uniform(20, 30), null),
        new LabelMarginals.ByLabel("Child", uniform(40, 50), null)), null);
    return new SynthModel(base.formatVersion(), base.table(), base.createdBy(), base.source(), base.fit(),
        base.columns(), base.copula(), base.rules(), List.of(bByRole), base.notes());
  }

  private static NumericMarginal uniform(double low, double high) {
    return new NumericMarginal(0.01, List.of(), new EmpiricalQuantiles(new double[] {0, 1},
        new double[] {low, high}), null);
  }

  private static Map<String, List<Object>> sample(SynthModel model, List<String> columns, int batch,
      GenerateConditions conditions) {
    return Samples.byColumn(model, 7, columns, ROWS, batch, conditions);
  }

  private static GenerateConditions where(String text) {
    return GenerateConditions.parse(text, null, null);
  }

  private static long count(List<Object> values, Object value) {
    return values.stream().filter(value::equals).count();
  }

  @Test
  void aRangeOnTwoColumnsGivesExactlyTheRowsAskedForAllInsideAndTheRulesStillHold() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000,
        where("a BETWEEN 20 AND 40 AND start >= '2020-01-01' AND start < '2021-01-01'"));
    int from = (int) LocalDate.parse("2020-01-01").toEpochDay();
    int to = (int) LocalDate.parse("2021-01-01").toEpochDay();
    assertThat(v.get("a")).hasSize(ROWS);
    for (int r = 0; r < ROWS; r++) {
      BigDecimal a = (BigDecimal) v.get("a").get(r);
      assertThat(a).isBetween(new BigDecimal("20"), new BigDecimal("40"));
      int start = (Integer) v.get("start").get(r);
      assertThat(start).isGreaterThanOrEqualTo(from).isLessThan(to);
      assertThat((BigDecimal) v.get("total").get(r)).isEqualByComparingTo(a.add((BigDecimal) v.get("b").get(r)));
      Object end = v.get("end").get(r);
      if (end != null) {
        assertThat((Integer) end).isGreaterThan(start);
      }
    }
    // The conditioned columns spread over their ranges rather than piling up at an edge.
    double meanA = v.get("a").stream().mapToDouble(x -> ((BigDecimal) x).doubleValue()).average().orElseThrow();
    assertThat(meanA).isCloseTo(30, within(1.0));
  }

  @Test
  void conditionalRowsAreTheSameWhateverTheBatchesAndThePrunedColumns() {
    for (GenerateConditions conditions : List.of(where("sex = 'Female' AND a > 50"),
        where("city IN ('Lyon', 'Austin') AND sex = 'Female' AND a < 50 AND code = 33"),
        GenerateConditions.parse("b < 45", "sex", null))) {
      Map<String, List<Object>> whole = sample(model(), ALL, 1000, conditions);
      Map<String, List<Object>> oddBatches = sample(model(), ALL, 333, conditions);
      assertThat(oddBatches).isEqualTo(whole);
      for (List<String> columns : List.of(List.of("b", "city"), List.of("a"), List.of("sex", "note"))) {
        Map<String, List<Object>> pruned = sample(model(), columns, 777, conditions);
        columns.forEach(c -> assertThat(pruned.get(c)).as(c).isEqualTo(whole.get(c)));
      }
    }
  }

  @Test
  void floatRangesHoldAsTheFloatsAreWrittenAndConstantsAreNeverNull() {
    SynthModel base = GenerateModels.model();
    List<io.synthlake.model.ColumnModel> columns = new ArrayList<>();
    for (io.synthlake.model.ColumnModel column : base.columns()) {
      columns.add(column.name().equals("country") ? new io.synthlake.model.ColumnModel("country", "string",
          column.kind(), 0.3, column.marginal()) : column);
    }
    SynthModel model = new SynthModel(base.formatVersion(), base.table(), base.createdBy(), base.source(),
        base.fit(), columns, base.copula(), base.rules(), base.labelMarginals(), base.notes());
    TableSampler sampler = TableSampler.of(model, 3, List.of("price", "country"), ROWS, Map.of(),
        where("price <= 1.1 AND country = 'FR'"));
    RecordingSink price = new RecordingSink();
    RecordingSink country = new RecordingSink();
    sampler.sample(0, ROWS, new ColumnSink[] {price, country});
    for (int r = 0; r < ROWS; r++) {
      // As Spark compares a float column with 1.1: the float widened to a double.
      assertThat(((Float) price.values.get(r)).doubleValue()).isLessThanOrEqualTo(1.1).isGreaterThanOrEqualTo(1.0);
      assertThat(country.values.get(r)).isEqualTo("FR");
    }
  }

  @Test
  void aRangeOnTheHighEndOfAnOrderBoundsItsLowAndBothHold() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000, where("end BETWEEN '2020-01-01' AND '2020-12-31'"));
    int from = (int) LocalDate.parse("2020-01-01").toEpochDay();
    int to = (int) LocalDate.parse("2020-12-31").toEpochDay();
    for (int r = 0; r < ROWS; r++) {
      int end = (Integer) v.get("end").get(r);
      assertThat(end).isBetween(from, to);
      assertThat((Integer) v.get("start").get(r)).isLessThan(end);
    }
    assertThatThrownBy(() -> TableSampler.of(model(), 7, ALL, ROWS, Map.of(),
        where("end IN ('2020-06-01', '2020-07-01')")))
        .hasMessage("generate.where: column end of table rules is the high end of the rule start < end: give it one "
            + "range, not a list of values");
  }

  @Test
  void aConditionOnALabelTableChildReweightsItsParentByBayesRule() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000, where("sex = 'Female'"));
    assertThat(count(v.get("sex"), "Female")).isEqualTo(ROWS);
    // P(role | Female) ∝ P(role)·P(Female | role): Husband 0.4·0, Wife 0.1·1, Child 0.5·0.5.
    assertThat(count(v.get("role"), "Husband")).isZero();
    assertThat(count(v.get("role"), "Wife") / (double) ROWS).isCloseTo(0.1 / 0.35, within(0.015));
    // b follows the row's role: Wives' in [20, 30], Children's in [40, 50].
    for (int r = 0; r < ROWS; r++) {
      double b = ((BigDecimal) v.get("b").get(r)).doubleValue();
      assertThat(b).isBetween(v.get("role").get(r).equals("Wife") ? 20.0 : 40.0,
          v.get("role").get(r).equals("Wife") ? 30.0 : 50.0);
    }
  }

  @Test
  void aRangeOnANumberWithPerLabelMarginalsChoosesTheLabelsThatReachIt() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000, where("b BETWEEN 22.5 AND 27.5"));
    assertThat(count(v.get("role"), "Wife")).isEqualTo(ROWS);
    assertThat(count(v.get("sex"), "Female")).isEqualTo(ROWS);
    v.get("b").forEach(b -> assertThat((BigDecimal) b).isBetween(new BigDecimal("22.5"), new BigDecimal("27.5")));
  }

  @Test
  void aConditionOnAComputedColumnSelectsTheDeterminantsThatMapToIt() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000, where("code = 1"));
    assertThat(count(v.get("code"), 1)).isEqualTo(ROWS);
    assertThat(count(v.get("country"), "US")).isEqualTo(ROWS);
    assertThat(count(v.get("state"), "TX")).isEqualTo(ROWS);
    // Austin 0.2 against Dallas 0.1 in the model.
    assertThat(count(v.get("city"), "Austin") / (double) ROWS).isCloseTo(2 / 3.0, within(0.015));
  }

  @Test
  void rebalancingGivesEqualSharesToWithinARowPerBlockAndDrawsTheRestGivenTheLabel() {
    Map<String, List<Object>> v = sample(model(), ALL, 1000, GenerateConditions.parse(null, "sex", null));
    assertThat(Math.abs(count(v.get("sex"), "Female") - ROWS / 2)).isLessThanOrEqualTo(ROWS / ConditionalDraws.BLOCK
        + 1);
    for (int r = 0; r < ROWS; r++) {
      if (v.get("role").get(r).equals("Husband")) {
        assertThat(v.get("sex").get(r)).isEqualTo("Male");
      }
    }
    // Equal shares go to the labels the condition leaves possible: no row with b in Husbands' [0, 10] is Female.
    Map<String, List<Object>> possible = sample(model(), ALL, 1000, GenerateConditions.parse("b < 10", "sex",
        null));
    assertThat(count(possible.get("sex"), "Male")).isEqualTo(ROWS);
    Map<String, List<Object>> shares = sample(model(), ALL, 1000,
        GenerateConditions.parse("a >= 10", null, "role=Wife:0.3,Child:0.7"));
    assertThat(count(shares.get("role"), "Wife") / (double) ROWS).isCloseTo(0.3, within(0.001));
    assertThat(count(shares.get("role"), "Husband")).isZero();
    shares.get("a").forEach(a -> assertThat((BigDecimal) a).isGreaterThanOrEqualTo(BigDecimal.TEN));
  }

  @Test
  void badConditionsFailWithOneLineNamingTheColumnBeforeAnyRow() {
    assertFails("sexe = 'Female'", "generate.where: table rules has no column 'sexe' (did you mean 'sex'?)");
    assertFails("sex = 'F'", "generate.where: column sex of table rules has no label 'F' in the model; its labels: "
        + "Male, Female");
    assertFails("a BETWEEN 40 AND 20", "generate.where: 'a BETWEEN 40 AND 20' is an empty range");
    assertFails("a > 500", "generate.where: no value of column a of table rules in the model satisfies the "
        + "condition on it (its values run from 0 to 100)");
    assertFails("sex = 'Female' AND role = 'Husband'", "generate.where: no row the model generates satisfies sex = "
        + "'Female' AND role = 'Husband'");
    assertFails("total > 10", "generate.where: column total of table rules is computed by the rule total = a + b, "
        + "so it cannot be conditioned on; condition on the columns the rule reads instead");
    assertFails("start = 'soon'", "generate.where: column start of table rules is date, so 'soon' is not a value "
        + "of it: give a date such as '2024-01-31'");
    assertFails("city > 'A'", "generate.where: column city of table rules holds labels, so 'city > 'A'' cannot "
        + "select a range of it: list its labels with IN (...)");
    assertFails("a = 1 OR b = 2", "generate.where: OR at character 7 is not supported: join parts with AND (IN "
        + "lists alternatives)");
    assertFails("a BETWEEN 1", "generate.where: expected 'AND' at character 12, found the end");
    assertFails("sex <> 'Male'", "generate.where: '<>' at character 5 is not supported: a condition selects values "
        + "with =, IN or a range");
    assertThatThrownBy(() -> TableSampler.of(model(), 7, ALL, ROWS, Map.of(),
        GenerateConditions.parse(null, null, "sex=Male:0.5,'Male':0.5")))
        .hasMessage("generate.shares gives label 'Male' twice");
    assertThatThrownBy(() -> GenerateConditions.parse(null, "sex", "sex=Male:0.5,Female:0.4"))
        .hasMessage("set either generate.rebalance (--rebalance) or generate.shares (--shares), not both");
    assertThatThrownBy(() -> GenerateConditions.parse(null, null, "sex=Male:0.5,Female:0.4"))
        .hasMessage("generate.shares: the shares of column sex sum to 0.9, not 1");
    assertThatThrownBy(() -> TableSampler.of(model(), 7, ALL, ROWS, Map.of(),
        GenerateConditions.parse(null, "a", null)))
        .hasMessage("generate.rebalance: column a of table rules is continuous; rebalancing needs a label or boolean "
            + "column");
  }

  private static void assertFails(String where, String message) {
    assertThatThrownBy(() -> TableSampler.of(model(), 7, ALL, ROWS, Map.of(), where(where)))
        .isInstanceOf(SynthException.class).hasMessage(message)
        .satisfies(e -> assertThat(((SynthException) e).exitCode()).isEqualTo(ExitCode.CONFIG));
  }
}
