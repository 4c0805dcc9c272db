package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.config.MarginalMode;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.ModelNote;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.ParametricPart;
import io.synthlake.profile.FrequentValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

class NumericMarginalAssemblerTest {
  private static FitConfig config(MarginalMode mode) {
    return FitConfig.builder().marginals(mode).build();
  }

  private static TreeMap<Double, Long> counts(double[] values) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (double v : values) {
      counts.merge(v, 1L, Long::sum);
    }
    return counts;
  }

  private static FrequentValues<Double> exact(TreeMap<Double, Long> counts) {
    List<FrequentValues.Item<Double>> items = new ArrayList<>();
    counts.forEach((v, c) -> items.add(new FrequentValues.Item<>(v, c, c)));
    return new FrequentValues<>(true, 0, items);
  }

  private static NumericMarginalAssembler.Result assemble(FitConfig fit, double[] values, double resolution,
      FitNotes notes) {
    TreeMap<Double, Long> counts = counts(values);
    AtomChoice atoms = AtomChoice.choose(exact(counts), values.length, fit);
    NumericEvidence evidence = NumericEvidence.fromCounts(counts, atoms, fit.quantileKnots(), fit.boundRank());
    return new NumericMarginalAssembler(fit).assemble("x", evidence, resolution, null, notes);
  }

  @Test
  void pointMassesAreKeptExactlyAndTheRestIsBoundedByProtectedValues() {
    SplittableRandom random = new SplittableRandom(11);
    double[] values = new double[50_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 10 < 9 ? 0.0 : Math.rint(1000 + random.nextDouble() * 99_000);
    }
    FitNotes notes = new FitNotes();
    NumericMarginal m = assemble(config(MarginalMode.EMPIRICAL), values, 1.0, notes).marginal();
    assertThat(m.atoms()).hasSize(1);
    assertThat(m.atoms().get(0).value()).isEqualTo(0.0);
    assertThat(m.atoms().get(0).probability()).isCloseTo(0.9, within(1e-12));
    EmpiricalQuantiles q = (EmpiricalQuantiles) m.continuous();
    double[] rest = Arrays.stream(values).filter(v -> v != 0).sorted().toArray();
    assertThat(q.lower()).isEqualTo(rest[4]);
    assertThat(q.upper()).isEqualTo(rest[rest.length - 5]);
    assertThat(q.size()).isLessThanOrEqualTo(1025).isGreaterThanOrEqualTo(512);
    for (double value : q.values()) {
      assertThat(value).isEqualTo(Math.rint(value)); // knots on the data's resolution
    }
    // the continuous part reproduces the rest's quantiles within one knot's share
    NumericDistribution d = NumericDistribution.of(m);
    for (double p : new double[] {0.25, 0.5, 0.75}) {
      double x = d.quantile(0.9 + 0.1 * p);
      double empirical = (double) Arrays.stream(rest).filter(v -> v <= x).count() / rest.length;
      assertThat(empirical).isCloseTo(p, within(2.0 / 1024 + 1e-3));
    }
  }

  @Test
  void smallTablesGetFewerKnotsSoThatEachSummarisesSeveralValues() {
    double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 1.5;
    }
    FitNotes notes = new FitNotes();
    NumericMarginal m = assemble(config(MarginalMode.EMPIRICAL), values, 0.5, notes).marginal();
    EmpiricalQuantiles q = (EmpiricalQuantiles) m.continuous();
    assertThat(q.size()).isEqualTo(41); // 200 values / 5 per knot = 40 intervals
    assertThat(q.lower()).isEqualTo(6.0); // the 5th smallest, not the minimum 0
    assertThat(q.upper()).isEqualTo(292.5);
    assertThat(notes.all()).extracting(ModelNote::message)
        .contains("40 quantile knots (not 1024) so that each summarises at least 5 values");
  }

  @Test
  void tooFewValuesAreLeftOutRatherThanStored() {
    double[] values = {1, 1, 1, 1, 1, 1, 7, 8, 9};
    FitNotes notes = new FitNotes();
    NumericMarginal m = assemble(config(MarginalMode.EMPIRICAL), values, 1.0, notes).marginal();
    assertThat(m.atoms()).hasSize(1);
    assertThat(m.atoms().get(0).probability()).isEqualTo(1.0);
    assertThat(m.continuous()).isNull();
    assertThat(notes.all()).extracting(ModelNote::message).anyMatch(s -> s.startsWith("3 finite values outside"));
    assertThat(assemble(config(MarginalMode.EMPIRICAL), new double[] {1, 2, 3}, 1.0, new FitNotes()).marginal())
        .isNull();
  }

  @Test
  void parametricModePicksTheFamilyThatFitsAndRecordsTheCandidates() {
    GammaDistribution gamma = new GammaDistribution(new org.apache.commons.math3.random.Well19937c(7), 3.0, 2.0);
    double[] values = gamma.sample(20_000);
    FitNotes notes = new FitNotes();
    NumericMarginal m = assemble(config(MarginalMode.PARAMETRIC), values, 0, notes).marginal();
    assertThat(m.continuous()).isInstanceOf(ParametricPart.Gamma.class);
    ParametricPart.Gamma fitted = (ParametricPart.Gamma) m.continuous();
    assertThat(fitted.shape()).isCloseTo(3.0, within(0.15));
    assertThat(fitted.scale()).isCloseTo(2.0, within(0.1));
    assertThat(notes.all()).extracting(ModelNote::message)
        .anyMatch(s -> s.startsWith("continuous part gamma, KS 0.0") && s.contains("normal") && s.contains("beta"));
  }

  @Test
  void autoModeKeepsTheEmpiricalQuantilesWhenNoFamilyFits() {
    SplittableRandom random = new SplittableRandom(2);
    double[] bimodal = new double[20_000];
    for (int i = 0; i < bimodal.length; i++) {
      bimodal[i] = (i % 2 == 0 ? 0 : 10) + random.nextDouble();
    }
    FitNotes notes = new FitNotes();
    NumericMarginal m = assemble(config(MarginalMode.AUTO), bimodal, 0, notes).marginal();
    assertThat(m.continuous()).isInstanceOf(EmpiricalQuantiles.class);
    assertThat(notes.all()).extracting(ModelNote::message)
        .anyMatch(s -> s.startsWith("continuous part empirical: best family"));
  }
}
