package io.synthlake.spark.validate;

import io.synthlake.errors.SynthException;
import io.synthlake.model.Holdout;
import io.synthlake.spark.Columns;
import io.synthlake.spark.io.Holdouts;
import io.synthlake.validate.MlUtility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * ML utility with Spark MLlib: each model is trained on the real training rows (TRTR) and on the synthetic rows
 * (TSTR) and tested on the real rows the fit held out. Features are the other scored columns: numbers (nulls
 * imputed with the training median) and labels (indexed; one-hot for the linear models; unseen labels get their
 * own index). Labels of the target are indexed on the real training rows, in alphabetical order, for both.
 */
final class MlUtilityScan {
  /** A label feature with more distinct values is left out: trees would need as many bins. */
  static final int MAX_FEATURE_LABELS = 128;
  static final long SEED = 20_261_129L;
  /** Targets with more labels are refused: per-label models and measures would cost more than they tell. */
  static final int MAX_CLASSES = 50;
  private static final String LABEL = "__label";
  private static final String FEATURES = "__features";

  private MlUtilityScan() {}

  static MlUtility measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns, String target,
      Holdout holdout, Map<String, Map<String, Long>> realFrequencies, TableProfile realProfile,
      TableProfile syntheticProfile, int minCount, boolean augmented) {
    ScoredColumn targetColumn = columns.stream().filter(c -> c.name().equals(target)).findFirst().orElseThrow();
    boolean classification = targetColumn.sdtype().discrete();
    List<ScoredColumn> numericColumns = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (ScoredColumn column : columns) {
      if (column.name().equals(target)) {
        continue;
      }
      if (!column.sdtype().discrete()) {
        // The Imputer has nothing to impute from in a column with no value.
        if (realProfile.column(column.name()).values() > 0 && syntheticProfile.column(column.name()).values() > 0) {
          numericColumns.add(column);
        }
      } else if (realFrequencies.getOrDefault(column.name(), Map.of()).size() <= MAX_FEATURE_LABELS) {
        labels.add(column.name());
      }
    }
    List<String> numeric = numericColumns.stream().map(ScoredColumn::name).toList();
    Column held = Holdouts.held(holdout);
    Prepared prepared = new Prepared(targetColumn, classification, numericColumns, labels, realFrequencies);
    Dataset<Row> training = prepared.apply(real.where(functions.not(held))).cache();
    Dataset<Row> test = prepared.apply(real.where(held)).cache();
    Dataset<Row> syntheticRows = prepared.apply(synthetic).cache();
    long trainingRows;
    long syntheticCount;
    long testRows;
    try {
      List<String> features = new ArrayList<>(numeric);
      features.addAll(labels);
      List<MlUtility.ModelResult> models = new ArrayList<>();
      String minority = null;
      if (classification) {
        StringIndexerModel labelIndex = new StringIndexer().setInputCol(target).setOutputCol(LABEL)
            .setStringOrderType("alphabetAsc").setHandleInvalid("skip").fit(training);
        String[] classes = labelIndex.labelsArray()[0];
        if (classes.length < 2) {
          throw SynthException.input("validate.target %s: the real training rows hold %s: there is nothing to "
              + "tell apart", target, classes.length == 0 ? "no value" : "a single label");
        }
        if (classes.length > MAX_CLASSES) {
          throw SynthException.input("validate.target %s has %d labels in the real training rows; ML utility "
              + "predicts at most %d", target, classes.length, MAX_CLASSES);
        }
        boolean binary = classes.length == 2;
        Dataset<Row> train = labelIndex.transform(training);
        Dataset<Row> synth = labelIndex.transform(syntheticRows);
        Dataset<Row> tested = labelIndex.transform(test);
        trainingRows = train.count();
        syntheticCount = synth.count();
        testRows = tested.count();
        requireRows(target, testRows, syntheticCount);
        // Recall is reported for the labels seen at least min-count times: a rarer label is never named.
        Map<String, Long> counts = realFrequencies.getOrDefault(target, Map.of());
        String[] named = new String[classes.length];
        for (int c = 0; c < classes.length; c++) {
          named[c] = counts.getOrDefault(classes[c], 0L) >= minCount ? classes[c] : null;
        }
        classes = named;
        for (String label : named) {
          if (label != null && (minority == null || counts.get(label) < counts.get(minority))) {
            minority = label;
          }
        }
        models.add(classify("logistic-regression", new LogisticRegression().setMaxIter(100)
            .setFeaturesCol(FEATURES).setLabelCol(LABEL), true, numeric, labels, train, synth, tested, classes));
        PipelineStage trees = binary
            ? new GBTClassifier().setMaxIter(30).setMaxDepth(5).setMaxBins(MAX_FEATURE_LABELS + 2).setSeed(SEED)
                .setFeaturesCol(FEATURES).setLabelCol(LABEL)
            : new RandomForestClassifier().setNumTrees(50).setMaxDepth(8).setMaxBins(MAX_FEATURE_LABELS + 2)
                .setSeed(SEED).setFeaturesCol(FEATURES).setLabelCol(LABEL);
        models.add(classify(binary ? "gradient-boosted-trees" : "random-forest", trees, false, numeric, labels,
            train, synth, tested, classes));
      } else {
        Dataset<Row> train = training.withColumn(LABEL, Columns.named(target));
        Dataset<Row> synth = syntheticRows.withColumn(LABEL, Columns.named(target));
        Dataset<Row> tested = test.withColumn(LABEL, Columns.named(target));
        trainingRows = train.count();
        syntheticCount = synth.count();
        testRows = tested.count();
        requireRows(target, testRows, syntheticCount);
        models.add(regress("linear-regression", new LinearRegression().setMaxIter(100).setFeaturesCol(FEATURES)
            .setLabelCol(LABEL), true, numeric, labels, train, synth, tested));
        models.add(regress("gradient-boosted-trees", new GBTRegressor().setMaxIter(30).setMaxDepth(5)
            .setMaxBins(MAX_FEATURE_LABELS + 2).setSeed(SEED).setFeaturesCol(FEATURES).setLabelCol(LABEL), false,
            numeric, labels, train, synth, tested));
      }
      return MlUtility.of(target, classification ? "classification" : "regression", trainingRows, syntheticCount,
          testRows, features, models, minority, augmented);
    } finally {
      training.unpersist();
      test.unpersist();
      syntheticRows.unpersist();
    }
  }

  private static void requireRows(String target, long testRows, long syntheticRows) {
    if (testRows == 0 || syntheticRows == 0) {
      throw SynthException.input("validate.target %s: no %s row has a value the real training rows know; nothing "
          + "to %s", target, testRows == 0 ? "held-out" : "synthetic", testRows == 0 ? "test on" : "train on");
    }
  }

  /**
   * The target (rows where it is null or NaN are dropped) and the features as the metrics see them: numbers, dates
   * and timestamps as doubles (ScoredColumn's value), labels as strings, those the real table lacks as one
   * "(other)" label (made-up labels would otherwise outgrow the trees' bins).
   */
  private record Prepared(ScoredColumn target, boolean classification, List<ScoredColumn> numeric,
      List<String> labels, Map<String, Map<String, Long>> realFrequencies) {
    Dataset<Row> apply(Dataset<Row> frame) {
      List<Column> selected = new ArrayList<>();
      selected.add(classification ? Columns.named(target.name()).cast("string").alias(target.name())
          : target.value().alias(target.name()));
      numeric.forEach(c -> selected.add(c.value().alias(c.name())));
      for (String label : labels) {
        Column value = functions.coalesce(Columns.named(label).cast("string"), functions.lit("(null)"));
        Object[] known = realFrequencies.getOrDefault(label, Map.of()).keySet().toArray();
        selected.add(functions.when(value.isin(known).or(value.equalTo("(null)")), value)
            .otherwise(functions.lit("(other)")).alias(label));
      }
      Column present = Columns.named(target.name()).isNotNull();
      if (!classification) {
        present = present.and(functions.not(functions.isnan(Columns.named(target.name()))));
      }
      return frame.select(selected.toArray(new Column[0])).where(present);
    }
  }

  /** Imputation, label indexing (and one-hot for linear models), assembly, then the model. */
  private static Pipeline pipeline(PipelineStage model, boolean linear, List<String> numeric, List<String> labels) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(c -> c + "__imputed").toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median").setInputCols(numeric.toArray(new String[0]))
          .setOutputCols(imputed));
      inputs.addAll(List.of(imputed));
    }
    if (!labels.isEmpty()) {
      String[] indexed = labels.stream().map(c -> c + "__index").toArray(String[]::new);
      stages.add(new StringIndexer().setInputCols(labels.toArray(new String[0])).setOutputCols(indexed)
          .setHandleInvalid("keep"));
      if (linear) {
        String[] encoded = labels.stream().map(c -> c + "__onehot").toArray(String[]::new);
        stages.add(new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"));
        inputs.addAll(List.of(encoded));
      } else {
        inputs.addAll(List.of(indexed));
      }
    }
    stages.add(new VectorAssembler().setInputCols(inputs.toArray(new String[0])).setOutputCol(FEATURES)
        .setHandleInvalid("keep"));
    stages.add(model);
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  private static MlUtility.ModelResult classify(String name, PipelineStage model, boolean linear,
      List<String> numeric, List<String> labels, Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> test,
      String[] classes) {
    Map<String, Double> real = classification(pipeline(model, linear, numeric, labels).fit(train), test, classes);
    Map<String, Double> synth = classification(pipeline(model, linear, numeric, labels).fit(synthetic), test,
        classes);
    return MlUtility.ModelResult.of(name, classes.length == 2 ? "auc" : "f1", real, synth);
  }

  private static Map<String, Double> classification(PipelineModel fitted, Dataset<Row> test, String[] classes) {
    Dataset<Row> predicted = fitted.transform(test).cache();
    try {
      Map<String, Double> measures = new LinkedHashMap<>();
      if (classes.length == 2) {
        measures.put("auc", new BinaryClassificationEvaluator().setLabelCol(LABEL)
            .setRawPredictionCol("rawPrediction").setMetricName("areaUnderROC").evaluate(predicted));
      }
      MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setLabelCol(LABEL)
          .setPredictionCol("prediction");
      measures.put("f1", evaluator.setMetricName("f1").evaluate(predicted));
      measures.put("accuracy", evaluator.setMetricName("accuracy").evaluate(predicted));
      for (int c = 0; c < classes.length; c++) {
        if (classes[c] != null) {
          measures.put("recall:" + classes[c], evaluator.setMetricName("recallByLabel").setMetricLabel(c)
              .evaluate(predicted));
        }
      }
      return measures;
    } finally {
      predicted.unpersist();
    }
  }

  private static MlUtility.ModelResult regress(String name, PipelineStage model, boolean linear,
      List<String> numeric, List<String> labels, Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> test) {
    Map<String, Double> real = regression(pipeline(model, linear, numeric, labels).fit(train), test);
    Map<String, Double> synth = regression(pipeline(model, linear, numeric, labels).fit(synthetic), test);
    return MlUtility.ModelResult.of(name, "r2", real, synth);
  }

  private static Map<String, Double> regression(PipelineModel fitted, Dataset<Row> test) {
    Dataset<Row> predicted = fitted.transform(test);
    RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol(LABEL).setPredictionCol("prediction");
    Map<String, Double> measures = new LinkedHashMap<>();
    measures.put("r2", evaluator.setMetricName("r2").evaluate(predicted));
    measures.put("rmse", evaluator.setMetricName("rmse").evaluate(predicted));
    return measures;
  }
}
