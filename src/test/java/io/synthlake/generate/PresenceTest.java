package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.fit.CopulaPlan;
import io.synthlake.fit.CorrelationEstimator;
import io.synthlake.fit.FitNotes;
import io.synthlake.fit.PairwiseMoments;
import io.synthlake.fit.PresencePlan;
import io.synthlake.fit.UniformScorer;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.ModelFormatException;
import io.synthlake.model.ModelJson;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.StandardNormal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A column's nulls in the copula, from the copula pass's moments to generated rows, without Spark. The source is
 * drawn from the very model fit assumes: latent normals (size, y*, s, q*, r) where y is null wherever s is below
 * Φ⁻¹(0.7), s correlates 0.8 with size and not with y*, and q is null in 30% of rows at random. The oracles are
 * the latent correlations the source was drawn with and the truncated-normal moments they imply.
 */
class PresenceTest {
  private static final int SOURCE_ROWS = 40_000;
  private static final int ROWS = 60_000;
  private static final double Y_NULLS = 0.7;
  private static final double Q_NULLS = 0.3;
  private static final double SIZE_PRESENCE = 0.8;
  private static final double SIZE_Y = 0.5;

  /** The copula pass's moments of (size, y, q, presence of y, presence of q), and the plan that scored them. */
  private record Fitted(CopulaPlan plan, PairwiseMoments moments, double withinPresentCorrelation) {}

  private static NumericDistribution standardNormal() {
    return NumericDistribution.of(List.of(), GenerateModels.normalKnots(0, 1));
  }

  private static Fitted fitted() {
    UniformScorer numeric = new UniformScorer.Numeric(standardNormal());
    CopulaPlan values = new CopulaPlan(List.of(0, 1, 2), List.of("size", "y", "q"), List.of(numeric, numeric,
        numeric), new double[] {1e-9, 1e-9, 1e-9});
    Random random = new Random(5);
    long[] nulls = new long[3];
    double[][] rows = new double[SOURCE_ROWS][];
    for (int r = 0; r < SOURCE_ROWS; r++) {
      double size = random.nextGaussian();
      double s = SIZE_PRESENCE * size + Math.sqrt(1 - SIZE_PRESENCE * SIZE_PRESENCE) * random.nextGaussian();
      // y* correlates with size by SIZE_Y and not at all with s: its partial on size's residual cancels s's part.
      double ystar = latentY(size, s, random.nextGaussian());
      boolean yNull = s < StandardNormal.inverseCdf(Y_NULLS);
      boolean qNull = random.nextDouble() < Q_NULLS;
      double q = random.nextGaussian();
      nulls[1] += yNull ? 1 : 0;
      nulls[2] += qNull ? 1 : 0;
      rows[r] = new double[] {size, yNull ? Double.NaN : ystar, qNull ? Double.NaN : q};
    }
    CopulaPlan plan = PresencePlan.extend(values, Map.of("size", 0L, "y", nulls[1], "q", nulls[2]), SOURCE_ROWS, 5,
        Map.of());
    PairwiseMoments moments = new PairwiseMoments(plan.size());
    double[] z = new double[plan.size()];
    double sum = 0;
    double sumSize = 0;
    double sumY = 0;
    double sumSizeSquares = 0;
    double sumYSquares = 0;
    int present = 0;
    for (double[] row : rows) {
      for (int p = 0; p < plan.size(); p++) {
        int column = plan.columns().get(p);
        Object value = Double.isNaN(row[column]) ? null : row[column];
        double u = plan.scorers().get(p).score(value, null, random.nextDouble());
        z[p] = Double.isNaN(u) ? Double.NaN : StandardNormal.inverseCdf(Math.min(1 - 1e-9, Math.max(1e-9, u)));
      }
      moments.add(z);
      if (!Double.isNaN(row[1])) {
        present++;
        sum += row[0] * row[1];
        sumSize += row[0];
        sumY += row[1];
        sumSizeSquares += row[0] * row[0];
        sumYSquares += row[1] * row[1];
      }
    }
    double covariance = sum / present - sumSize / present * sumY / present;
    double correlation = covariance / Math.sqrt((sumSizeSquares / present - Math.pow(sumSize / present, 2))
        * (sumYSquares / present - Math.pow(sumY / present, 2)));
    return new Fitted(plan, moments, correlation);
  }

  /**
   * y* with corr(size, y*) = SIZE_Y and corr(s, y*) = 0, given s = a·size + b·e: y* = c·size + d·e + f·noise with
   * c·a + d·b = 0 (so y* is independent of s) and c = SIZE_Y.
   */
  private static double latentY(double size, double s, double noise) {
    double a = SIZE_PRESENCE;
    double b = Math.sqrt(1 - a * a);
    double e = (s - a * size) / b;
    double c = SIZE_Y;
    double d = -c * a / b;
    double f = Math.sqrt(1 - c * c - d * d);
    return c * size + d * e + f * noise;
  }

  @Test
  void aColumnWithEnoughNullsGetsAPresenceThatItsValueIsIndependentOf() {
    CopulaPlan plan = fitted().plan();
    assertThat(plan.names()).containsExactly("size", "y", "q", "y", "q");
    assertThat(plan.isPresence(3)).isTrue();
    assertThat(plan.nullsDecidedBy().get(1)).containsExactly(3);
    assertThat(plan.nullsDecidedBy().get(0)).isEmpty();
    // A column whose nulls a pattern copies, or with too few nulls, gets none.
    CopulaPlan patterned = PresencePlan.extend(new CopulaPlan(List.of(0, 1), List.of("size", "y"),
        List.of(new UniformScorer.Numeric(standardNormal()), new UniformScorer.Numeric(standardNormal())),
        new double[2]), Map.of("y", 500L), 1000, 5, Map.of("y", List.of("size")));
    assertThat(patterned.size()).isEqualTo(2);
    CopulaPlan rare = PresencePlan.extend(patterned, Map.of("size", 4L), 1000, 5, Map.of());
    assertThat(rare.size()).isEqualTo(2);
  }

  @Test
  void fitRecoversTheLatentCorrelationsAndDropsIndependentNulls() {
    Fitted fitted = fitted();
    FitNotes notes = new FitNotes();
    CopulaModel copula = CorrelationEstimator.estimate(fitted.plan(), fitted.moments(), notes);
    assertThat(copula.columns()).containsExactly("size", "y", "q");
    // q's nulls fall at random: its presence correlates with nothing and is left out.
    assertThat(copula.presence()).containsExactly("y");
    int presence = copula.presenceDimension("y");
    assertThat(presence).isEqualTo(3);
    assertThat(copula.correlation(0, presence)).isCloseTo(SIZE_PRESENCE, within(0.03));
    assertThat(copula.correlation(1, presence)).isEqualTo(0.0);
    // Measured among y's present rows, where size is narrowed, the correlation is larger than the latent one;
    // the selection factor takes it back.
    assertThat(fitted.withinPresentCorrelation()).isGreaterThan(SIZE_Y + 0.1);
    assertThat(copula.correlation(0, 1)).isCloseTo(SIZE_Y, within(0.03));
    assertThat(notes.all()).anySatisfy(note -> assertThat(note.message()).contains("nulls of 1 columns follow the "
        + "copula").contains("y (0.").contains(" with size)").contains("1 more columns' nulls correlate by less "
        + "than 0.10"));
  }

  private static SynthModel model(CopulaModel copula) {
    SynthModel base = GenerateModels.model();
    NumericMarginal normal = new NumericMarginal(0, List.of(), GenerateModels.normalKnots(0, 1), null);
    List<ColumnModel> columns = List.of(
        new ColumnModel("size", "double", ColumnKind.CONTINUOUS, 0.0, normal),
        new ColumnModel("y", "double", ColumnKind.CONTINUOUS, Y_NULLS, normal),
        new ColumnModel("q", "double", ColumnKind.CONTINUOUS, Q_NULLS, normal));
    return new SynthModel(SynthModel.FORMAT_VERSION, "presence", "test", base.source(), base.fit(), columns,
        copula, List.of(), List.of(), List.of());
  }

  private static CopulaModel latentCopula() {
    double a = SIZE_PRESENCE;
    return new CopulaModel(List.of("size", "y", "q"), List.of("y"), new double[][] {
        {1, SIZE_Y, 0, a}, {SIZE_Y, 1, 0, 0}, {0, 0, 1, 0}, {a, 0, 0, 1}});
  }

  @Test
  void generatedNullsFallWhereThePresenceSaysAndValuesKeepTheirMarginal() {
    Map<String, List<Object>> rows = Samples.byColumn(model(latentCopula()), 3, List.of("size", "y", "q"), ROWS,
        4_096, GenerateConditions.NONE);
    double t = StandardNormal.inverseCdf(Y_NULLS);
    double density = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
    double nulls = 0;
    double sizeWhereNull = 0;
    double sizeWherePresent = 0;
    double ySum = 0;
    double ySquares = 0;
    double qNulls = 0;
    for (int i = 0; i < ROWS; i++) {
      double size = ((Number) rows.get("size").get(i)).doubleValue();
      Object y = rows.get("y").get(i);
      qNulls += rows.get("q").get(i) == null ? 1 : 0;
      if (y == null) {
        nulls++;
        sizeWhereNull += size;
      } else {
        sizeWherePresent += size;
        ySum += ((Number) y).doubleValue();
        ySquares += Math.pow(((Number) y).doubleValue(), 2);
      }
    }
    double present = ROWS - nulls;
    assertThat(nulls / ROWS).isCloseTo(Y_NULLS, within(0.005));
    assertThat(qNulls / ROWS).isCloseTo(Q_NULLS, within(0.01));
    // E[size | s < t] = -ρ φ(t) / p and E[size | s > t] = ρ φ(t) / (1 - p).
    assertThat(sizeWhereNull / nulls).isCloseTo(-SIZE_PRESENCE * density / Y_NULLS, within(0.02));
    assertThat(sizeWherePresent / present).isCloseTo(SIZE_PRESENCE * density / (1 - Y_NULLS), within(0.03));
    // y is independent of its presence, so among its rows it keeps its standard normal marginal.
    assertThat(ySum / present).isCloseTo(0, within(0.02));
    assertThat(Math.sqrt(ySquares / present - Math.pow(ySum / present, 2))).isCloseTo(1, within(0.02));
  }

  @Test
  void rowsAreTheSameWhateverTheBatchAndTheColumnsSelected() {
    SynthModel model = model(latentCopula());
    Map<String, List<Object>> whole = Samples.byColumn(model, 9, List.of("size", "y", "q"), 5_000, 5_000,
        GenerateConditions.NONE);
    Map<String, List<Object>> pruned = Samples.byColumn(model, 9, List.of("y"), 5_000, 333,
        GenerateConditions.NONE);
    assertThat(pruned.get("y")).isEqualTo(whole.get("y"));
  }

  @Test
  void aConditionMovesTheNullsAsTheCopulaSays() {
    SynthModel model = model(latentCopula());
    GenerateConditions conditions = GenerateConditions.parse("size > 1", null, null);
    Map<String, List<Object>> rows = Samples.byColumn(model, 4, List.of("size", "y", "q"), 20_000, 4_096,
        conditions);
    assertThat(rows.get("size")).allSatisfy(v -> assertThat(((Number) v).doubleValue()).isGreaterThan(1));
    // P(s < t | size > 1) = ∫_1^∞ φ(x) Φ((t - ρx) / √(1 - ρ²)) dx / (1 - Φ(1)), by the trapezoid rule.
    double t = StandardNormal.inverseCdf(Y_NULLS);
    double rho = SIZE_PRESENCE;
    double integral = 0;
    double step = 1e-3;
    for (double x = 1; x < 9; x += step) {
      double left = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)
          * StandardNormal.cdf((t - rho * x) / Math.sqrt(1 - rho * rho));
      double right = Math.exp(-0.5 * (x + step) * (x + step)) / Math.sqrt(2 * Math.PI)
          * StandardNormal.cdf((t - rho * (x + step)) / Math.sqrt(1 - rho * rho));
      integral += 0.5 * step * (left + right);
    }
    double expected = integral / (1 - StandardNormal.cdf(1));
    assertThat(expected).isLessThan(Y_NULLS - 0.3);
    assertThat(rows.get("y").stream().filter(v -> v == null).count() / 20_000.0).isCloseTo(expected, within(0.015));
    // q's nulls are independent of size: the condition leaves their share.
    assertThat(rows.get("q").stream().filter(v -> v == null).count() / 20_000.0).isCloseTo(Q_NULLS, within(0.015));
  }

  @Test
  void theModelFileKeepsThePresenceAndRefusesOneItCannotDraw() {
    SynthModel model = model(latentCopula());
    String json = ModelJson.write(model);
    assertThat(json).contains("\"presence\": [");
    assertThat(ModelJson.read(json, "mem")).isEqualTo(model);
    // A copula without presences writes no presence key, as before.
    assertThat(ModelJson.write(GenerateModels.model())).doesNotContain("presence");
    String noNulls = json.replace("\"null-fraction\": 0.3", "\"null-fraction\": 0.0").replace("\"presence\": [\n"
        + "      \"y\"", "\"presence\": [\n      \"q\"");
    assertThat(catchThrowable(() -> ModelJson.read(noNulls, "mem")))
        .isInstanceOf(ModelFormatException.class).hasMessageContaining("copula presence 'q' is not a model column "
            + "with some nulls and some values");
    SynthModel patterned = model(latentCopula());
    assertThat(catchThrowable(() -> new SynthModel(patterned.formatVersion(),
        patterned.table(), patterned.createdBy(), patterned.source(), patterned.fit(), patterned.columns(),
        patterned.copula(), List.of(new NullPatternRule(null, null, 0, "q", "y", true, 0)), List.of(),
        List.of()))).hasMessageContaining("copula presence 'y' names a column whose nulls a null pattern decides");
  }
}
