package io.synthlake.fit;

import io.synthlake.config.ColumnOverride;
import io.synthlake.config.FitConfig;
import io.synthlake.config.NonFinitePolicy;
import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.FitSettings;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.Marginal;
import io.synthlake.model.NonFinite;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SemanticText;
import io.synthlake.model.TextMarginal;
import io.synthlake.model.WordModel;
import io.synthlake.profile.ColumnSummary;
import io.synthlake.profile.FrequentValues;
import io.synthlake.profile.NumericSummary;
import io.synthlake.profile.StringSummary;
import io.synthlake.profile.WordState;
import io.synthlake.profile.WordSummary;
import io.synthlake.text.SemanticDetector;
import io.synthlake.text.TextChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decisions of a fit between its scans, free of Spark: after the profile pass it chooses each column's kind
 * and builds every marginal it can from exact counts, and lists what the refine pass must compute for the rest;
 * after the refine pass it completes the marginals; then it plans the copula. The Spark job only scans.
 */
public final class TableFit {
  private final FitConfig fit;
  private final FitNotes notes;
  private final KindDetector detector;
  private final NumericMarginalAssembler numericAssembler;
  private final CategoricalAssembler categoricalAssembler;
  private final double[] grid;
  private final List<Work> columns = new ArrayList<>();
  private final String locale;
  private long rows;
  private RefinePlan plan;

  /** The state of one column through the fit. */
  private static final class Work {
    final ColumnSpec spec;
    ColumnKind kind;
    long nonNull;
    NumericSummary numeric;
    StringSummary text;
    AtomChoice atoms;
    NonFinite nonFinite;
    Marginal marginal;
    EmpiricalQuantiles empirical;

    Work(ColumnSpec spec) {
      this.spec = spec;
    }

    String name() {
      return spec.name();
    }
  }

  public TableFit(List<ColumnSpec> specs, FitConfig fit, FitNotes notes) {
    this(specs, fit, notes, "en-US");
  }

  /** @param locale the language of made-up text (pii.locale): semantic generators and dictionary words */
  public TableFit(List<ColumnSpec> specs, FitConfig fit, FitNotes notes, String locale) {
    this.locale = locale;
    this.fit = fit;
    this.notes = notes;
    this.detector = new KindDetector(fit);
    this.numericAssembler = new NumericMarginalAssembler(fit);
    this.categoricalAssembler = new CategoricalAssembler(fit);
    this.grid = NumericEvidence.grid(fit.quantileKnots());
    for (ColumnSpec spec : specs) {
      columns.add(new Work(spec));
    }
  }

  /**
   * Takes the profile (one summary per column, in order), decides kinds, builds what exact counts allow, and
   * returns the refine pass's work.
   */
  public RefinePlan afterProfile(long rowCount, List<? extends ColumnSummary> summaries) {
    if (rowCount <= 0) {
      throw new IllegalArgumentException("a fit needs at least one row");
    }
    this.rows = rowCount;
    rejectNonFinite(summaries);
    List<NumericRefineTask> numericTasks = new ArrayList<>();
    List<TextRefineTask> textTasks = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Work w = columns.get(i);
      ColumnSummary summary = summaries.get(i);
      w.nonNull = summary.nonNull();
      KindDetector.Decision decision;
      // ColumnSummary is sealed: a number or a string (Java 17 has no pattern switch).
      if (summary instanceof NumericSummary n) {
        w.numeric = n;
        decision = detector.forNumeric(w.spec, n);
      } else {
        w.text = (StringSummary) summary;
        decision = detector.forText(w.spec, w.text);
      }
      w.kind = decision.kind();
      notes.column(w.name(), "%s: %s", w.kind.configName(), decision.reason());
      if ((w.kind == ColumnKind.TEXT || w.kind == ColumnKind.IDENTIFIER) && w.text != null
          && looksTemporal(w.text.shape())) {
        notes.column(w.name(), "values look like dates or times: read the column as a date or timestamp (a schema, "
            + "with the dateFormat or timestampFormat option for CSV) to model it as time");
      }
      planColumn(i, w, numericTasks, textTasks);
    }
    plan = new RefinePlan(numericTasks, textTasks, grid);
    return plan;
  }

  /** Only digits and date-time punctuation, 8 to 32 characters long: "2001/01/01 00:47", "20250101". */
  static boolean looksTemporal(io.synthlake.profile.TextShapeSummary shape) {
    long[] counts = shape.characterCounts();
    long digits = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      char c = i == io.synthlake.profile.TextShapeState.OTHER_CHARACTER ? '\0'
          : (char) (i + io.synthlake.profile.TextShapeState.PRINTABLE_FIRST);
      if (c >= '0' && c <= '9') {
        digits += counts[i];
      } else if ("-/:. TZ+".indexOf(c) < 0 || c == '\0') {
        return false;
      }
    }
    int shortest = 0;
    while (shortest < shape.lengthCounts().length && shape.lengthCounts()[shortest] == 0) {
      shortest++;
    }
    return digits > 0 && shortest >= 8 && shape.maxLength() <= 32;
  }

  private void rejectNonFinite(List<? extends ColumnSummary> summaries) {
    if (fit.nonFinite() != NonFinitePolicy.ERROR) {
      return;
    }
    List<String> found = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (summaries.get(i) instanceof NumericSummary n && n.nonFinite() > 0) {
        found.add(String.format(Locale.ROOT, "%s (%d NaN, %d +Infinity, %d -Infinity)", columns.get(i).name(),
            n.nan(), n.positiveInfinity(), n.negativeInfinity()));
      }
    }
    if (!found.isEmpty()) {
      throw SynthException.input("non-finite values in %s; set fit.non-finite to keep (model them) or null "
          + "(treat them as nulls)", String.join(", ", found));
    }
  }

  private void planColumn(int index, Work w, List<NumericRefineTask> numericTasks, List<TextRefineTask> textTasks) {
    switch (w.kind) {
      case CONSTANT -> w.marginal = constant(w);
      // Date-like text keeps the separators every value has at a position ("2001/01/13 14:56"): they spell no
      // words, and without them the made-up values would not even look like dates.
      case TEXT -> w.marginal = new TextMarginal(looksTemporal(w.text.shape())
          ? ShapeBuilder.build(w.text.shape(), fit) : ShapeBuilder.buildFreeText(w.text.shape(), fit));
      case IDENTIFIER -> {
        if (w.text != null) {
          w.marginal = IdentifierMarginal.ofStrings(ShapeBuilder.build(w.text.shape(), fit));
        } else if (w.numeric.frequent().exact()) {
          NumericEvidence evidence = NumericEvidence.fromCounts(counts(w.numeric.frequent()),
              new AtomChoice(new double[0], true), 2, fit.boundRank());
          w.marginal = integerIdentifier(w, evidence.lowerBound(), evidence.upperBound());
        } else {
          numericTasks.add(new NumericRefineTask(index, new double[0], false));
        }
      }
      case CATEGORICAL, BOOLEAN -> {
        FrequentValues<String> frequent = w.text.frequent();
        if (frequent.exact()) {
          List<CategoryCount> counts = frequent.items().stream()
              .map(item -> new CategoryCount(item.value(), item.estimate())).toList();
          finishCategorical(w, counts);
        } else {
          List<String> candidates = frequent.items().stream()
              .filter(item -> item.estimate() >= fit.minCategoryCount())
              .sorted(Comparator.comparingLong(FrequentValues.Item<String>::estimate).reversed())
              .limit(2L * fit.maxCategories())
              .map(FrequentValues.Item::value)
              .toList();
          textTasks.add(new TextRefineTask(index, candidates));
        }
      }
      case CONTINUOUS, INTEGER, DATE, TIMESTAMP -> {
        NumericSummary n = w.numeric;
        w.nonFinite = nonFinite(w);
        w.atoms = AtomChoice.choose(n.frequent(), n.finite(), fit);
        if (n.frequent().exact()) {
          NumericEvidence evidence = NumericEvidence.fromCounts(counts(n.frequent()), w.atoms, fit.quantileKnots(),
              fit.boundRank());
          finishNumeric(w, evidence);
        } else {
          numericTasks.add(new NumericRefineTask(index, w.atoms.values(), true));
        }
      }
    }
  }

  /**
   * Takes the refine pass's results, in the plan's task order: the numeric states, the quantiles of each numeric
   * task's non-atom values (null where not asked or when there were none), and the exact label counts.
   */
  public void afterRefine(List<NumericRest> numeric, List<double[]> quantiles, List<Map<String, Long>> text) {
    for (int t = 0; t < plan.numeric().size(); t++) {
      NumericRefineTask task = plan.numeric().get(t);
      Work w = columns.get(task.column());
      NumericRest rest = numeric.get(t);
      double lower = rest.extremes().isEmpty() ? Double.NaN : rest.extremes().kthSmallest();
      double upper = rest.extremes().isEmpty() ? Double.NaN : rest.extremes().kthLargest();
      if (w.kind == ColumnKind.IDENTIFIER) {
        w.marginal = integerIdentifier(w, lower, upper);
        continue;
      }
      double[] values = quantiles.get(t);
      NumericEvidence evidence = new NumericEvidence(w.numeric.finite(), task.atoms(), rest.atomCounts(),
          rest.restCount(), grid, values == null ? new double[grid.length] : values, lower, upper, rest.moments());
      finishNumeric(w, evidence);
    }
    for (int t = 0; t < plan.text().size(); t++) {
      TextRefineTask task = plan.text().get(t);
      Work w = columns.get(task.column());
      List<CategoryCount> counts = text.get(t).entrySet().stream()
          .map(e -> new CategoryCount(e.getKey(), e.getValue())).toList();
      finishCategorical(w, counts);
    }
  }

  /**
   * The string columns that make up values (free text, and categoricals with folded rare labels) and need a word
   * pass; those whose every value the profile counted get their word model here, from the exact counts.
   */
  public List<Integer> wordColumns() {
    List<Integer> scanned = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Work w = columns.get(i);
      boolean madeUp = w.marginal instanceof TextMarginal
          || w.marginal instanceof CategoricalMarginal labels && labels.other() != null;
      ColumnOverride override = fit.columns().get(w.name());
      if (!madeUp && override != null && override.semantic() != null) {
        notes.column(w.name(), "semantic type %s declared, but the column makes up no values (every label is "
            + "stored, or it is not text): nothing to generate with it", override.semantic().configName());
      }
      if (w.text == null || w.spec.type() != SourceType.STRING || !madeUp) {
        continue;
      }
      if (w.text.frequent().exact()) {
        WordState words = new WordState();
        for (FrequentValues.Item<String> item : w.text.frequent().items()) {
          words.add(item.value(), item.estimate());
        }
        attachWords(w, words.summary());
      } else {
        scanned.add(i);
      }
    }
    return scanned;
  }

  /** Takes the word pass's statistics of the columns {@link #wordColumns()} listed, in that order. */
  public void afterWords(List<Integer> scanned, List<WordSummary> words) {
    for (int t = 0; t < scanned.size(); t++) {
      attachWords(columns.get(scanned.get(t)), words.get(t));
    }
  }

  private void attachWords(Work w, WordSummary words) {
    WordModel model = WordModelFit.build(words, fit, locale);
    ColumnOverride override = fit.columns().get(w.name());
    SemanticText semantic = SemanticDetector.detect(w.name(), override == null ? null : override.semantic(),
        w.text.shape(), words, locale, fit.minCategoryCount());
    TextChoice choice = TextChoice.of(model, semantic);
    String what = w.marginal instanceof TextMarginal ? "values" : "labels of the folded rare categories";
    if (model != null) {
      notes.column(w.name(), "word model: %d tokens, %d start and %d end tokens, %d token pairs seen in at least %d "
          + "rows each; %.1f%% of tokens (once per row) too rare to store", model.tokens().size(),
          model.starts().size(), model.ends().size(), model.pairs().size(), fit.minCategoryCount(),
          100 * model.rare());
    }
    notes.column(w.name(), "made-up %s: %s%s", what, choice.description(),
        semantic == null ? "" : ", semantic type " + SemanticDetector.describe(semantic));
    if (w.marginal instanceof TextMarginal text) {
      w.marginal = new TextMarginal(text.shape(), model, semantic);
    } else {
      CategoricalMarginal labels = (CategoricalMarginal) w.marginal;
      w.marginal = new CategoricalMarginal(labels.categories(), labels.other().withText(model, semantic));
    }
  }

  private void finishNumeric(Work w, NumericEvidence evidence) {
    double resolution = w.numeric.resolution();
    if (w.kind == ColumnKind.INTEGER && resolution < 1) {
      resolution = 1;
    }
    NumericMarginalAssembler.Result result = numericAssembler.assemble(w.name(), evidence, resolution, w.nonFinite,
        notes);
    if (result.marginal() == null) {
      becomeNull(w, "too few finite values to model without revealing them");
      return;
    }
    w.marginal = result.marginal();
    w.empirical = result.empirical();
  }

  private void finishCategorical(Work w, List<CategoryCount> counts) {
    // Made-up labels only make sense for strings; booleans, numbers and dates drop their rare values.
    boolean labelsCanBeMadeUp = w.spec.type() == SourceType.STRING;
    CategoricalMarginal marginal = categoricalAssembler.assemble(w.name(), counts, w.nonNull,
        labelsCanBeMadeUp ? w.text.shape() : null, notes);
    if (marginal == null) {
      becomeNull(w, "every label was seen fewer than " + fit.minCategoryCount() + " times");
    } else {
      w.marginal = marginal;
    }
  }

  private void becomeNull(Work w, String reason) {
    notes.column(w.name(), "generated as null: %s", reason);
    w.kind = ColumnKind.CONSTANT;
    w.marginal = new ConstantMarginal(null);
  }

  private Marginal integerIdentifier(Work w, double lower, double upper) {
    if (!(lower <= upper)) {
      notes.column(w.name(), "too few values for protected bounds: the key range starts at 1");
      return IdentifierMarginal.ofIntegers(1, Math.max(1, w.numeric.finite()));
    }
    return IdentifierMarginal.ofIntegers(lower, upper);
  }

  private Marginal constant(Work w) {
    if (w.nonNull == 0) {
      return new ConstantMarginal(null);
    }
    String value;
    long count;
    int distinct;
    if (w.text != null) {
      FrequentValues.Item<String> top = top(w.text.frequent());
      value = top == null ? null : top.value();
      count = top == null ? 0 : top.lowerBound();
      distinct = w.text.frequent().items().size();
    } else {
      FrequentValues.Item<Double> top = top(w.numeric.frequent());
      value = top == null ? null : w.spec.type().format(top.value(), w.spec.decimalScale());
      count = top == null ? 0 : top.lowerBound();
      distinct = w.numeric.frequent().items().size();
    }
    if (value == null || count < fit.minCategoryCount()) {
      notes.column(w.name(), "the constant value was seen fewer than %d times: generated as null",
          fit.minCategoryCount());
      return new ConstantMarginal(null);
    }
    if (distinct > 1) {
      notes.column(w.name(), "forced constant: the most frequent value is kept (%d of %d non-null values)", count,
          w.nonNull);
    }
    return new ConstantMarginal(value);
  }

  private static <T> FrequentValues.Item<T> top(FrequentValues<T> frequent) {
    return frequent.items().stream().max(Comparator.comparingLong(FrequentValues.Item<T>::lowerBound)).orElse(null);
  }

  private NonFinite nonFinite(Work w) {
    NumericSummary n = w.numeric;
    if (n.nonFinite() == 0) {
      return null;
    }
    double nonNull = n.nonNull();
    notes.column(w.name(), "%d NaN, %d +Infinity and %d -Infinity values kept as special values (%.3f%% of "
        + "non-null values; outside the copula)", n.nan(), n.positiveInfinity(), n.negativeInfinity(),
        100.0 * n.nonFinite() / nonNull);
    return new NonFinite(n.nan() / nonNull, n.positiveInfinity() / nonNull, n.negativeInfinity() / nonNull);
  }

  private static TreeMap<Double, Long> counts(FrequentValues<Double> frequent) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (FrequentValues.Item<Double> item : frequent.items()) {
      counts.merge(item.value(), item.estimate(), Long::sum);
    }
    return counts;
  }

  /** The copula's columns: those of a copula kind whose marginal has at least two outcomes. */
  public CopulaPlan copulaPlan() {
    List<Integer> indices = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<UniformScorer> scorers = new ArrayList<>();
    List<Double> epsilon = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Work w = columns.get(i);
      UniformScorer scorer = scorer(w);
      if (scorer == null) {
        continue;
      }
      indices.add(i);
      names.add(w.name());
      scorers.add(scorer);
      epsilon.add(Math.max(1e-12, 0.5 / Math.max(1, w.nonNull)));
    }
    return new CopulaPlan(indices, names, scorers, epsilon.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private UniformScorer scorer(Work w) {
    if (!w.kind.inCopula()) {
      return null;
    }
    if (w.marginal instanceof NumericMarginal m && (!m.atoms().isEmpty() || w.empirical != null)) {
      NumericDistribution distribution = NumericDistribution.of(m.atoms(), w.empirical);
      return distribution.lowest() < distribution.highest() ? new UniformScorer.Numeric(distribution) : null;
    }
    if (w.marginal instanceof CategoricalMarginal m) {
      CategoricalScale scale = CategoricalScale.of(m);
      return scale.size() >= 2 ? new UniformScorer.Categorical(scale) : null;
    }
    return null;
  }

  /** Sums and counts the ordering pass may hold per task: 16 bytes each, so at most 16 MB. */
  static final long ORDERING_CELL_BUDGET = 1_000_000;

  /**
   * Which copula columns the ordering pass orders: categorical ones with at least three stored categories (two
   * can only swap, which flips a correlation's sign and changes nothing), the smallest first while the state fits
   * its budget.
   *
   * @param positions copula positions
   * @param scales their scales, as the copula plan scores them
   * @param categories their stored category counts (the other bucket excluded)
   */
  public record OrderingPlan(int[] positions, CategoricalScale[] scales, int[] categories) {
    public boolean isEmpty() {
      return positions.length == 0;
    }
  }

  public OrderingPlan orderingPlan(CopulaPlan copula) {
    List<Integer> candidates = new ArrayList<>();
    for (int p = 0; p < copula.size(); p++) {
      if (columns.get(copula.columns().get(p)).marginal instanceof CategoricalMarginal m
          && m.categories().size() >= 3) {
        candidates.add(p);
      }
    }
    candidates.sort(Comparator.comparingInt(p -> categoryCount(copula, p)));
    List<Integer> chosen = new ArrayList<>();
    long cells = 0;
    for (int p : candidates) {
      long more = (long) copula.size() * categoryCount(copula, p);
      if (cells + more > ORDERING_CELL_BUDGET) {
        notes.column(copula.names().get(p), "categories kept in frequency order: too many categories and copula "
            + "columns to order them within the fit's memory budget");
        continue;
      }
      cells += more;
      chosen.add(p);
    }
    chosen.sort(null);
    int[] positions = chosen.stream().mapToInt(Integer::intValue).toArray();
    CategoricalScale[] scales = new CategoricalScale[positions.length];
    int[] categories = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      scales[i] = ((UniformScorer.Categorical) copula.scorers().get(positions[i])).scale();
      categories[i] = categoryCount(copula, positions[i]);
    }
    return new OrderingPlan(positions, scales, categories);
  }

  private int categoryCount(CopulaPlan copula, int position) {
    return ((CategoricalMarginal) columns.get(copula.columns().get(position)).marginal).categories().size();
  }

  /** Lays each ordered column's categories out in the order the ordering pass found; the copula plan is redone. */
  public void reorder(CopulaPlan copula, OrderingPlan plan, CategoryOrdering ordering) {
    for (int i = 0; i < plan.positions().length; i++) {
      Work w = columns.get(copula.columns().get(plan.positions()[i]));
      CategoricalMarginal m = (CategoricalMarginal) w.marginal;
      List<Category> ordered = new ArrayList<>();
      for (int index : ordering.order(i)) {
        ordered.add(m.categories().get(index));
      }
      w.marginal = new CategoricalMarginal(ordered, m.other());
    }
    if (plan.positions().length > 0) {
      notes.table("categories of %d %s laid out on the copula's scale along their first principal axis (the "
          + "category means of the other columns' normal scores), not by frequency, so the copula carries "
          + "categorical relationships", plan.positions().length, plan.positions().length == 1 ? "column"
              : "columns");
    }
  }

  /** The modelled columns as rule discovery sees them (after the refine pass; kinds and marginals settled). */
  public List<RuleFinder.Column> ruleColumns() {
    List<RuleFinder.Column> view = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Work w = columns.get(i);
      if (w.marginal != null) {
        view.add(new RuleFinder.Column(i, w.spec, w.kind, w.nonNull, w.marginal,
            w.numeric == null ? Double.NaN : w.numeric.mean()));
      }
    }
    return view;
  }

  /** A column's marginal as it stands (labels in their final order once reordered), or null. */
  public Marginal marginalOf(String name) {
    for (Work w : columns) {
      if (w.name().equals(name)) {
        return w.marginal;
      }
    }
    return null;
  }

  public long rows() {
    return rows;
  }

  /** Per column, the rows where it is null. */
  public Map<String, Long> nullCounts() {
    Map<String, Long> counts = new HashMap<>();
    for (Work w : columns) {
      counts.put(w.name(), rows - w.nonNull);
    }
    return counts;
  }

  /** The fitted columns, in source order. */
  public List<ColumnModel> columnModels() {
    List<ColumnModel> models = new ArrayList<>();
    for (Work w : columns) {
      double nullFraction = rows == 0 ? 0 : (double) (rows - w.nonNull) / rows;
      models.add(new ColumnModel(w.name(), w.spec.sparkType(), w.kind, nullFraction, w.marginal));
    }
    return models;
  }

  /** The fit configuration this table is fitted with. */
  public FitConfig settingsConfig() {
    return fit;
  }

  public FitSettings settings() {
    return new FitSettings(fit.seed(), fit.marginals().configName(), fit.quantileKnots(), fit.quantileAccuracy(),
        fit.minCategoryCount(), fit.rareCategories().configName(), fit.maxCategories(), fit.boundRank());
  }
}
