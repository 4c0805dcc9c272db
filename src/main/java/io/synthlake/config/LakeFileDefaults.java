package io.synthlake.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites a lake file's tables into job-file trees before binding: each table starts from the defaults section,
 * its own sections merged on top, the lake's settings filling what neither sets, and the columns that foreign keys
 * reference fitted as keys. Binding and error reporting stay in {@link ConfigLoader}.
 */
final class LakeFileDefaults {
  private LakeFileDefaults() {}

  /** Each table's job tree, in file order; a table that is not a mapping is kept as it is, for binding to report. */
  static ObjectNode tables(ObjectNode tables, JsonNode defaults, JsonNode lake) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    tables.fields().forEachRemaining(entry -> {
      ObjectNode table = defaults instanceof ObjectNode d ? d.deepCopy() : JsonNodeFactory.instance.objectNode();
      if (entry.getValue() instanceof ObjectNode own) {
        deepMerge(table, own);
        fillLakeDefaults(table, entry.getKey(), lake);
        merged.set(entry.getKey(), table);
      } else {
        merged.set(entry.getKey(), entry.getValue());
      }
    });
    markReferencedKeys(merged);
    return merged;
  }

  /**
   * A column that a foreign key references is a key of its table: it is fitted as an identifier (unique values
   * generated from the row index, which children can reproduce), unless its table says otherwise.
   */
  private static void markReferencedKeys(ObjectNode tables) {
    tables.fields().forEachRemaining(child -> {
      JsonNode keys = child.getValue().path("foreign-keys");
      for (JsonNode key : keys) {
        JsonNode parent = tables.get(key.path("references").path("table").asText(""));
        if (!(parent instanceof ObjectNode parentTable)) {
          continue;
        }
        for (JsonNode column : key.path("references").path("columns")) {
          ObjectNode overrides = section(section(section(parentTable, "fit"), "columns"), column.asText());
          if (!overrides.has("kind")) {
            overrides.put("kind", "identifier");
          }
        }
      }
    });
  }

  /** Copies every key of {@code from} into {@code into}, merging mappings key by key ({@code from} wins). */
  private static void deepMerge(ObjectNode into, ObjectNode from) {
    from.fields().forEachRemaining(entry -> {
      JsonNode existing = into.get(entry.getKey());
      if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
        deepMerge(target, source);
      } else {
        into.set(entry.getKey(), entry.getValue().deepCopy());
      }
    });
  }

  /** A table's model, output path and format, report directory and seed, from the lake's settings when unset. */
  private static void fillLakeDefaults(ObjectNode table, String name, JsonNode lake) {
    if (!table.has("model") && lake.path("models").isTextual()) {
      table.put("model", lake.path("models").asText().replaceAll("/+$", "") + "/" + name + ".model.json");
    }
    ObjectNode output = section(table, "output");
    if (!output.has("path") && lake.path("output").isTextual()) {
      output.put("path", lake.path("output").asText().replaceAll("/+$", "") + "/" + name);
    }
    if (!output.has("format") && lake.has("format")) {
      output.set("format", lake.get("format").deepCopy());
    }
    ObjectNode validate = section(table, "validate");
    if (!validate.has("report") && lake.path("reports").isTextual()) {
      validate.put("report", lake.path("reports").asText().replaceAll("/+$", "") + "/" + name);
    }
    ObjectNode fit = section(table, "fit");
    if (!fit.has("seed") && lake.has("seed")) {
      fit.set("seed", lake.get("seed").deepCopy());
    }
    // A refresh replaces what the last one wrote.
    if (!fit.has("overwrite-model")) {
      fit.put("overwrite-model", true);
    }
    if (!output.has("mode")) {
      output.put("mode", "overwrite");
    }
  }

  /** The table's section, created when absent; a section of the wrong type is left for binding to report. */
  private static ObjectNode section(ObjectNode table, String name) {
    JsonNode node = table.get(name);
    if (node == null) {
      return table.putObject(name);
    }
    return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
  }
}
