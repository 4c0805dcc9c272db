package io.synthlake.validate;

import io.synthlake.validate.ValidationReport.ColumnResult;
import io.synthlake.validate.ValidationReport.PairResult;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS, SVG and a few lines of script; nothing fetched) that a person
 * reads in a browser or an Airflow log viewer. Charts are drawn here as SVG, so they show even with scripts off;
 * the script only makes tables sortable. Every value shown is an aggregate from report.json.
 */
public final class HtmlReport {
  private static final String SOURCE_COLOUR = "#4c78a8";
  private static final String SYNTHETIC_COLOUR = "#f58518";
  private static final int WORST_PAIRS = 15;
  /** Above this many columns the heat maps drop their axis labels (each cell still names its pair). */
  private static final int LABELLED_HEATMAP_COLUMNS = 40;

  private HtmlReport() {}

  public static String render(ValidationReport report) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>synthlake validation: ").append(escape(report.table())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    header(html, report);
    summary(html, report);
    columns(html, report);
    pairs(html, report);
    rules(html, report);
    text(html, report);
    mlUtility(html, report);
    privacy(html, report);
    notes(html, report);
    html.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void header(StringBuilder html, ValidationReport report) {
    html.append("<header><h1>Validation report: ").append(escape(report.table())).append("</h1>\n<p>Source <code>")
        .append(escape(report.source())).append("</code> (").append(count(report.sourceRows()))
        .append(" rows) against synthetic <code>").append(escape(report.synthetic())).append("</code> (")
        .append(count(report.syntheticRows())).append(" rows). ").append(escape(report.tool()))
        .append(", report format ").append(report.formatVersion()).append(".</p>\n");
    html.append("<p class=\"legend\"><span class=\"swatch\" style=\"background:").append(SOURCE_COLOUR)
        .append("\"></span>source <span class=\"swatch\" style=\"background:").append(SYNTHETIC_COLOUR)
        .append("\"></span>synthetic</p></header>\n");
  }

  private static void summary(StringBuilder html, ValidationReport report) {
    html.append("<section id=\"summary\"><h2>Summary</h2>\n");
    List<String> breaches = report.gateBreaches() == null ? List.of() : report.gateBreaches();
    if (breaches.isEmpty()) {
      html.append("<p class=\"gate pass\" id=\"gates\">No quality or privacy gate was breached.</p>\n");
    } else {
      html.append("<div class=\"gate fail\" id=\"gates\"><strong>").append(breaches.size())
          .append(breaches.size() == 1 ? " gate" : " gates").append(" breached</strong><ul>");
      breaches.forEach(b -> html.append("<li>").append(escape(b)).append("</li>"));
      html.append("</ul></div>\n");
    }
    html.append("<div class=\"cards\">\n");
    card(html, "Overall (classic)", report.classic().overall(), "every column pair");
    card(html, "Overall (current)", report.current().overall(), "SDMetrics' relevant pairs");
    card(html, "Column shapes", report.classic().columnShapes(), report.columns().size() + " columns");
    card(html, "Column pair trends", report.classic().columnPairTrends(), "independence floor "
        + score(report.classic().independenceFloor()));
    card(html, "Exact copies", report.privacy().exactCopyShare(), count(report.privacy().exactCopies())
        + " rows equal a source row");
    ClosestRecordSummary dcr = report.privacy().distanceToClosestRecord();
    if (dcr != null) {
      card(html, "DCR baseline protection", dcr.baselineProtection(), "1 = as far from real rows as random");
    }
    RuleReport rules = report.rules();
    if (rules != null && !rules.rules().isEmpty()) {
      card(html, "Rule adherence", rules.ruleAdherence(), "lowest of " + rules.rules().size() + " source rules");
    }
    html.append("</div></section>\n");
  }

  private static void card(StringBuilder html, String title, Double value, String note) {
    html.append("<div class=\"card\"><div class=\"card-title\">").append(escape(title))
        .append("</div><div class=\"card-value\">").append(score(value)).append("</div><div class=\"card-note\">")
        .append(escape(note)).append("</div></div>\n");
  }

  private static void columns(StringBuilder html, ValidationReport report) {
    html.append("<section id=\"columns\"><h2>Column shapes</h2>\n<p>KSComplement for numbers and datetimes, ")
        .append("TVComplement for categories: 1 means the synthetic column has the source's distribution. Click a ")
        .append("heading to sort.</p>\n<table class=\"sortable\"><thead><tr><th>column</th><th>type</th>")
        .append("<th>metric</th><th>score</th><th>missing-value similarity</th><th>adherence</th>")
        .append("<th>mean (source → synthetic)</th></tr></thead><tbody>\n");
    for (ColumnResult column : report.columns()) {
      Double adherence = column.boundaryAdherence() != null ? column.boundaryAdherence()
          : column.categoryAdherence();
      html.append("<tr><td>").append(escape(column.column())).append("</td><td>")
          .append(escape(column.sdtype().jsonName()))
          .append("</td><td>").append(escape(column.metric().jsonName())).append("</td>");
      numberCell(html, column.score(), column.error());
      numberCell(html, column.missingValueSimilarity(), null);
      numberCell(html, adherence, null);
      html.append("<td>").append(column.mean() == null ? "" : number(column.mean().source()) + " → "
          + number(column.mean().synthetic())).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n<div class=\"charts\">\n");
    for (ColumnResult column : report.columns()) {
      if (column.distribution() != null) {
        html.append("<figure class=\"chart-card\"><figcaption>").append(escape(column.column())).append(" <span>")
            .append(score(column.score())).append("</span></figcaption>\n");
        distributionChart(html, column);
        html.append("</figure>\n");
      }
    }
    html.append("</div></section>\n");
  }

  private static void distributionChart(StringBuilder html, ColumnResult column) {
    ColumnDistribution d = column.distribution();
    switch (d.kind()) {
      case CATEGORIES -> categoryChart(html, column.column(), d);
      case HISTOGRAM -> histogramChart(html, column.column(), d, column.sdtype() == Sdtype.DATETIME);
    }
  }

  /** Horizontal bars, a source and a synthetic bar per category, labels on the left. */
  private static void categoryChart(StringBuilder html, String name, ColumnDistribution d) {
    int rows = d.labels().size();
    int rowHeight = 16;
    int labelWidth = 110;
    int width = 340;
    int height = rows * rowHeight + 8;
    double max = Math.max(max(d.source()), max(d.synthetic()));
    openSvg(html, "chart distribution categories", "data-column", name, width, height);
    for (int i = 0; i < rows; i++) {
      int y = 4 + i * rowHeight;
      String label = d.labels().get(i);
      html.append("<text x=\"").append(labelWidth - 4).append("\" y=\"").append(y + 11)
          .append("\" text-anchor=\"end\" class=\"tick\">").append(escape(shorten(label, 18))).append("</text>");
      bar(html, labelWidth, y + 1, (width - labelWidth - 4) * share(d.source()[i], max), 6, SOURCE_COLOUR,
          label + ": source " + percent(d.source()[i]));
      bar(html, labelWidth, y + 8, (width - labelWidth - 4) * share(d.synthetic()[i], max), 6, SYNTHETIC_COLOUR,
          label + ": synthetic " + percent(d.synthetic()[i]));
    }
    html.append("</svg>\n");
  }

  /** Vertical bars per bin between the protected bounds, with the below and above bins at the ends. */
  private static void histogramChart(StringBuilder html, String name, ColumnDistribution d, boolean datetime) {
    int bins = d.labels().size();
    int width = 340;
    int height = 170;
    int plotHeight = 130;
    double slot = (width - 8.0) / bins;
    double max = Math.max(max(d.source()), max(d.synthetic()));
    openSvg(html, "chart distribution histogram", "data-column", name, width, height);
    for (int i = 0; i < bins; i++) {
      double x = 4 + i * slot;
      double sourceHeight = plotHeight * share(d.source()[i], max);
      double syntheticHeight = plotHeight * share(d.synthetic()[i], max);
      String label = d.labels().get(i);
      bar(html, x + 1, 4 + plotHeight - sourceHeight, slot / 2 - 1, sourceHeight, SOURCE_COLOUR,
          label + ": source " + percent(d.source()[i]));
      bar(html, x + slot / 2, 4 + plotHeight - syntheticHeight, slot / 2 - 1, syntheticHeight, SYNTHETIC_COLOUR,
          label + ": synthetic " + percent(d.synthetic()[i]));
    }
    html.append("<line x1=\"4\" x2=\"").append(width - 4).append("\" y1=\"").append(4 + plotHeight)
        .append("\" y2=\"").append(4 + plotHeight).append("\" class=\"axis\"/>");
    // The protected bounds are the outer edges, shown as the bin labels show them.
    String low = ColumnDistribution.edgeLabel(d.edges()[0], datetime);
    String high = ColumnDistribution.edgeLabel(d.edges()[d.edges().length - 1], datetime);
    html.append("<text x=\"").append(fmt(4 + slot)).append("\" y=\"").append(height - 18)
        .append("\" class=\"tick\">").append(escape(low)).append("</text>");
    html.append("<text x=\"").append(fmt(width - 4 - slot)).append("\" y=\"").append(height - 18)
        .append("\" text-anchor=\"end\" class=\"tick\">").append(escape(high)).append("</text>");
    html.append("<text x=\"4\" y=\"").append(height - 4).append("\" class=\"tick\">below</text><text x=\"")
        .append(width - 4).append("\" y=\"").append(height - 4)
        .append("\" text-anchor=\"end\" class=\"tick\">above</text>");
    html.append("</svg>\n");
  }

  private static void openSvg(StringBuilder html, String classes, String attribute, String value, int width,
      int height) {
    html.append("<svg class=\"").append(classes).append('"');
    if (attribute != null) {
      html.append(' ').append(attribute).append("=\"").append(escape(value)).append('"');
    }
    html.append(" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\">");
  }

  private static void bar(StringBuilder html, double x, double y, double width, double height, String colour,
      String title) {
    html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
        .append(fmt(Math.max(0, width))).append("\" height=\"").append(fmt(Math.max(0, height)))
        .append("\" fill=\"").append(colour).append("\"><title>").append(escape(title)).append("</title></rect>");
  }

  private static void pairs(StringBuilder html, ValidationReport report) {
    html.append("<section id=\"pairs\"><h2>Column pair trends</h2>\n<p>Pearson correlation for two numeric ")
        .append("columns, Cramér's V of the contingency table (numbers in ten bins) for the other pairs; the ")
        .append("difference map shows synthetic minus source.</p>\n<div class=\"heatmaps\">\n");
    List<String> names = report.columns().stream().map(ColumnResult::column).toList();
    Map<String, PairResult> byPair = new HashMap<>();
    for (PairResult pair : report.pairs()) {
      byPair.put(pair.column1() + "\u0000" + pair.column2(), pair);
      byPair.put(pair.column2() + "\u0000" + pair.column1(), pair);
    }
    for (HeatMap map : HeatMap.values()) {
      heatmap(html, map, names, byPair);
    }
    html.append("</div>\n<h3>Worst pairs</h3>\n<table class=\"sortable\" id=\"worst-pairs\"><thead><tr>")
        .append("<th>column 1</th><th>column 2</th><th>metric</th><th>score (classic)</th><th>source</th>")
        .append("<th>synthetic</th><th>independence</th></tr></thead><tbody>\n");
    List<PairResult> worst = report.pairs().stream().filter(p -> p.classic() != null)
        .sorted(Comparator.comparingDouble(PairResult::classic)).limit(WORST_PAIRS).toList();
    for (PairResult pair : worst) {
      html.append("<tr><td>").append(escape(pair.column1())).append("</td><td>").append(escape(pair.column2()))
          .append("</td><td>").append(escape(pair.metric().jsonName())).append("</td>");
      numberCell(html, pair.classic(), null);
      numberCell(html, measure(pair, true), null);
      numberCell(html, measure(pair, false), null);
      numberCell(html, pair.independence(), null);
      html.append("</tr>\n");
    }
    html.append("</tbody></table></section>\n");
  }

  /** The rules found on the source, the worst kept first; what was tested and left out, as counts. */
  private static void rules(StringBuilder html, ValidationReport report) {
    RuleReport rules = report.rules();
    if (rules == null) {
      return;
    }
    RuleReport.KindCounts tested = rules.tested();
    html.append("<section id=\"rules\"><h2>Rules</h2>\n<p>").append(count(rules.rules().size()))
        .append(" rules found on the source: each is broken by fewer than ").append(rules.minCount())
        .append(" source rows (its exceptions) and followed by at least as many. Adherence is the share of the ")
        .append("synthetic rows it applies to that obey it; the rule adherence is the lowest, ")
        .append(score(rules.ruleAdherence())).append(" (row-weighted mean ")
        .append(score(rules.rowWeightedAdherence())).append(").</p>\n<p>Candidates tested: ");
    StringBuilder kinds = new StringBuilder();
    for (RuleKind kind : RuleKind.values()) {
      kinds.append(kinds.length() == 0 ? "" : ", ").append(kind.jsonName()).append(' ')
          .append(count(tested.of(kind)));
    }
    html.append(escape(kinds.toString())).append(". ").append(count(rules.ordersImpliedByRanges()))
        .append(" orders implied by the columns' ranges are not listed.");
    RuleReport.LeftOut out = rules.leftOut();
    if (out.total() > 0) {
      html.append(" Left out by the caps: ").append(count(out.highCardinalityColumns()))
          .append(" columns of more than ").append(count(RuleCandidates.MAX_LABELS)).append(" values, ")
          .append(count(out.pairsOverCellBudget())).append(" label pairs over the cell budget, ")
          .append(count(out.orderPairs())).append(" order pairs, ").append(count(out.nullPatternPairs()))
          .append(" null-pattern pairs, ").append(count(out.sumCandidates())).append(" sums; ")
          .append(count(out.dependencies() + out.implications() + out.exclusions()))
          .append(" rules found but not listed.");
    }
    html.append("</p>\n");
    if (rules.rules().isEmpty()) {
      html.append("</section>\n");
      return;
    }
    html.append("<table class=\"sortable\" id=\"rule-table\"><thead><tr><th>rule</th><th>kind</th>")
        .append("<th>source rows</th><th>source exceptions</th><th>synthetic rows</th>")
        .append("<th>synthetic exceptions</th><th>adherence</th></tr></thead><tbody>\n");
    // Worst first; a rule no synthetic row is subject to goes last.
    List<RuleReport.RuleResult> ordered = rules.rules().stream().sorted(Comparator.comparing(
        RuleReport.RuleResult::adherence, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    for (RuleReport.RuleResult rule : ordered) {
      html.append("<tr><td><code>").append(escape(rule.rule())).append("</code></td><td>")
          .append(escape(rule.kind().jsonName())).append("</td>");
      countCell(html, rule.sourceRows());
      countCell(html, rule.sourceExceptions());
      countCell(html, rule.syntheticRows());
      countCell(html, rule.syntheticExceptions());
      numberCell(html, rule.adherence(), null);
      html.append("</tr>\n");
    }
    html.append("</tbody></table></section>\n");
  }

  /**
   * Made-up strings: the share of their words that are real, beside the source's own, and a few generated values
   * beside the source's common ones (each seen in at least min-count rows: never a rare value).
   */
  private static void text(StringBuilder html, ValidationReport report) {
    TextReport text = report.text();
    if (text == null || text.columns().isEmpty()) {
      return;
    }
    html.append("<section id=\"text\"><h2>Made-up text</h2>\n<p>Columns whose values synthlake makes up (free ")
        .append("text, and the labels of folded rare categories). A word is known when the source's common ")
        .append("vocabulary (words in at least ").append(text.minCount()).append(" rows), the locale's ")
        .append("dictionary or the column's semantic generator has it; character soup scores near 0. The ")
        .append("source's own share counts its rare words, which a dictionary often lacks.</p>\n")
        .append("<table id=\"text-table\"><thead><tr><th>column</th><th>made up by</th>")
        .append("<th>known words (synthetic)</th><th>known words (source)</th>")
        .append("<th>synthetic values with no known word</th><th>generated values</th>")
        .append("<th>common source values</th></tr></thead><tbody>\n");
    for (TextReport.TextColumn column : text.columns()) {
      html.append("<tr><td>").append(escape(column.column())).append("</td><td>")
          .append(escape(column.madeUpBy() == null ? "" : column.madeUpBy())).append("</td>");
      numberCell(html, column.syntheticShare(), null);
      numberCell(html, column.sourceShare(), null);
      numberCell(html, column.syntheticWithoutKnownWord(), null);
      html.append("<td>").append(escape(String.join(" | ", column.syntheticSample()))).append("</td><td>")
          .append(escape(String.join(" | ", column.commonSourceValues()))).append("</td></tr>\n");
    }
    html.append("</tbody></table></section>\n");
  }

  /** TSTR beside TRTR for each model, with the main measure's ratio and every other measure. */
  private static void mlUtility(StringBuilder html, ValidationReport report) {
    MlUtility ml = report.mlUtility();
    if (ml == null) {
      return;
    }
    html.append("<section id=\"ml-utility\"><h2>ML utility</h2>\n<p>Predicting <code>").append(escape(ml.target()))
        .append("</code> (").append(escape(ml.task())).append(") from ").append(ml.features().size())
        .append(" columns with Spark MLlib: each model trained on the ").append(count(ml.trainingRows()))
        .append(" real rows the model saw (TRTR) and on the ").append(count(ml.syntheticRows()))
        .append(ml.augmented() ? " rows of the augmented table (real training rows plus synthetic rows)"
            : " synthetic rows (TSTR)").append(", both tested on the ").append(count(ml.testRows()))
        .append(" real rows the fit held out. A ratio of 1 keeps all of the real data's usefulness.</p>\n");
    if (!ml.minorityRecalls().isEmpty()) {
      html.append("<p>Recall of the rarest label, <code>").append(escape(ml.minorityLabel())).append("</code>:");
      List<String> parts = new java.util.ArrayList<>();
      for (MlUtility.MinorityRecall recall : ml.minorityRecalls()) {
        parts.add(" " + escape(recall.model()) + " " + score(recall.real()) + " trained on real rows, "
            + score(recall.synthetic()) + (ml.augmented() ? " on the augmented table" : " on synthetic rows"));
      }
      html.append(String.join(";", parts)).append(".</p>\n");
    }
    html
        .append("<table id=\"ml-table\"><thead><tr><th>model</th><th>measure</th><th>trained on real</th>")
        .append("<th>trained on synthetic</th><th>ratio</th></tr></thead><tbody>\n");
    for (MlUtility.ModelResult model : ml.models()) {
      for (String measure : model.real().keySet()) {
        html.append("<tr><td>").append(escape(model.model())).append("</td><td>").append(escape(measure))
            .append(measure.equals(model.measure()) ? " (main)" : "").append("</td>");
        numberCell(html, model.real().get(measure), null);
        numberCell(html, model.synthetic().get(measure), null);
        numberCell(html, measure.equals(model.measure()) ? model.ratio() : null, null);
        html.append("</tr>\n");
      }
    }
    html.append("</tbody></table></section>\n");
  }

  private static void countCell(StringBuilder html, long value) {
    html.append("<td class=\"num\" data-value=\"").append(value).append("\">").append(count(value)).append("</td>");
  }

  private static Double measure(PairResult pair, boolean source) {
    if (pair.metric() == PairMetric.CORRELATION_SIMILARITY) {
      return source ? pair.sourceCorrelation() : pair.syntheticCorrelation();
    }
    return source ? pair.sourceAssociation() : pair.syntheticAssociation();
  }

  /** The three heat maps of the pair measures, with their captions and the page's data-matrix names. */
  enum HeatMap {
    SOURCE("source", "Source"),
    SYNTHETIC("synthetic", "Synthetic"),
    DIFFERENCE("difference", "Difference");

    private final String dataName;
    private final String title;

    HeatMap(String dataName, String title) {
      this.dataName = dataName;
      this.title = title;
    }
  }

  private static void heatmap(StringBuilder html, HeatMap map, List<String> names,
      Map<String, PairResult> byPair) {
    int n = names.size();
    boolean labelled = n <= LABELLED_HEATMAP_COLUMNS;
    int cell = Math.max(4, Math.min(18, 360 / Math.max(1, n)));
    int margin = labelled ? 110 : 4;
    int size = margin + n * cell + 4;
    html.append("<figure class=\"chart-card\"><figcaption>").append(map.title).append("</figcaption>");
    openSvg(html, "chart heatmap", "data-matrix", map.dataName, size, size);
    for (int i = 0; i < n; i++) {
      if (labelled) {
        html.append("<text x=\"").append(margin - 4).append("\" y=\"").append(margin + i * cell + cell - 4)
            .append("\" text-anchor=\"end\" class=\"tick\">").append(escape(shorten(names.get(i), 16)))
            .append("</text><text transform=\"translate(").append(margin + i * cell + cell - 4).append(',')
            .append(margin - 4).append(") rotate(-90)\" class=\"tick\">").append(escape(shorten(names.get(i), 16)))
            .append("</text>");
      }
      for (int j = 0; j < n; j++) {
        // A ternary of double and Double would unbox a missing value, hence the explicit boxing.
        Double value = i == j ? Double.valueOf(map == HeatMap.DIFFERENCE ? 0 : 1)
            : value(byPair.get(names.get(i) + "\u0000" + names.get(j)), map);
        String label = names.get(i) + " × " + names.get(j) + ": " + (value == null ? "not scored" : number(value));
        html.append("<rect x=\"").append(margin + j * cell).append("\" y=\"").append(margin + i * cell)
            .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
            .append(value == null ? "#dddddd" : diverging(value)).append("\"><title>").append(escape(label))
            .append("</title></rect>");
      }
    }
    html.append("</svg></figure>\n");
  }

  private static Double value(PairResult pair, HeatMap map) {
    if (pair == null) {
      return null;
    }
    Double source = measure(pair, true);
    Double synthetic = measure(pair, false);
    return switch (map) {
      case SOURCE -> source;
      case SYNTHETIC -> synthetic;
      case DIFFERENCE -> source == null || synthetic == null ? null : synthetic - source;
    };
  }

  private static void privacy(StringBuilder html, ValidationReport report) {
    ValidationReport.Privacy privacy = report.privacy();
    html.append("<section id=\"privacy\"><h2>Privacy</h2>\n<ul>\n<li>").append(count(privacy.exactCopies()))
        .append(" synthetic rows (").append(percent(privacy.exactCopyShare()))
        .append(") equal a source row on every scored column.</li>\n");
    PrivacyChecks.RareCategories rare = privacy.rareCategories();
    html.append("<li>").append(count(rare.categories())).append(" source categories seen fewer than ")
        .append(rare.minCategoryCount()).append(" times appear in the output, in ").append(count(rare.rows()))
        .append(" rows.</li>\n");
    PrivacyChecks.BeyondBounds beyond = privacy.beyondBounds();
    html.append("<li>").append(count(beyond.values())).append(" synthetic values lie beyond the source's ")
        .append("protected bounds (its ").append(beyond.boundRank()).append("th smallest and largest values).")
        .append("</li>\n</ul>\n");
    if (!rare.columns().isEmpty() || !beyond.columns().isEmpty()) {
      html.append("<table id=\"disclosures\"><thead><tr><th>column</th><th>rare categories</th><th>their rows</th>")
          .append("<th>values below</th><th>values above</th></tr></thead><tbody>\n");
      rare.columns().forEach(c -> html.append("<tr><td>").append(escape(c.column())).append("</td><td>")
          .append(count(c.categories())).append("</td><td>").append(count(c.rows())).append("</td><td></td><td>")
          .append("</td></tr>\n"));
      beyond.columns().forEach(c -> html.append("<tr><td>").append(escape(c.column())).append("</td><td></td><td>")
          .append("</td><td>").append(count(c.below())).append("</td><td>").append(count(c.above()))
          .append("</td></tr>\n"));
      html.append("</tbody></table>\n");
    }
    ClosestRecordSummary dcr = privacy.distanceToClosestRecord();
    if (dcr == null) {
      html.append("<p>Distance to closest record was not measured (validate.dcr-sample-rows is 0).</p>\n");
    } else {
      html.append("<h3>Distance to closest record</h3>\n<p>").append(count(dcr.sampleRows()))
          .append(" sampled synthetic rows and as many uniform-random rows, each against its nearest source ")
          .append("record (0 = identical, 1 = different in every column). Median ")
          .append(number(dcr.syntheticMedian()))
          .append(" for synthetic rows, ").append(number(dcr.baselineMedian())).append(" for random rows: ")
          .append("DCRBaselineProtection ").append(score(dcr.baselineProtection())).append(".</p>\n");
      decileChart(html, dcr);
    }
    HoldoutPrivacy held = privacy.holdout();
    if (held != null && held.dcrShare() != null) {
      html.append("<h3>Against the held-out rows</h3>\n<p>The fit held out ").append(count(held.holdoutRows()))
          .append(" source rows (").append(percent(held.fraction())).append("). Of ")
          .append(count(held.dcrSampleRows())).append(" sampled synthetic rows, a share of ")
          .append(number(held.dcrShare()))
          .append(" is nearer to a training row (among as many as were held out) than to any held-out row: 0.5 is ")
          .append("ideal, more says the model copies what it saw. A distance attack telling ")
          .append(count(held.miaRows())).append(" training rows from as many held-out rows has an AUC of ")
          .append(number(held.miaAuc())).append(" (advantage ").append(number(held.miaAdvantage()))
          .append("; 0 is a guess).</p>\n");
    }
    html.append("</section>\n");
  }

  /** The two distance distributions as quantile curves: a synthetic curve far below the random one is close. */
  private static void decileChart(StringBuilder html, ClosestRecordSummary dcr) {
    int width = 360;
    int height = 200;
    int plot = 160;
    double max = Math.max(1e-12, Math.max(max(dcr.syntheticDeciles()), max(dcr.baselineDeciles())));
    openSvg(html, "chart dcr", null, null, width, height);
    curve(html, dcr.syntheticDeciles(), max, SYNTHETIC_COLOUR, "synthetic", plot, width);
    curve(html, dcr.baselineDeciles(), max, SOURCE_COLOUR, "random baseline", plot, width);
    html.append("<line x1=\"30\" x2=\"").append(width - 10).append("\" y1=\"").append(10 + plot).append("\" y2=\"")
        .append(10 + plot).append("\" class=\"axis\"/><text x=\"30\" y=\"").append(height - 8)
        .append("\" class=\"tick\">0%</text><text x=\"").append(width - 10).append("\" y=\"").append(height - 8)
        .append("\" text-anchor=\"end\" class=\"tick\">100% of rows</text><text x=\"2\" y=\"16\" class=\"tick\">")
        .append(number(max)).append("</text></svg>\n");
  }

  private static void curve(StringBuilder html, double[] deciles, double max, String colour, String name, int plot,
      int width) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < deciles.length; i++) {
      double x = 30 + (width - 40) * i / (double) (deciles.length - 1);
      double y = 10 + plot - plot * deciles[i] / max;
      points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
    }
    html.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
        .append(points.toString().trim()).append("\"><title>").append(escape(name)).append("</title></polyline>");
  }

  private static void notes(StringBuilder html, ValidationReport report) {
    html.append("<section id=\"notes\"><h2>Notes</h2><ul>");
    report.notes().forEach(note -> html.append("<li>").append(escape(note)).append("</li>"));
    html.append("</ul><p>All figures are in report.json beside this page.</p></section>\n");
  }

  private static void numberCell(StringBuilder html, Double value, String error) {
    if (value == null) {
      html.append("<td class=\"num\" data-value=\"\"").append(error == null ? "" : " title=\"" + escape(error) + "\"")
          .append(">").append(error == null ? "–" : "error").append("</td>");
    } else {
      html.append("<td class=\"num\" data-value=\"").append(value).append("\">").append(number(value))
          .append("</td>");
    }
  }

  /** White at 0, red towards +1, blue towards -1. */
  static String diverging(double value) {
    double t = Math.max(-1, Math.min(1, value));
    int[] end = t >= 0 ? new int[] {178, 24, 43} : new int[] {33, 102, 172};
    double a = Math.abs(t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", mix(255, end[0], a), mix(255, end[1], a), mix(255, end[2], a));
  }

  private static int mix(int from, int to, double t) {
    return (int) Math.round(from + (to - from) * t);
  }

  private static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static double share(double value, double max) {
    return max <= 0 ? 0 : value / max;
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  private static String score(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String number(Double value) {
    if (value == null) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    return magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3) ? String.format(Locale.ROOT, "%.4g", value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Text and attribute values: every character with a meaning in HTML is escaped. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE = String.join("\n",
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1200px;"
          + "padding:16px 24px;color:#222}",
      "h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}",
      "h3{font-size:15px}code{background:#f4f4f4;padding:1px 4px;border-radius:3px}",
      ".legend .swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}",
      ".cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;"
          + "min-width:160px}",
      ".card-title{color:#555;font-size:12px;text-transform:uppercase}.card-value{font-size:26px;font-weight:600}",
      ".card-note{color:#666;font-size:12px}.gate{padding:8px 12px;border-radius:6px}",
      ".pass{background:#e8f5e9;color:#1b5e20}.fail{background:#fdecea;color:#8a1c1c}",
      "table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;border-bottom:1px solid #eee;"
          + "text-align:left}",
      "th{cursor:pointer;background:#fafafa}td.num{text-align:right;font-variant-numeric:tabular-nums}",
      ".charts,.heatmaps{display:flex;flex-wrap:wrap;gap:14px}.chart-card{margin:0;border:1px solid #eee;"
          + "padding:6px}",
      "figcaption{font-weight:600;margin-bottom:4px}figcaption span{color:#666;font-weight:400}",
      ".tick{font-size:10px;fill:#444}.axis{stroke:#999}");

  /** Sorts a table by a clicked heading (numbers by value); marks the page as rendered for the browser test. */
  private static final String SCRIPT = String.join("\n",
      "document.querySelectorAll('table.sortable').forEach(function(table){",
      "  table.querySelectorAll('th').forEach(function(th,col){",
      "    th.addEventListener('click',function(){",
      "      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);",
      "      var asc=th.dataset.order!=='asc';th.dataset.order=asc?'asc':'desc';",
      "      rows.sort(function(a,b){",
      "        var x=a.cells[col],y=b.cells[col];",
      "        var p=parseFloat(x.dataset.value!==undefined?x.dataset.value:x.textContent);",
      "        var q=parseFloat(y.dataset.value!==undefined?y.dataset.value:y.textContent);",
      "        var r=(!isNaN(p)&&!isNaN(q))?p-q:x.textContent.localeCompare(y.textContent);",
      "        return asc?r:-r;});",
      "      rows.forEach(function(row){body.appendChild(row);});});});});",
      "document.documentElement.dataset.rendered='yes';");
}
