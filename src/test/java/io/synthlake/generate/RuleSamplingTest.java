package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.DependencyRule;
import io.synthlake.model.DependencyRule.MappedValue;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.ModelJson;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.OrderRule;
import io.synthlake.model.Rule;
import io.synthlake.model.SumRule;
import io.synthlake.model.SynthModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generate holds a model's rules by construction: every row obeys each rule, counted here row by row, whatever the
 * batch boundaries, with a pruned determinant still computed, and the untouched columns exactly as without rules.
 */
class RuleSamplingTest {
  private static final int ROWS = 20_000;

  private static NumericMarginal uniform(double resolution, double low, double high) {
    return new NumericMarginal(resolution, List.of(), new EmpiricalQuantiles(new double[] {0, 1},
        new double[] {low, high}), null);
  }

  private static CategoricalMarginal labels(String... valuesAndShares) {
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < valuesAndShares.length; i += 2) {
      categories.add(new Category(valuesAndShares[i], Double.parseDouble(valuesAndShares[i + 1])));
    }
    return new CategoricalMarginal(categories, null);
  }

  static SynthModel model(List<Rule> rules) {
    List<ColumnModel> columns = List.of(
        new ColumnModel("a", "decimal(10,2)", ColumnKind.CONTINUOUS, 0.1, uniform(0.01, 0, 100)),
        new ColumnModel("b", "decimal(10,2)", ColumnKind.CONTINUOUS, 0.0, uniform(0.01, 0, 50)),
        new ColumnModel("total", "decimal(10,2)", ColumnKind.CONTINUOUS, 0.05, uniform(0.01, 0, 150)),
        new ColumnModel("start", "date", ColumnKind.DATE, 0.0, uniform(1, 18_000, 19_000)),
        new ColumnModel("end", "date", ColumnKind.DATE, 0.2, uniform(1, 18_000, 19_500)),
        new ColumnModel("city", "string", ColumnKind.CATEGORICAL, 0.0,
            labels("Lyon", "0.3", "Paris", "0.4", "Austin", "0.2", "Dallas", "0.1")),
        new ColumnModel("state", "string", ColumnKind.CATEGORICAL, 0.0,
            labels("ARA", "0.3", "IDF", "0.4", "TX", "0.3")),
        new ColumnModel("country", "string", ColumnKind.CATEGORICAL, 0.0, labels("FR", "0.7", "US", "0.3")),
        new ColumnModel("code", "int", ColumnKind.INTEGER, 0.0, new NumericMarginal(1, List.of(
            new io.synthlake.model.Atom(1, 0.3), new io.synthlake.model.Atom(33, 0.7)), null, null)),
        new ColumnModel("role", "string", ColumnKind.CATEGORICAL, 0.0,
            labels("Husband", "0.4", "Wife", "0.1", "Child", "0.5")),
        new ColumnModel("sex", "string", ColumnKind.CATEGORICAL, 0.0, labels("Male", "0.6", "Female", "0.4")),
        new ColumnModel("note", "string", ColumnKind.CATEGORICAL, 0.3, labels("x", "0.5", "y", "0.5")));
    // A fitted child's score is taken within its parent's label, so it is uncorrelated with the parent's (role, sex).
    CopulaModel copula = new CopulaModel(List.of("a", "b", "start", "end", "city", "role", "sex"), new double[][] {
        {1, 0.5, 0.2, 0, 0.1, 0, 0}, {0.5, 1, 0, 0, 0, 0, 0}, {0.2, 0, 1, 0.3, 0, 0, 0}, {0, 0, 0.3, 1, 0, 0, 0},
        {0.1, 0, 0, 0, 1, 0.2, 0.3}, {0, 0, 0, 0, 0.2, 1, 0}, {0, 0, 0, 0, 0.3, 0, 1}});
    SynthModel base = GenerateModels.model();
    return new SynthModel(SynthModel.FORMAT_VERSION, "rules", "test", base.source(), base.fit(), columns, copula,
        rules, List.of(), List.of());
  }

  static List<Rule> rules() {
    return List.of(
        new SumRule(null, null, 0, "total", "a", "b", false),
        new OrderRule(null, null, 0, List.of("start"), "end", true),
        new DependencyRule(null, null, 0, "city", "state", List.of(new MappedValue("Lyon", "ARA"),
            new MappedValue("Paris", "IDF"), new MappedValue("Austin", "TX"), new MappedValue("Dallas", "TX"))),
        new DependencyRule(null, null, 0, "state", "country", List.of(new MappedValue("ARA", "FR"),
            new MappedValue("IDF", "FR"), new MappedValue("TX", "US"))),
        new DependencyRule(null, null, 0, "country", "code", List.of(new MappedValue("FR", "33"),
            new MappedValue("US", "1"))),
        new LabelTableRule(List.of("role = 'Husband' -> sex = 'Male'", "role = 'Wife' -> sex = 'Female'"), null, 0,
            "role", "sex", List.of(new LabelTableRule.LabelRow("Husband", new double[] {1, 0}, null),
                new LabelTableRule.LabelRow("Wife", new double[] {0, 1}, null),
                new LabelTableRule.LabelRow("Child", new double[] {0.5, 0.5}, null)), new double[] {0.6, 0.4}),
        new NullPatternRule(null, null, 0, List.of("a", "end"), "note", false, 0.2),
        new NullPatternRule(null, null, 0, "a", "total", true, 0));
  }

  private static Map<String, List<Object>> sample(SynthModel model, List<String> columns, int batch) {
    return Samples.byColumn(model, 7, columns, ROWS, batch, GenerateConditions.NONE);
  }

  private static final List<String> ALL = List.of("a", "b", "total", "start", "end", "city", "state", "country",
      "code", "role", "sex", "note");

  /**
   * An order whose lows differ in strictness, as the source had them: the high stays strictly above {@code a} (the
   * source never tied them) and may equal {@code b}. Integers on a short range make the copula break the order in
   * many rows.
   */
  @Test
  void eachLowKeepsItsOwnStrictness() {
    NumericMarginal small = new NumericMarginal(1, List.of(), new EmpiricalQuantiles(new double[] {0, 1},
        new double[] {0, 10}), null);
    List<ColumnModel> columns = List.of(
        new ColumnModel("a", "int", ColumnKind.INTEGER, 0.0, small),
        new ColumnModel("b", "int", ColumnKind.INTEGER, 0.0, small),
        new ColumnModel("high", "int", ColumnKind.INTEGER, 0.0, small));
    OrderRule order = new OrderRule(null, null, 0, List.of("a", "b"), "high", false, List.of("a"));
    assertThat(order.holds()).containsExactly("a < high", "b <= high");
    SynthModel base = GenerateModels.model();
    SynthModel model = new SynthModel(SynthModel.FORMAT_VERSION, "orders", "test", base.source(), base.fit(),
        columns, null, List.of(order), List.of(), List.of());
    assertThat(ModelJson.read(ModelJson.write(model), "mem")).isEqualTo(model);
    assertThat(ModelJson.write(model)).contains("\"strict-lows\": [");
    Map<String, List<Object>> v = Samples.byColumn(model, 3, List.of("a", "b", "high"), ROWS, 1000,
        GenerateConditions.NONE);
    int tiesWithB = 0;
    for (int r = 0; r < ROWS; r++) {
      int high = (Integer) v.get("high").get(r);
      int b = (Integer) v.get("b").get(r);
      assertThat(high).isGreaterThan((Integer) v.get("a").get(r));
      assertThat(high).isGreaterThanOrEqualTo(b);
      tiesWithB += high == b ? 1 : 0;
    }
    assertThat(tiesWithB).isGreaterThan(ROWS / 20);
  }

  @Test
  void everyRowObeysEveryRule() {
    Map<String, List<Object>> v = sample(model(rules()), ALL, 1000);
    Map<String, String> stateOf = Map.of("Lyon", "ARA", "Paris", "IDF", "Austin", "TX", "Dallas", "TX");
    int sums = 0;
    int orders = 0;
    int husbands = 0;
    int noteNulls = 0;
    int otherwise = 0;
    for (int r = 0; r < ROWS; r++) {
      Object a = v.get("a").get(r);
      Object total = v.get("total").get(r);
      assertThat(total == null).as("total is null exactly when a is").isEqualTo(a == null);
      Object end = v.get("end").get(r);
      if (a != null) {
        java.math.BigDecimal sum = ((java.math.BigDecimal) a).add((java.math.BigDecimal) v.get("b").get(r));
        assertThat((java.math.BigDecimal) total).isEqualByComparingTo(sum);
        sums++;
      }
      if (a != null && end != null) {
        otherwise++;
        noteNulls += v.get("note").get(r) == null ? 1 : 0;
      } else {
        assertThat(v.get("note").get(r)).as("note is null where a or end is").isNull();
      }
      if (end != null) {
        assertThat((Integer) end).isGreaterThan((Integer) v.get("start").get(r));
        orders++;
      }
      String city = (String) v.get("city").get(r);
      String state = (String) v.get("state").get(r);
      assertThat(state).isEqualTo(stateOf.get(city));
      String country = (String) v.get("country").get(r);
      assertThat(country).isEqualTo(state.equals("TX") ? "US" : "FR");
      assertThat(v.get("code").get(r)).isEqualTo(country.equals("US") ? 1 : 33);
      String role = (String) v.get("role").get(r);
      String sex = (String) v.get("sex").get(r);
      if (role.equals("Husband")) {
        assertThat(sex).isEqualTo("Male");
        husbands++;
      } else if (role.equals("Wife")) {
        assertThat(sex).isEqualTo("Female");
      }
    }
    assertThat(sums).isGreaterThan(ROWS * 8 / 10);
    assertThat(orders).isGreaterThan(ROWS * 7 / 10);
    assertThat(husbands).isGreaterThan(ROWS * 3 / 10);
    // The one-way null pattern keeps note's share of nulls where a and end are present: 0.2, within 4 standard
    // errors.
    assertThat((double) noteNulls / otherwise).isCloseTo(0.2, within(4 * Math.sqrt(0.16 / otherwise)));
    // The label table keeps the children's shares: 0.4 x 1 + 0.5 x 0.5 = 0.65 Male.
    long males = v.get("sex").stream().filter("Male"::equals).count();
    assertThat((double) males / ROWS).isCloseTo(0.65, within(4 * Math.sqrt(0.65 * 0.35 / ROWS)));
  }

  @Test
  void valuesDoNotDependOnBatchesAndPrunedDeterminantsAreStillComputed() {
    SynthModel model = model(rules());
    Map<String, List<Object>> whole = sample(model, ALL, ROWS);
    Map<String, List<Object>> small = sample(model, ALL, 37);
    assertThat(small).isEqualTo(whole);
    // Only code and end selected: country, state, city and start are computed behind the scenes.
    Map<String, List<Object>> pruned = sample(model, List.of("code", "end"), 501);
    assertThat(pruned.get("code")).isEqualTo(whole.get("code"));
    assertThat(pruned.get("end")).isEqualTo(whole.get("end"));
  }

  @Test
  void columnsNoRuleTouchesAreTheSameWithAndWithoutRules() {
    Map<String, List<Object>> with = sample(model(rules()), ALL, 1000);
    Map<String, List<Object>> without = sample(model(List.of()), ALL, 1000);
    for (String column : List.of("a", "b", "start", "city", "role")) {
      assertThat(with.get(column)).as(column).isEqualTo(without.get(column));
    }
  }

  @Test
  void rulesRoundTripThroughTheModelFile() {
    SynthModel model = model(rules());
    SynthModel read = ModelJson.read(ModelJson.write(model), "test");
    assertThat(read.rules()).isEqualTo(model.rules());
    String text = ModelJson.write(model);
    assertThat(text).contains("\"type\": \"label-table\"", "\"holds\": [",
        "\"role = 'Husband' -> sex = 'Male'\"", "\"type\": \"null-pattern\"", "\"a is null -> note is null\"",
        "\"end is null -> note is null\"");
    assertThat(text).containsPattern("\"when\": \\[\\s*\"a\",\\s*\"end\"\\s*\\]");
    // A model written when a null pattern named one 'when' column as a string still reads.
    String single = text.replaceAll("\"when\": \\[\\s*\"a\"\\s*\\]", "\"when\": \"a\"");
    assertThat(single).contains("\"when\": \"a\"");
    assertThat(ModelJson.read(single, "test").rules()).isEqualTo(model.rules());
  }

  @Test
  void aModelWhoseRulesFormACycleOrDecideAColumnTwiceIsRefused() {
    List<Rule> cycle = new ArrayList<>(rules());
    cycle.add(new DependencyRule(null, null, 0, "country", "city", List.of(new MappedValue("FR", "Lyon"))));
    assertThatThrownBy(() -> model(cycle)).hasMessageStartingWith("the rules form a cycle through columns")
        .hasMessageContaining("city").hasMessageContaining("country");
    List<Rule> loop = List.of(new OrderRule(null, null, 0, List.of("start"), "end", false),
        new OrderRule(null, null, 0, List.of("end"), "start", false));
    assertThatThrownBy(() -> model(loop)).hasMessageStartingWith("the rules form a cycle through columns")
        .hasMessageContaining("end -> start");
    List<Rule> nullLoop = List.of(new NullPatternRule(null, null, 0, List.of("a", "end"), "note", false, 0),
        new NullPatternRule(null, null, 0, "note", "end", false, 0));
    assertThatThrownBy(() -> model(nullLoop)).hasMessageStartingWith("the rules form a cycle through columns")
        .hasMessageContaining("end -> note");
    assertThatThrownBy(() -> new NullPatternRule(null, null, 0, List.of("a", "end"), "note", true, 0))
        .hasMessage("the exact null pattern on note has more than one 'when'");
    List<Rule> twice = List.of(new SumRule(null, null, 0, "total", "a", "b", false),
        new OrderRule(null, null, 0, List.of("a"), "total", false));
    assertThatThrownBy(() -> model(twice)).hasMessage(
        "rules total = a + b and a <= total both decide column 'total'");
  }

  @Test
  void aForeignKeyColumnKeepsOnlyItsNullPatterns() {
    io.synthlake.model.ForeignKeyMarginal key = new io.synthlake.model.ForeignKeyMarginal("places", "name", "city",
        new io.synthlake.model.FanOut(new double[] {0, 1}, new double[] {0, 1}));
    SynthModel withKey = io.synthlake.model.ForeignKeys.apply(model(rules()), Map.of("city", key, "a", key));
    // city -> state reads the key's labels and total = a + b its numbers: both dropped; a's null patterns stay.
    assertThat(withKey.rules()).flatExtracting(Rule::holds).doesNotContain("city -> state", "total = a + b")
        .contains("state -> country", "a is null -> note is null", "a is null <-> total is null");
    assertThat(withKey.notes()).anyMatch(n -> n.message().equals("rule city -> state dropped: it involves a foreign "
        + "key, whose values come from the parent table"));
  }

  @Test
  void roundingUpOntoAGridNeverLandsBelowTheValue() {
    NumberWriter cents = new NumberWriter(OutputType.parse("decimal(10,2)"), 0.01);
    assertThat(cents.restoreUp(1.2300000001)).isEqualTo(1.24);
    assertThat(cents.restoreUp(1.23)).isEqualTo(1.23);
    assertThat(cents.nextAbove(1.23)).isEqualTo(1.24);
    NumberWriter days = new NumberWriter(OutputType.parse("date"), 1);
    assertThat(days.restoreUp(18407.000000000004)).isEqualTo(18408);
    NumberWriter floats = new NumberWriter(OutputType.parse("float"), 0);
    assertThat((float) floats.nextAbove(1.5)).isGreaterThan(1.5f);
  }
}
