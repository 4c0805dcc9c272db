package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.OtherBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Per-label marginals and pooled label tables in the core: the corrected correlation ratio against a direct
 * computation, marginals per label built from the pass's state with k-th values as bounds, and no cell or atom
 * below min-category-count stored.
 */
class LabelMarginalFinderTest {
  private static final FitConfig FIT = FitConfig.defaults();

  @Test
  void correctedEtaSquaredIsTheVarianceTheGroupsExplainLessChance() {
    double[][] groups = {{1, 2, 3, 4}, {11, 12, 13}, {5, 6, 7, 8, 9}};
    double[] cells = new double[9];
    List<Double> all = new ArrayList<>();
    for (int g = 0; g < groups.length; g++) {
      for (double x : groups[g]) {
        cells[3 * g] += 1;
        cells[3 * g + 1] += x;
        cells[3 * g + 2] += x * x;
        all.add(x);
      }
    }
    // Direct: SS_total and SS_within from the values, epsilon^2 = (SS_b - (g - 1) SS_w / (n - g)) / SS_total.
    double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double total = all.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    double within = 0;
    for (double[] group : groups) {
      double m = Arrays.stream(group).average().orElseThrow();
      within += Arrays.stream(group).map(x -> (x - m) * (x - m)).sum();
    }
    double expected = (total - within - 2 * within / (all.size() - 3)) / total;
    assertThat(LabelMarginalFinder.correctedEtaSquared(cells)).isCloseTo(expected, within(1e-12));
    // Groups that do not differ explain nothing: clipped at 0.
    assertThat(LabelMarginalFinder.correctedEtaSquared(new double[] {3, 6, 14, 3, 6, 14})).isZero();
    assertThat(LabelMarginalFinder.correctedEtaSquared(new double[] {4, 8, 16})).isNaN();
  }

  @Test
  void eachLabelGetsItsOwnMarginalBoundedByItsKthValues() {
    // Three regions with disjoint latitudes; a fourth, small one falls in the rest.
    String[] regions = {"North", "Center", "South", "Isle"};
    double[][] ranges = {{50, 60}, {40, 50}, {30, 40}, {0, 10}};
    int[] rows = {3000, 2000, 1000, 40};
    Random random = new Random(5);
    List<Object[]> table = new ArrayList<>();
    Map<String, List<Double>> byRegion = new HashMap<>();
    for (int r = 0; r < regions.length; r++) {
      for (int i = 0; i < rows[r]; i++) {
        double lat = ranges[r][0] + (ranges[r][1] - ranges[r][0]) * random.nextDouble();
        table.add(new Object[] {regions[r], lat});
        byRegion.computeIfAbsent(regions[r], k -> new ArrayList<>()).add(lat);
      }
    }
    // The column's own marginal: 100 quantile knots of all its values (the per-label counts use them as bins).
    double[] all = table.stream().mapToDouble(r -> (double) r[1]).sorted().toArray();
    double[] p = new double[101];
    double[] v = new double[101];
    for (int i = 0; i <= 100; i++) {
      p[i] = i / 100.0;
      v[i] = all[Math.min(all.length - 1, i * all.length / 100)];
    }
    NumericMarginal own = new NumericMarginal(0, List.of(), new EmpiricalQuantiles(p, v), null);
    LabelMarginalFinder.Choice choice = new LabelMarginalFinder.Choice("lat", 1, "region", 0, 0.9,
        List.of("North", "Center", "South"), List.of(3000L, 2000L, 1000L));
    LabelMarginalPlan plan = LabelMarginalFinder.countPlan(List.of(choice), Map.of("lat", own), FIT);
    // Two partial states merged, as Spark's tasks would.
    LabelMarginalState first = new LabelMarginalState(plan);
    LabelMarginalState second = new LabelMarginalState(plan);
    for (int i = 0; i < table.size(); i++) {
      Object[] row = table.get(i);
      (i % 2 == 0 ? first : second).add(index -> row[index]);
    }
    FitNotes notes = new FitNotes();
    List<LabelMarginals> found = LabelMarginalFinder.build(List.of(choice), plan, first.merge(second),
        Map.of("lat", own), FIT, notes);

    assertThat(found).hasSize(1);
    LabelMarginals lat = found.get(0);
    assertThat(lat.labels()).extracting(LabelMarginals.ByLabel::when).containsExactly("North", "Center", "South");
    for (LabelMarginals.ByLabel label : lat.labels()) {
      List<Double> values = new ArrayList<>(byRegion.get(label.when()));
      values.sort(null);
      NumericDistribution distribution = NumericDistribution.of(label.marginal());
      // Bounds are the 5th smallest and largest values of the label (bound-rank 5), never its raw extremes.
      assertThat(distribution.lowest()).isEqualTo(values.get(4));
      assertThat(distribution.highest()).isEqualTo(values.get(values.size() - 5));
      // The label's own distribution: its median within 2% of the range of the label's median.
      double median = values.get(values.size() / 2);
      assertThat(distribution.quantile(0.5)).isCloseTo(median, within(0.2));
    }
    // The rest (Isle's 40 rows) has a marginal of its own too, inside its range.
    assertThat(lat.rest()).isNotNull();
    assertThat(NumericDistribution.of(lat.rest()).highest()).isLessThan(10);
    assertThat(notes.all()).anySatisfy(n -> assertThat(n.message()).contains("drawn per label of region"));
  }

  @Test
  void atomsBelowTheThresholdArePooledOverTheSmallAtoms() {
    double[] values = {0, 1, 2, 3};
    double[] weights = {0.5, 0.3, 0.15, 0.05};
    long[] counts = {100, 3, 1, 40};
    List<Atom> atoms = LabelMarginalFinder.pooledAtoms(values, weights, counts, 144, 5);
    // 0 and 3 are stored as counted; the 4 rows of 1 and 2 are spread 2 : 1 as the column's own shares.
    assertThat(atoms).extracting(Atom::value).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(atoms.get(0).probability()).isCloseTo(100 / 144.0, within(1e-12));
    assertThat(atoms.get(1).probability()).isCloseTo(4 * (2 / 3.0) / 144, within(1e-12));
    assertThat(atoms.get(2).probability()).isCloseTo(4 * (1 / 3.0) / 144, within(1e-12));
    assertThat(atoms.get(3).probability()).isCloseTo(40 / 144.0, within(1e-12));
  }

  @Test
  void aLabelTableRowPoolsItsSmallCellsAndKeepsItsRuledOutLabelsAtZero() {
    CategoricalMarginal child = new CategoricalMarginal(List.of(new Category("a", 0.5), new Category("b", 0.2),
        new Category("c", 0.2)), new OtherBucket(0.1, io.synthlake.model.TestModels.shape()));
    // Counts 50 for a; b 3 and c 1 (below 5) pooled; the other bucket (null) 0 but excluded by a rule.
    Map<String, Long> counts = new HashMap<>();
    counts.put("a", 50L);
    counts.put("b", 0L);
    counts.put("c", 0L);
    counts.put(null, 0L);
    double[] shares = RuleFit.shares(child, counts, 4, 1, new java.util.HashSet<>(java.util.Collections
        .singleton((String) null)));
    assertThat(shares[0]).isCloseTo(50 / 54.0, within(1e-12));
    // b and c have equal marginal shares, so the 4 pooled rows split 2 : 2, whatever their counts were.
    assertThat(shares[1]).isCloseTo(2 / 54.0, within(1e-12));
    assertThat(shares[2]).isCloseTo(2 / 54.0, within(1e-12));
    assertThat(shares[3]).isZero();
    double[] noRule = RuleFit.shares(child, counts, 4, 1, java.util.Collections.emptySet());
    assertThat(noRule[3]).isCloseTo(4 * 0.1 / 0.5 / 54, within(1e-12));
  }
}
