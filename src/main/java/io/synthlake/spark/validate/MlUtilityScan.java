package io.synthlake.spark.validate;

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
  private static final String LABEL = "__label";
  private static final String FEATURES = "__features";

  private MlUtilityScan() {}

  static MlUtility measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns, String target,
      Holdout holdout, Map<String, Map<String, Long>> realFrequencies) {
    ScoredColumn targetColumn = columns.stream().filter(c -> c.name().equals(target)).findFirst().orElseThrow();
    boolean classification = targetColumn.sdtype().discrete();
    List<String> numeric = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (ScoredColumn column : columns) {
      if (column.name().equals(target)) {
        continue;
      }
      if (!column.sdtype().discrete()) {
        numeric.add(column.name());
      } else if (realFrequencies.getOrDefault(column.name(), Map.of()).size() <= MAX_FEATURE_LABELS) {
        labels.add(column.name());
      }
    }
    Column held = Holdouts.held(holdout);
    Dataset<Row> training = prepare(real.where(functions.not(held)), target, classification, numeric, labels)
        .cache();
    Dataset<Row> test = prepare(real.where(held), target, classification, numeric, labels).cache();
    Dataset<Row> syntheticRows = prepare(synthetic, target, classification, numeric, labels).cache();
    try {
      List<String> features = new ArrayList<>(numeric);
      features.addAll(labels);
      List<MlUtility.ModelResult> models = new ArrayList<>();
      if (classification) {
        StringIndexerModel labelIndex = new StringIndexer().setInputCol(target).setOutputCol(LABEL)
            .setStringOrderType("alphabetAsc").setHandleInvalid("skip").fit(training);
        String[] classes = labelIndex.labelsArray()[0];
        boolean binary = classes.length == 2;
        Dataset<Row> train = labelIndex.transform(training);
        Dataset<Row> synth = labelIndex.transform(syntheticRows);
        Dataset<Row> tested = labelIndex.transform(test);
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
        Dataset<Row> train = training.withColumn(LABEL, Columns.named(target).cast("double"));
        Dataset<Row> synth = syntheticRows.withColumn(LABEL, Columns.named(target).cast("double"));
        Dataset<Row> tested = test.withColumn(LABEL, Columns.named(target).cast("double"));
        models.add(regress("linear-regression", new LinearRegression().setMaxIter(100).setFeaturesCol(FEATURES)
            .setLabelCol(LABEL), true, numeric, labels, train, synth, tested));
        models.add(regress("gradient-boosted-trees", new GBTRegressor().setMaxIter(30).setMaxDepth(5)
            .setMaxBins(MAX_FEATURE_LABELS + 2).setSeed(SEED).setFeaturesCol(FEATURES).setLabelCol(LABEL), false,
            numeric, labels, train, synth, tested));
      }
      return MlUtility.of(target, classification ? "classification" : "regression", training.count(),
          syntheticRows.count(), test.count(), features, models);
    } finally {
      training.unpersist();
      test.unpersist();
      syntheticRows.unpersist();
    }
  }

  /** The target (rows where it is null are dropped) and the features: numbers as doubles, labels as strings. */
  private static Dataset<Row> prepare(Dataset<Row> frame, String target, boolean classification,
      List<String> numeric, List<String> labels) {
    List<Column> selected = new ArrayList<>();
    selected.add(classification ? Columns.named(target).cast("string").alias(target)
        : Columns.named(target).cast("double").alias(target));
    numeric.forEach(c -> selected.add(Columns.named(c).cast("double").alias(c)));
    labels.forEach(c -> selected.add(functions.coalesce(Columns.named(c).cast("string"), functions.lit("(null)"))
        .alias(c)));
    return frame.select(selected.toArray(new Column[0])).where(Columns.named(target).isNotNull());
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
        measures.put("recall:" + classes[c], evaluator.setMetricName("recallByLabel").setMetricLabel(c)
            .evaluate(predicted));
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
