package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.validate.ValidationReport.ColumnResult;
import io.synthlake.validate.ValidationReport.Delta;
import io.synthlake.validate.ValidationReport.PairResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.html without a browser: what it shows, and that names from the data cannot inject markup. */
class HtmlReportTest {
  private static ValidationReport report(List<String> breaches) {
    ColumnDistribution ages = ColumnDistribution.histogram(20, 60, false, Map.of("0", 3L, "19", 1L, "below", 1L),
        Map.of("0", 2L, "above", 2L));
    ColumnDistribution cities = ColumnDistribution.categories(Map.of("<b>Oslo</b>", 9L, "Nuuk", 1L),
        Map.of("<b>Oslo</b>", 7L, "Rome", 3L), 5);
    Delta none = Delta.of(null, null);
    List<ColumnResult> columns = List.of(
        ColumnResult.builder("age", Sdtype.NUMERICAL, ColumnMetric.KS_COMPLEMENT).score(0.9)
            .missingValueSimilarity(1).nullShare(none).boundaryAdherence(0.5).mean(Delta.of(40.0, 41.0)).std(none)
            .quartiles(none, none, none).distribution(ages).build(),
        ColumnResult.builder("<script>x</script>", Sdtype.CATEGORICAL, ColumnMetric.TV_COMPLEMENT).score(0.7)
            .missingValueSimilarity(1).nullShare(none).categoryAdherence(0.7).distribution(cities).build());
    List<PairResult> pairs = List.of(PairResult.builder("age", "<script>x</script>", PairMetric.CONTINGENCY_SIMILARITY)
        .scores(0.8, null).associations(0.4, 0.1).independence(0.75).build());
    ValidationReport.Privacy privacy = new ValidationReport.Privacy(1, 0.1,
        ClosestRecordSummary.of(new double[] {0.1, 0.2}, new double[] {0.4, 0.6}),
        new PrivacyChecks.RareCategories(5, 0, 0, List.of()),
        new PrivacyChecks.BeyondBounds(5, 2, List.of(new PrivacyChecks.BeyondColumn("age", 0, 2))),
        new HoldoutPrivacy(0.2, 8, 2, 10, 0.55, 2, 0.5, 0.0));
    QualitySummary summary = QualitySummary.of(List.of(0.9, 0.7), List.of(0.8), List.of(0.75));
    return new ValidationReport(1, "synthlake test", "people", "src", "out", 10, 10, summary, summary, privacy,
        rules(), text(), ml(), columns, pairs, List.of("a note"), breaches);
  }

  private static RuleReport rules() {
    return new RuleReport(5, 0.9, 0.95, "city -> state", new RuleReport.KindCounts(1, 1, 0, 0, 0, 0),
        new RuleReport.KindCounts(2, 3, 0, 0, 4, 0), 1, new RuleReport.LeftOut(1, 0, 0, 0, 0, 0, 0, 0), List.of(
            new RuleReport.RuleResult("start < `<end>`", RuleKind.ORDER, 100, 0, 10, 0, 1.0),
            new RuleReport.RuleResult("city -> state", RuleKind.DEPENDENCY, 100, 4, 10, 1, 0.9)));
  }

  private static MlUtility ml() {
    return MlUtility.of("income", "classification", 800, 800, 200, List.of("age", "sex"), List.of(
        MlUtility.ModelResult.of("gradient-boosted-trees", "auc", Map.of("auc", 0.9, "f1", 0.8, "recall:>50K", 0.6),
            Map.of("auc", 0.87, "f1", 0.78, "recall:>50K", 0.75))), ">50K", true);
  }

  @Test
  void showsMlUtilityTrainedOnRealBesideSynthetic() {
    String html = HtmlReport.render(report(List.of()));
    assertThat(html).contains("<section id=\"ml-utility\"><h2>ML utility</h2>")
        .contains("Predicting <code>income</code> (classification) from 2 columns")
        .contains("<td>gradient-boosted-trees</td><td>auc (main)</td><td class=\"num\" data-value=\"0.9\">");
    assertThat(ml().lowestRatio()).isCloseTo(0.87 / 0.9, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(html).contains("each model trained on the 800 real rows the model saw (TRTR) and on the 800 rows of "
        + "the augmented table (real training rows plus synthetic rows)")
        .contains("Recall of the rarest label, <code>&gt;50K</code>: gradient-boosted-trees 0.6000 trained on real "
            + "rows, 0.7500 on the augmented table.");
    assertThat(html).contains("<h3>Against the held-out rows</h3>")
        .contains("Of 10 sampled synthetic rows, a share of 0.5500 is nearer to a training row");
  }

  private static TextReport text() {
    return TextReport.of(5, List.of(new TextReport.TextColumn("name", "word model", 0.97, 0.74, 0.01, 159,
        List.of("Perry Municipal", "<b>Lake</b> County"), List.of("Municipal", "Lake"))));
  }

  @Test
  void showsMadeUpTextBesideCommonSourceValuesEscaped() {
    String html = HtmlReport.render(report(List.of()));
    assertThat(html).contains("<section id=\"text\"><h2>Made-up text</h2>")
        .contains("<td>name</td><td>word model</td><td class=\"num\" data-value=\"0.97\">")
        .contains("Perry Municipal | &lt;b&gt;Lake&lt;/b&gt; County").doesNotContain("<b>Lake</b>")
        .contains("<td>Municipal | Lake</td>");
  }

  @Test
  void showsTheRulesWorstFirstWithWhatWasTested() {
    String html = HtmlReport.render(report(List.of()));
    assertThat(html).contains("<section id=\"rules\"><h2>Rules</h2>")
        .contains("Candidates tested: dependency 2, order 3, sum 0, null-pattern 0, implication 4, exclusion 0. 1 "
            + "orders implied by the columns' ranges are not listed.")
        .contains("<div class=\"card-title\">Rule adherence</div><div class=\"card-value\">0.9000</div>")
        .contains("start &lt; `&lt;end&gt;`").doesNotContain("`<end>`");
    assertThat(html.indexOf("<code>city -&gt; state</code>")).isPositive()
        .isLessThan(html.indexOf("<code>start &lt; `&lt;end&gt;`</code>"));
  }

  @Test
  void showsScoresChartsHeatMapsWorstPairsAndPrivacy() {
    String html = HtmlReport.render(report(List.of()));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>synthlake validation: people</title>")
        .contains("No quality or privacy gate was breached.")
        // overall = mean(shapes 0.8, pairs 0.8)
        .contains("<div class=\"card-value\">0.8000</div>")
        .contains("<svg class=\"chart distribution histogram\" data-column=\"age\"")
        .contains("<svg class=\"chart distribution categories\"")
        .contains("data-matrix=\"source\"").contains("data-matrix=\"synthetic\"").contains("data-matrix=\"difference\"")
        .contains("id=\"worst-pairs\"").contains("<svg class=\"chart dcr\"")
        // synthetic minus source association: 0.1 - 0.4
        .contains("age × &lt;script&gt;x&lt;/script&gt;: -0.3000")
        .contains("2 synthetic values lie beyond the source's protected bounds")
        .contains("DCRBaselineProtection 0.3000");
    // Nuuk is below the minimum count: never named; Rome is not a source category: in "(other)".
    assertThat(html).doesNotContain("Nuuk").doesNotContain("Rome").contains("(other)");
    assertThat(html).doesNotContain("<script>x").doesNotContain("<b>Oslo");
    // Self-contained: nothing to fetch.
    assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain(" src=");
  }

  @Test
  void listsEachBreachedGate() {
    String html = HtmlReport.render(report(List.of("column shapes 0.8000 is below validate.gates.min-column-shapes "
        + "0.9000")));
    assertThat(html).contains("<strong>1 gate breached</strong>")
        .contains("<li>column shapes 0.8000 is below validate.gates.min-column-shapes 0.9000</li>");
  }

  @Test
  void histogramBinsSplitTheProtectedRangeEquallyWithBelowAndAbove() {
    assertThat(ColumnDistribution.binOf(19.9, 20, 60)).isEqualTo("below");
    assertThat(ColumnDistribution.binOf(20, 20, 60)).isEqualTo("0");
    assertThat(ColumnDistribution.binOf(21.99, 20, 60)).isEqualTo("0");
    assertThat(ColumnDistribution.binOf(22, 20, 60)).isEqualTo("1");
    assertThat(ColumnDistribution.binOf(60, 20, 60)).isEqualTo("19");
    assertThat(ColumnDistribution.binOf(60.5, 20, 60)).isEqualTo("above");
    assertThat(ColumnDistribution.binOf(5, 5, 5)).isEqualTo("0");
    ColumnDistribution days = ColumnDistribution.histogram(0, 20 * 86_400e9, true, Map.of("0", 1L), Map.of());
    assertThat(days.labels()).hasSize(22).startsWith("below", "1970-01-01 – 1970-01-02").endsWith("above");
    assertThat(days.source()[1]).isEqualTo(1.0);
    assertThat(days.synthetic()).containsOnly(0.0);
  }

  @Test
  void divergingColoursRunFromBlueThroughWhiteToRed() {
    assertThat(HtmlReport.diverging(0)).isEqualTo("#ffffff");
    assertThat(HtmlReport.diverging(1)).isEqualTo("#b2182b");
    assertThat(HtmlReport.diverging(-1)).isEqualTo("#2166ac");
    assertThat(HtmlReport.diverging(7)).isEqualTo("#b2182b");
  }
}
