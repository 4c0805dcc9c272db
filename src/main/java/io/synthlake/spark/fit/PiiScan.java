package io.synthlake.spark.fit;

import io.synthlake.config.PiiConfig;
import io.synthlake.config.Suggestions;
import io.synthlake.errors.SynthException;
import io.synthlake.pii.PiiColumn;
import io.synthlake.pii.PiiDetector;
import io.synthlake.pii.PiiType;
import io.synthlake.spark.Columns;
import io.synthlake.spark.SparkTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Finds a source's columns of personal data: declared ones, then (unless detection is off) string columns whose
 * name says so, then string columns whose sampled values match a pattern. The patterns are counted in one
 * aggregate over the first {@code pii.sample-rows} rows; only counts reach the driver.
 */
public final class PiiScan {
  private PiiScan() {}

  /**
   * @param table the table's name, which tells whether a bare "name" column is a person's
   * @param modelled columns whose kind the job forces (fit.columns): not detected, only declared
   */
  public static List<PiiColumn> detect(Dataset<Row> frame, String table, PiiConfig config, Set<String> modelled) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField field : frame.schema().fields()) {
      fields.put(field.name(), field);
    }
    List<String> problems = new ArrayList<>();
    Map<String, PiiColumn> found = new LinkedHashMap<>();
    config.columns().forEach((name, type) -> {
      StructField field = fields.get(name);
      if (field == null) {
        problems.add("pii.columns." + name + ": table " + table + " has no column '" + name + "'"
            + Suggestions.hint(name, fields.keySet()));
      } else if (type != PiiType.NONE && !field.dataType().equals(DataTypes.StringType)) {
        problems.add("pii.columns." + name + ": column " + name + " of table " + table + " is "
            + SparkTypes.ddlName(field.dataType()) + "; fake values replace string columns only (cast it to string "
            + "in the source, or declare it none)");
      } else if (type != PiiType.NONE) {
        found.put(name, new PiiColumn(name, type, "declared"));
      }
    });
    if (!problems.isEmpty()) {
      throw SynthException.config("%s", String.join("; ", problems));
    }
    if (!config.detect()) {
      return ordered(fields.keySet(), found);
    }
    List<String> undecided = new ArrayList<>();
    for (StructField field : fields.values()) {
      String name = field.name();
      if (config.columns().containsKey(name) || modelled.contains(name)
          || !field.dataType().equals(DataTypes.StringType)) {
        continue;
      }
      PiiType byName = PiiDetector.byName(table, name);
      if (byName != null) {
        found.put(name, new PiiColumn(name, byName, "its name"));
      } else {
        undecided.add(name);
      }
    }
    if (!undecided.isEmpty()) {
      found.putAll(byValues(frame, undecided, config.sampleRows()));
    }
    return ordered(fields.keySet(), found);
  }

  private static Map<String, PiiColumn> byValues(Dataset<Row> frame, List<String> columns, int sampleRows) {
    List<PiiDetector.ValuePattern> patterns = PiiDetector.VALUE_PATTERNS;
    List<Column> counts = new ArrayList<>();
    for (String name : columns) {
      Column value = Columns.named(name);
      counts.add(functions.count(value));
      for (PiiDetector.ValuePattern pattern : patterns) {
        counts.add(functions.count(functions.when(value.rlike(pattern.regex()), 1)));
      }
    }
    Row row = frame.select(columns.stream().map(Columns::named).toArray(Column[]::new)).limit(sampleRows)
        .agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    Map<String, PiiColumn> found = new LinkedHashMap<>();
    int stride = patterns.size() + 1;
    for (int c = 0; c < columns.size(); c++) {
      long nonNull = row.getLong(c * stride);
      long[] matches = new long[patterns.size()];
      for (int p = 0; p < patterns.size(); p++) {
        matches[p] = row.getLong(c * stride + 1 + p);
      }
      PiiDetector.ValuePattern hit = PiiDetector.byValues(nonNull, matches);
      if (hit != null) {
        long share = Math.round(100.0 * matches[patterns.indexOf(hit)] / nonNull);
        found.put(columns.get(c), new PiiColumn(columns.get(c), hit.type(), String.format(Locale.ROOT,
            "its values (%d%% of %,d sampled look like %s)", share, nonNull, hit.description())));
      }
    }
    return found;
  }

  /** Each column's share of nulls over the whole table, in one aggregate. */
  static Map<String, Double> nullFractions(Dataset<Row> frame, List<PiiColumn> columns) {
    List<Column> counts = new ArrayList<>();
    for (PiiColumn column : columns) {
      counts.add(functions.count(Columns.named(column.column())));
    }
    Row row = frame.agg(functions.count(functions.lit(1)), counts.toArray(new Column[0])).first();
    long rows = row.getLong(0);
    Map<String, Double> fractions = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      fractions.put(columns.get(i).column(), rows == 0 ? 0.0 : 1.0 - (double) row.getLong(i + 1) / rows);
    }
    return fractions;
  }

  private static List<PiiColumn> ordered(Iterable<String> names, Map<String, PiiColumn> found) {
    List<PiiColumn> ordered = new ArrayList<>();
    for (String name : names) {
      if (found.containsKey(name)) {
        ordered.add(found.get(name));
      }
    }
    return ordered;
  }
}
