package io.synthlake.spark.lake;

import io.synthlake.config.LakeConfig.ForeignKey;
import io.synthlake.config.LakeConfig.LakeTable;
import io.synthlake.errors.SynthException;
import io.synthlake.model.FanOut;
import io.synthlake.model.ForeignKeyMarginal;
import io.synthlake.model.ForeignKeys;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.Columns;
import io.synthlake.spark.Failures;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.spark.io.SourceReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * After a child table's fit: each declared foreign key's spread of children over parents, counted on the cluster
 * (children per referenced parent, then parents per count: a histogram as small as the distinct counts), and the
 * key columns turned into foreign keys in the model. Child values that no parent holds are left out of the
 * spread; parents without children come from the parent model's row count.
 */
final class ForeignKeyFit {
  /** Knots of the fan-out curve at most; each covers at least the fit's minimum count of parents. */
  private static final int KNOTS = 64;

  private ForeignKeyFit() {}

  static SynthModel apply(SparkSession spark, LakeTable child, SynthModel model, Map<String, LakeTable> tables) {
    Map<String, ForeignKeyMarginal> marginals = new LinkedHashMap<>();
    Dataset<Row> children = SourceReader.load(spark, child.job().source()).frame();
    // Several keys may reference one parent (origin and destination): its source and model are read once.
    Map<String, Dataset<Row>> parentSources = new HashMap<>();
    Map<String, SynthModel> parentModels = new HashMap<>();
    for (ForeignKey key : child.foreignKeys()) {
      LakeTable parent = tables.get(key.references().table());
      Dataset<Row> parents = parentSources.computeIfAbsent(parent.name(),
          name -> SourceReader.load(spark, parent.job().source()).frame());
      requireColumns(children, key.columns(), child.name());
      requireColumns(parents, key.references().columns(), parent.name());
      SynthModel parentModel = parentModels.computeIfAbsent(parent.name(),
          name -> Failures.readingModel(parent.job().model(),
              () -> ModelStore.read(spark.sparkContext().hadoopConfiguration(), parent.job().model())));
      int width = key.columns().size();
      Column[] childKeys = new Column[width];
      Column[] parentKeys = new Column[width];
      Column present = functions.lit(true);
      String[] names = new String[width];
      for (int i = 0; i < width; i++) {
        names[i] = "k" + i;
        childKeys[i] = Columns.named(key.columns().get(i)).as(names[i]);
        parentKeys[i] = Columns.named(key.references().columns().get(i)).cast(children.schema()
            .apply(key.columns().get(i)).dataType()).as(names[i]);
        present = present.and(Columns.named(key.columns().get(i)).isNotNull());
      }
      Dataset<Row> resolved = children.where(present).select(childKeys)
          .join(parents.select(parentKeys).distinct(), scala.jdk.javaapi.CollectionConverters.asScala(
              List.of(names)).toSeq(), "left_semi");
      Map<Long, Long> parentsByChildren = new HashMap<>();
      for (Row row : resolved.groupBy(names[0], java.util.Arrays.copyOfRange(names, 1, width)).count()
          .groupBy("count").count().collectAsList()) {
        parentsByChildren.put(row.getLong(0), row.getLong(1));
      }
      if (parentsByChildren.isEmpty()) {
        throw SynthException.input("table %s: no value of foreign key %s is a key of %s (%s): check the "
            + "declaration", child.name(), key.columns(), parent.name(), key.references().columns());
      }
      int minGroup = model.fit() == null ? 5 : model.fit().minCategoryCount();
      long referenced = parentsByChildren.values().stream().mapToLong(Long::longValue).sum();
      // A parent model fitted on a sample estimates its rows; it never has fewer than the children reference.
      FanOut fanOut = FanOut.of(parentsByChildren, Math.max(parentModel.source().rowCount(), referenced), KNOTS,
          minGroup);
      for (int i = 0; i < width; i++) {
        marginals.put(key.columns().get(i), new ForeignKeyMarginal(parent.name(),
            key.references().columns().get(i), String.join(",", key.columns()), fanOut));
      }
    }
    return ForeignKeys.apply(model, marginals);
  }

  private static void requireColumns(Dataset<Row> frame, List<String> columns, String table) {
    List<String> known = List.of(frame.columns());
    for (String column : columns) {
      if (!known.contains(column)) {
        throw SynthException.config("table %s has no column '%s' for its foreign key%s", table, column,
            io.synthlake.config.Suggestions.hint(column, known));
      }
    }
  }
}
