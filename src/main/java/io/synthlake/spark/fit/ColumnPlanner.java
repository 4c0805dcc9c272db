package io.synthlake.spark.fit;

import io.synthlake.config.ColumnOverride;
import io.synthlake.config.FitConfig;
import io.synthlake.config.Suggestions;
import io.synthlake.config.UnsupportedTypePolicy;
import io.synthlake.errors.SynthException;
import io.synthlake.fit.ColumnSpec;
import io.synthlake.fit.FitNotes;
import io.synthlake.fit.SourceType;
import io.synthlake.model.ColumnKind;
import io.synthlake.spark.SparkTypes;
import io.synthlake.text.SemanticType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a source's schema against the configuration before any scan (unsupported types, overrides naming missing
 * columns or kinds the type cannot take) and lists the columns to model.
 */
final class ColumnPlanner {
  private ColumnPlanner() {}

  static List<PreparedColumn> plan(StructType schema, FitConfig fit, FitNotes notes, String location) {
    Set<String> names = new LinkedHashSet<>();
    for (StructField field : schema.fields()) {
      names.add(field.name());
    }
    List<String> problems = new ArrayList<>();
    for (String overridden : fit.columns().keySet()) {
      if (!names.contains(overridden)) {
        problems.add("fit.columns." + overridden + ": source " + location + " has no column '" + overridden + "'"
            + Suggestions.hint(overridden, names));
      }
    }
    List<PreparedColumn> columns = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (StructField field : schema.fields()) {
      SourceType type = SparkTypes.of(field.dataType());
      String ddl = SparkTypes.ddlName(field.dataType());
      ColumnOverride override = fit.columns().get(field.name());
      if (type == SourceType.UNSUPPORTED) {
        if (override != null) {
          problems.add("fit.columns." + field.name() + ": column '" + field.name() + "' has type " + ddl
              + ", which synthlake cannot model");
        } else if (fit.unsupportedTypes() == UnsupportedTypePolicy.ERROR) {
          unsupported.add(field.name() + " (" + ddl + ")");
        } else {
          notes.column(field.name(), "type %s is not supported (map, array, struct, binary, ...): column left out "
              + "of the model", ddl);
        }
        continue;
      }
      ColumnKind forced = override == null ? null : override.kind();
      ColumnSpec spec = new ColumnSpec(field.name(), ddl, type, SparkTypes.decimalScale(field.dataType()), forced);
      if (forced != null && spec.incompatibility(forced) != null) {
        problems.add("fit.columns." + field.name() + ".kind: " + spec.incompatibility(forced));
        continue;
      }
      if (override != null && override.semantic() != null && override.semantic() != SemanticType.NONE
          && type != SourceType.STRING) {
        problems.add("fit.columns." + field.name() + ".semantic: column '" + field.name() + "' has type " + ddl
            + "; semantic types describe strings");
        continue;
      }
      columns.add(new PreparedColumn(columns.size(), spec));
    }
    if (!problems.isEmpty()) {
      throw SynthException.config("%s", String.join("; ", problems));
    }
    if (!unsupported.isEmpty()) {
      throw SynthException.input("source %s has columns of unsupported types: %s; drop them, or set "
          + "fit.unsupported-types: skip to leave them out", location, String.join(", ", unsupported));
    }
    if (columns.isEmpty()) {
      throw SynthException.input("source %s has no column synthlake can model (schema: %s)", location,
          schema.simpleString());
    }
    return columns;
  }
}
