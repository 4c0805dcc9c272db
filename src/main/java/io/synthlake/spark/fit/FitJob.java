package io.synthlake.spark.fit;

import io.synthlake.Version;
import io.synthlake.config.FitConfig;
import io.synthlake.config.JobConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.generate.ScoreCalibrator;
import io.synthlake.fit.ColumnSpec;
import io.synthlake.fit.CategoryOrdering;
import io.synthlake.fit.CopulaPlan;
import io.synthlake.fit.PresencePlan;
import io.synthlake.fit.CorrelationEstimator;
import io.synthlake.fit.FitNotes;
import io.synthlake.fit.NumericRefineTask;
import io.synthlake.fit.PairwiseMoments;
import io.synthlake.fit.RefinePlan;
import io.synthlake.fit.LabelMarginalFinder;
import io.synthlake.fit.LabelMarginalPlan;
import io.synthlake.fit.LabelMarginalState;
import io.synthlake.fit.RuleCounts;
import io.synthlake.fit.RuleFinder;
import io.synthlake.fit.RuleFit;
import io.synthlake.fit.RulePlan;
import io.synthlake.fit.TableFit;
import io.synthlake.config.PiiConfig;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.PiiMarginal;
import io.synthlake.pii.PiiColumn;
import io.synthlake.model.Holdout;
import io.synthlake.model.SourceFingerprint;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.Rule;
import io.synthlake.model.SynthModel;
import io.synthlake.profile.ColumnSummary;
import io.synthlake.rules.RuleSyntax;
import io.synthlake.spark.Columns;
import io.synthlake.spark.Failures;
import io.synthlake.spark.JavaBytes;
import io.synthlake.spark.PhaseTimer;
import io.synthlake.profile.WordState;
import io.synthlake.profile.WordSummary;
import io.synthlake.spark.io.Holdouts;
import io.synthlake.spark.io.JobPaths;
import io.synthlake.spark.io.LoadedSource;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.spark.io.SourceReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code synth fit}: two to eight passes over the source, each a single distributed aggregate, with the decisions
 * in between made by the Spark-free {@link TableFit}. Personal data is found first (one aggregate over the first
 * {@code pii.sample-rows} rows, only for string columns whose names did not settle it); the profile pass covers
 * every column; the refine pass (only for columns with many distinct values) counts atoms and labels exactly and
 * sketches quantiles; the word pass (only for string columns that make up values and have many distinct values)
 * sketches their words; the rules and per-label passes count label pairs and per-label values; the ordering pass
 * (only for categorical columns of three or more labels) lays labels out along their first principal axis; the
 * copula pass computes normal scores on the executors and their correlation. No row reaches the driver, whose
 * memory depends on the columns, not the rows.
 */
public final class FitJob {
  private static final Logger LOG = LoggerFactory.getLogger(FitJob.class);

  private FitJob() {}

  /**
   * The model, the time each phase took, and the bytes each phase's aggregate sent to the driver (which depend
   * on the columns, never on the rows).
   */
  public record Result(SynthModel model, String modelPath, Map<String, Double> seconds, Map<String, Long> bytes) {}

  public static Result run(SparkSession spark, JobConfig config) {
    FitConfig fit = config.fit();
    if (config.model() == null) {
      throw SynthException.config("no model path: pass --model OUT.json or set model in the job file");
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    JobPaths.check(spark, config, JobPaths.Step.FIT);
    ModelStore.checkWritable(spark.sparkContext().hadoopConfiguration(), config.model(), fit.overwriteModel());
    LoadedSource read = SourceReader.load(spark, config.source());
    String where = config.source().where();
    FitNotes notes = new FitNotes();
    // A holdout leaves the fit before any aggregate: personal data, profile and every later pass see the rest only.
    Holdout holdout = fit.holdout() > 0 ? Holdouts.of(read.frame(), fit.holdout(), fit.seed()) : null;
    LoadedSource source = holdout == null ? read : new LoadedSource(
        read.frame().where(functions.not(Holdouts.held(holdout))), read.location(), read.format(),
        read.deltaVersion(), read.partitionColumns(), read.tableName());
    if (holdout != null) {
      notes.table("held out %.4f of the rows (a hash of each row's values and seed %d) from every aggregate, for "
          + "validate to read back as real rows the model never saw", holdout.fraction(), holdout.seed());
    }
    List<PiiColumn> personal = timed(seconds, "pii", () -> scan(spark, source, where,
        "fit: find personal data in " + source.tableName(),
        () -> PiiScan.detect(source.frame(), source.tableName(), config.pii(), fit.columns().keySet())));
    Set<String> personalNames = personal.stream().map(PiiColumn::column).collect(Collectors.toSet());
    if (!personal.isEmpty() && personal.size() == source.frame().schema().fields().length) {
      throw SynthException.input("every column of %s holds personal data (%s): there is nothing to model; copy "
          + "the table with mode mask, or declare some columns pii type none", source.location(),
          String.join(", ", personalNames));
    }
    StructType modelled = new StructType(java.util.Arrays.stream(source.frame().schema().fields())
        .filter(f -> !personalNames.contains(f.name())).toArray(org.apache.spark.sql.types.StructField[]::new));
    List<PreparedColumn> columns = ColumnPlanner.plan(modelled, fit, notes, source.location());
    Column[] expressions = columns.stream().map(c -> c.expression(fit.nonFinite())).toArray(Column[]::new);
    Dataset<Row> projected = source.frame().select(expressions);
    Double fraction = config.source().sampleFraction();
    boolean sampling = fraction != null && fraction < 1.0;
    Dataset<Row> prepared = sampling ? projected.where(sampled(projected, fraction, fit.seed())) : projected;
    if (sampling) {
      notes.table("profiled a %.4f sample of the rows (a hash of each row's values and seed %d)", fraction,
          fit.seed());
    }
    String table = source.tableName();
    List<ColumnSpec> specs = columns.stream().map(PreparedColumn::spec).toList();

    ProfileAggregator.Buffer profile = timed(seconds, "profile", () -> scan(spark, source, where,
        "fit: profile " + table + " (" + columns.size() + " columns)",
        () -> profile(prepared, columns, fit, bytes, "profile")));
    if (profile.rows == 0) {
      throw SynthException.input("source %s has no rows%s", source.location(),
          config.source().where() == null ? "" : " matching where '" + config.source().where() + "'");
    }
    LOG.info("fit phase=profile table={} rows={} columns={} seconds={} result-bytes={}", table, profile.rows,
        columns.size(), seconds.get("profile"), bytes.get("profile"));
    TableFit tableFit = new TableFit(specs, fit, notes, config.pii().locale());
    fitColumns(spark, source, where, table, prepared, columns, tableFit, profile, fit, seconds, bytes, "refine");
    List<Integer> wordColumns = tableFit.wordColumns();
    if (!wordColumns.isEmpty()) {
      List<WordSummary> words = timed(seconds, "words", () -> scan(spark, source, where,
          "fit: words of " + table + " (" + wordColumns.size() + " columns)",
          () -> countWords(prepared, wordColumns, bytes)));
      tableFit.afterWords(wordColumns, words);
      LOG.info("fit phase=words table={} columns={} seconds={}", table, wordColumns.size(), seconds.get("words"));
    }

    RuleFit rules = findRules(spark, source, where, table, prepared, tableFit, fit, notes, seconds, bytes);

    CopulaPlan firstPlan = tableFit.copulaPlan();
    TableFit.OrderingPlan ordering = firstPlan.size() >= 2 ? tableFit.orderingPlan(firstPlan) : null;
    if (ordering != null && !ordering.isEmpty()) {
      CategoryOrdering order = timed(seconds, "order", () -> scan(spark, source, where,
          "fit: order categories of " + table + " (" + ordering.positions().length + " columns)",
          () -> orderCategories(prepared, firstPlan, ordering, fit.seed(), bytes)));
      tableFit.reorder(firstPlan, ordering, order);
      LOG.info("fit phase=order table={} columns={} seconds={}", table, ordering.positions().length,
          seconds.get("order"));
    }
    List<LabelMarginals> labelMarginals = rules == null || rules.labelMarginalChoices().isEmpty() ? List.of()
        : fitLabelMarginals(spark, source, where, table, prepared, tableFit, rules.labelMarginalChoices(), notes,
            seconds, bytes);
    CopulaPlan valuePlan = LabelMarginalFinder.copulaPlan(
        rules == null ? tableFit.copulaPlan() : rules.copulaPlan(tableFit.copulaPlan()), labelMarginals, tableFit);
    CopulaPlan copulaPlan = PresencePlan.extend(valuePlan, tableFit.nullCounts(), tableFit.rows(),
        fit.minCategoryCount(), PresencePlan.nullReads(rules == null ? List.of() : rules.rules()));
    CopulaModel copula = null;
    if (valuePlan.size() >= 2) {
      PairwiseMoments moments = timed(seconds, "copula", () -> scan(spark, source, where,
          "fit: copula " + table + " (" + copulaPlan.size() + " columns)",
          () -> correlate(prepared, copulaPlan, fit.seed(), bytes)));
      copula = CorrelationEstimator.estimate(copulaPlan, moments, notes);
      LOG.info("fit phase=copula table={} columns={} seconds={}", table, copulaPlan.size(), seconds.get("copula"));
    } else {
      notes.table("fewer than two columns take part in the copula: columns are generated independently");
    }
    List<Rule> modelRules = rules == null ? List.of() : rules.rules();

    long rowCount = fraction == null || fraction >= 1.0 ? profile.rows : Math.round(profile.rows / fraction);
    SourceFingerprint fingerprint = new SourceFingerprint(source.location(), source.format().configName(),
        source.deltaVersion(), rowCount, profile.rows, config.source().where(), fraction, source.partitionColumns(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), holdout);
    List<ColumnModel> columnModels = withPersonalData(source, tableFit.columnModels(), personal, config.pii(),
        notes);
    SynthModel fitted = new SynthModel(SynthModel.FORMAT_VERSION, table, Version.tool(), fingerprint,
        tableFit.settings(), columnModels, copula, modelRules, labelMarginals, notes.all());
    SynthModel model = timed(seconds, "calibrate", () -> ScoreCalibrator.calibrate(fitted, fit.seed()));
    ModelStore.write(spark.sparkContext().hadoopConfiguration(), config.model(), model);
    LOG.info("fit done table={} model={} columns={} copula-columns={} seconds={}", table, config.model(),
        model.columns().size(), copulaPlan.size(),
        Math.round(seconds.values().stream().mapToDouble(Double::doubleValue).sum() * 100) / 100.0);
    return new Result(model, config.model(), seconds, bytes);
  }

  /**
   * The modelled columns with the columns of personal data in their places (source order): their null share,
   * measured over the whole table, is all they keep.
   */
  private static List<ColumnModel> withPersonalData(LoadedSource source, List<ColumnModel> modelled,
      List<PiiColumn> personal, PiiConfig pii, FitNotes notes) {
    if (personal.isEmpty()) {
      return modelled;
    }
    Map<String, Double> nulls = PiiScan.nullFractions(source.frame(), personal);
    Map<String, ColumnModel> byName = new LinkedHashMap<>();
    modelled.forEach(c -> byName.put(c.name(), c));
    for (PiiColumn column : personal) {
      byName.put(column.column(), new ColumnModel(column.column(), "string", ColumnKind.PII,
          nulls.get(column.column()), new PiiMarginal(column.type(), pii.locale(), column.detectedBy())));
      notes.column(column.column(), "personal data (%s, found by %s): none of its values is kept; generate writes "
          + "fake values (locale %s)", column.type().configName(), column.detectedBy(), pii.locale());
    }
    List<ColumnModel> ordered = new ArrayList<>();
    for (String name : source.frame().columns()) {
      if (byName.containsKey(name)) {
        ordered.add(byName.get(name));
      }
    }
    return ordered;
  }

  private static ProfileAggregator.Buffer profile(Dataset<Row> prepared, List<PreparedColumn> columns,
      FitConfig fit, Map<String, Long> bytes, String phase) {
    int exactDistinct = Math.max(fit.maxCategories(), fit.maxAtoms()) * 2;
    UserDefinedFunction udaf = functions.udaf(new ProfileAggregator(columns, exactDistinct),
        org.apache.spark.sql.Encoders.row(prepared.schema()));
    Row row = prepared.agg(udaf.apply(allColumns(prepared))).first();
    bytes.put(phase, (long) ((byte[]) row.get(0)).length);
    return JavaBytes.read((byte[]) row.get(0), ProfileAggregator.Buffer.class);
  }

  private static void refine(Dataset<Row> prepared, RefinePlan plan, FitConfig fit, TableFit tableFit,
      Map<String, Long> bytes, String phase) {
    UserDefinedFunction udaf = functions.udaf(new RefineAggregator(plan.numeric(), plan.text(), fit.boundRank()),
        org.apache.spark.sql.Encoders.row(prepared.schema()));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(udaf.apply(allColumns(prepared)));
    Column grid = functions.lit(plan.grid());
    List<Integer> quantileTasks = new ArrayList<>();
    for (int t = 0; t < plan.numeric().size(); t++) {
      NumericRefineTask task = plan.numeric().get(t);
      if (!task.quantiles()) {
        continue;
      }
      Column value = Columns.named(prepared.columns()[task.column()]);
      Column keep = functions.not(functions.isnan(value))
          .and(functions.abs(value).notEqual(Double.POSITIVE_INFINITY));
      if (task.atoms().length > 0) {
        keep = keep.and(functions.not(value.isin((Object[]) boxed(task.atoms()))));
      }
      aggregates.add(functions.percentile_approx(functions.when(keep, value), grid,
          functions.lit(fit.quantileAccuracy())));
      quantileTasks.add(t);
    }
    Row row = prepared.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
        .first();
    RefineAggregator.Buffer buffer = JavaBytes.read((byte[]) row.get(0), RefineAggregator.Buffer.class);
    bytes.put(phase, (long) ((byte[]) row.get(0)).length + 8L * plan.grid().length * quantileTasks.size());
    List<double[]> quantiles = new ArrayList<>();
    for (int t = 0; t < plan.numeric().size(); t++) {
      quantiles.add(null);
    }
    for (int q = 0; q < quantileTasks.size(); q++) {
      if (!row.isNullAt(q + 1)) {
        List<Double> values = row.getList(q + 1);
        quantiles.set(quantileTasks.get(q), values.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    List<Map<String, Long>> text = new ArrayList<>(buffer.text);
    tableFit.afterRefine(List.of(buffer.numeric), quantiles, text);
  }

  private static CategoryOrdering orderCategories(Dataset<Row> prepared, CopulaPlan plan,
      TableFit.OrderingPlan ordering, long seed, Map<String, Long> bytes) {
    Dataset<Row> scored = copulaInputs(prepared, plan);
    CopulaScores scores = new CopulaScores(plan.scorers(), plan.names(), plan.epsilon(), seed);
    UserDefinedFunction udaf = functions.udaf(new OrderingAggregator(scores, ordering.positions(),
        ordering.scales(), ordering.categories()), org.apache.spark.sql.Encoders.row(scored.schema()));
    Row row = scored.agg(udaf.apply(allColumns(scored))).first();
    bytes.put("order", (long) ((byte[]) row.get(0)).length);
    return JavaBytes.read((byte[]) row.get(0), CategoryOrdering.class);
  }

  /**
   * Decides kinds from the profile and completes the marginals, with a refine pass where exact counts did not
   * settle them.
   */
  private static void fitColumns(SparkSession spark, LoadedSource source, String where, String table,
      Dataset<Row> frame, List<PreparedColumn> columns, TableFit tableFit, ProfileAggregator.Buffer profile,
      FitConfig fit, Map<String, Double> seconds, Map<String, Long> bytes, String phase) {
    List<ColumnSummary> summaries = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      summaries.add(profile.columns[i].summary());
    }
    RefinePlan plan = tableFit.afterProfile(profile.rows, summaries);
    if (plan.isEmpty()) {
      return;
    }
    timed(seconds, phase, () -> scan(spark, source, where, "fit: " + phase + " " + table + " ("
        + (plan.numeric().size() + plan.text().size()) + " columns)", () -> {
          refine(frame, plan, fit, tableFit, bytes, phase);
          return null;
        }));
    LOG.info("fit phase={} table={} numeric-columns={} categorical-columns={} seconds={}", phase, table,
        plan.numeric().size(), plan.text().size(), seconds.get(phase));
  }

  /**
   * The rules pass (when discovery or label tables are on, or rules are declared): one aggregate of label-pair
   * tables and order, sum and null-pattern counts, then the decisions. Null when there is nothing to look for.
   */
  private static RuleFit findRules(SparkSession spark, LoadedSource source, String where, String table,
      Dataset<Row> prepared, TableFit tableFit, FitConfig fit, FitNotes notes, Map<String, Double> seconds,
      Map<String, Long> bytes) {
    if (!fit.discoverRules() && fit.declaredRules().isEmpty() && !fit.labelTables() && !fit.labelMarginals()) {
      notes.table("rules: discovery, label tables and label marginals are off and no rules are declared");
      return null;
    }
    Set<String> dropped = fit.dropRules().stream().map(t -> RuleSyntax.parse(t).text())
        .collect(Collectors.toSet());
    RuleFinder finder = new RuleFinder(tableFit.ruleColumns(), tableFit.rows(), fit, fit.declaredRules(), dropped,
        fit.discoverRules(), notes);
    RulePlan plan = finder.plan();
    if (plan.isEmpty()) {
      return null;
    }
    RuleCounts counts = timed(seconds, "rules", () -> scan(spark, source, where, "fit: find rules in " + table,
        () -> countRules(prepared, plan, bytes)));
    RuleFit rules = new RuleFit(tableFit, finder.decide(counts), notes);
    LOG.info("fit phase=rules table={} pairs={} orders={} sums={} seconds={}", table, plan.pairs().length,
        plan.orders().length, plan.sums().length, seconds.get("rules"));
    return rules;
  }

  /** The per-label marginal pass: counts per label of each chosen column, then the marginals. */
  private static List<LabelMarginals> fitLabelMarginals(SparkSession spark, LoadedSource source, String where,
      String table, Dataset<Row> prepared, TableFit tableFit, List<LabelMarginalFinder.Choice> choices,
      FitNotes notes, Map<String, Double> seconds, Map<String, Long> bytes) {
    LabelMarginalPlan plan = LabelMarginalFinder.countPlan(choices, tableFit);
    LabelMarginalState state = timed(seconds, "labels", () -> scan(spark, source, where,
        "fit: per-label marginals of " + table + " (" + plan.size() + " columns)", () -> {
          UserDefinedFunction udaf = functions.udaf(new LabelMarginalAggregator(plan),
              org.apache.spark.sql.Encoders.row(prepared.schema()));
          Row row = prepared.agg(udaf.apply(allColumns(prepared))).first();
          bytes.put("labels", (long) ((byte[]) row.get(0)).length);
          return JavaBytes.read((byte[]) row.get(0), LabelMarginalState.class);
        }));
    List<LabelMarginals> found = LabelMarginalFinder.build(choices, plan, state, tableFit, notes);
    LOG.info("fit phase=labels table={} columns={} seconds={}", table, plan.size(), seconds.get("labels"));
    return found;
  }

  /** The word pass: each listed column's word statistics, in order. */
  private static List<WordSummary> countWords(Dataset<Row> prepared, List<Integer> wordColumns,
      Map<String, Long> bytes) {
    UserDefinedFunction udaf = functions.udaf(new WordAggregator(wordColumns.stream().mapToInt(i -> i).toArray()),
        org.apache.spark.sql.Encoders.row(prepared.schema()));
    Row row = prepared.agg(udaf.apply(allColumns(prepared))).first();
    bytes.put("words", (long) ((byte[]) row.get(0)).length);
    WordAggregator.Buffer buffer = JavaBytes.read((byte[]) row.get(0), WordAggregator.Buffer.class);
    List<WordSummary> summaries = new ArrayList<>();
    for (WordState state : buffer.states) {
      summaries.add(state.summary());
    }
    return summaries;
  }

  private static RuleCounts countRules(Dataset<Row> prepared, RulePlan plan, Map<String, Long> bytes) {
    UserDefinedFunction udaf = functions.udaf(new RuleAggregator(plan),
        org.apache.spark.sql.Encoders.row(prepared.schema()));
    Row row = prepared.agg(udaf.apply(allColumns(prepared))).first();
    bytes.put("rules", (long) ((byte[]) row.get(0)).length);
    return JavaBytes.read((byte[]) row.get(0), RuleCounts.class);
  }

  /**
   * The copula passes' input: each row's content hash, then one prepared value per copula column (a column whose
   * presence is in the copula twice), then the plan's extra columns; named by position, so none is ambiguous.
   */
  private static Dataset<Row> copulaInputs(Dataset<Row> prepared, CopulaPlan plan) {
    List<Column> inputs = new ArrayList<>();
    inputs.add(functions.xxhash64(allColumns(prepared)).alias("row_hash"));
    for (int index : plan.columns()) {
      inputs.add(Columns.named(prepared.columns()[index]).alias("input_" + inputs.size()));
    }
    for (int index : plan.extra()) {
      inputs.add(Columns.named(prepared.columns()[index]).alias("input_" + inputs.size()));
    }
    return prepared.select(inputs.toArray(new Column[0]));
  }

  private static PairwiseMoments correlate(Dataset<Row> prepared, CopulaPlan plan, long seed,
      Map<String, Long> bytes) {
    Dataset<Row> scored = copulaInputs(prepared, plan);
    UserDefinedFunction udaf = functions.udaf(new CopulaAggregator(new CopulaScores(plan.scorers(), plan.names(),
        plan.epsilon(), seed)), org.apache.spark.sql.Encoders.row(scored.schema()));
    Row row = scored.agg(udaf.apply(allColumns(scored))).first();
    bytes.put("copula", (long) ((byte[]) row.get(0)).length);
    return JavaBytes.read((byte[]) row.get(0), PairwiseMoments.class);
  }

  /**
   * A Bernoulli sample that is a pure function of each row's values and the seed, unlike Dataset.sample, whose
   * draws depend on the partitioning (SPARK-13380): the same data gives the same sample however it is laid out.
   */
  private static Column sampled(Dataset<Row> prepared, double fraction, long seed) {
    Column[] keyed = new Column[prepared.columns().length + 1];
    keyed[0] = functions.lit(seed);
    System.arraycopy(allColumns(prepared), 0, keyed, 1, keyed.length - 1);
    long buckets = 1L << 40;
    return functions.pmod(functions.xxhash64(keyed), functions.lit(buckets)).lt(functions.lit(fraction * buckets));
  }

  private static Column[] allColumns(Dataset<Row> frame) {
    String[] names = frame.columns();
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = Columns.named(names[i]);
    }
    return columns;
  }

  private static Double[] boxed(double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static <T> T timed(Map<String, Double> seconds, String phase, Supplier<T> work) {
    return PhaseTimer.timed(work, elapsed -> seconds.put(phase, elapsed.hundredths()));
  }

  /**
   * Runs one scan under a job description, turning read failures into one-line input errors, and values an
   * expression cannot process into configuration errors (the where) or input errors (the data).
   */
  private static <T> T scan(SparkSession spark, LoadedSource source, String where, String description,
      Supplier<T> work) {
    spark.sparkContext().setJobDescription(description);
    try {
      return work.get();
    } catch (Exception e) {
      throw Failures.classify(e, where, "source " + source.location(), "source " + source.location());
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }
}
