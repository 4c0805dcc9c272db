package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.errors.SynthException;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.SparkTypes;
import io.synthlake.validate.Sdtype;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Which columns validate scores, and how: from an SDV metadata file when one is given (SDMetrics users have one),
 * else from the model's column kinds (what fit decided), else from the Spark types, where a string column that is
 * more than 90% distinct counts as text and is not scored (SDMetrics ignores ids and text too).
 */
final class ColumnRoles {
  private static final double TEXT_DISTINCT_SHARE = 0.9;

  private ColumnRoles() {}

  static List<ScoredColumn> resolve(SparkSession spark, Dataset<Row> real, SynthModel model, String metadata,
      String table) {
    Map<String, Sdtype> sdtypes = metadata != null ? fromMetadata(spark, metadata)
        : model != null ? fromModel(model) : fromData(real);
    List<ScoredColumn> scored = new ArrayList<>();
    for (StructField field : real.schema().fields()) {
      Sdtype sdtype = sdtypes.getOrDefault(field.name(), Sdtype.OTHER);
      if (sdtype.scored()) {
        scored.add(new ScoredColumn(field.name(), sdtype, field.dataType()));
      }
    }
    if (metadata != null) {
      List<String> unknown = sdtypes.keySet().stream()
          .filter(name -> !List.of(real.schema().fieldNames()).contains(name)).toList();
      if (!unknown.isEmpty()) {
        throw SynthException.input("metadata %s names columns that table %s does not have: %s", metadata, table,
            String.join(", ", unknown));
      }
    }
    return scored;
  }

  private static Map<String, Sdtype> fromModel(SynthModel model) {
    Map<String, Sdtype> sdtypes = new LinkedHashMap<>();
    for (ColumnModel column : model.columns()) {
      sdtypes.put(column.name(), Sdtype.ofModel(column));
    }
    return sdtypes;
  }

  private static Map<String, Sdtype> fromData(Dataset<Row> real) {
    Map<String, Sdtype> sdtypes = new LinkedHashMap<>();
    List<String> strings = new ArrayList<>();
    for (StructField field : real.schema().fields()) {
      Sdtype sdtype = Sdtype.ofSparkType(SparkTypes.ddlName(field.dataType()));
      sdtypes.put(field.name(), sdtype);
      if (sdtype == Sdtype.CATEGORICAL) {
        strings.add(field.name());
      }
    }
    if (!strings.isEmpty()) {
      List<Column> aggregates = new ArrayList<>();
      for (String name : strings) {
        Column c = real.col(io.synthlake.spark.Columns.quoted(name));
        aggregates.add(approx_count_distinct(c));
        aggregates.add(count(c));
      }
      Row row = real.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
          .first();
      for (int i = 0; i < strings.size(); i++) {
        long distinct = row.getLong(2 * i);
        long values = row.getLong(2 * i + 1);
        if (values > 0 && distinct > TEXT_DISTINCT_SHARE * values) {
          sdtypes.put(strings.get(i), Sdtype.OTHER);
        }
      }
    }
    return sdtypes;
  }

  /** SDV single-table metadata: {"columns": {name: {"sdtype": ...}}}, or {"tables": {t: {"columns": ...}}}. */
  private static Map<String, Sdtype> fromMetadata(SparkSession spark, String location) {
    JsonNode root;
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw SynthException.input("metadata %s does not exist", location);
      }
      try (InputStream in = fs.open(path)) {
        root = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw SynthException.input(e, "metadata %s is not readable JSON: %s", location, e.getMessage());
    }
    JsonNode columns = root.path("columns");
    if (columns.isMissingNode() && root.path("tables").size() == 1) {
      columns = root.path("tables").elements().next().path("columns");
    }
    if (!columns.isObject()) {
      throw SynthException.input("metadata %s has no \"columns\" object (SDV single-table metadata expected)",
          location);
    }
    Map<String, Sdtype> sdtypes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      sdtypes.put(entry.getKey(), Sdtype.ofMetadata(entry.getValue().path("sdtype").asText(null)));
    }
    return sdtypes;
  }
}
