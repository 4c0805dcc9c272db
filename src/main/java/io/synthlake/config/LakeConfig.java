package io.synthlake.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lake job file: settings shared by every table, and per table its mode and its job (the same sections as a
 * single-table job file, with the lake's defaults filled in). Tables keep the order of the file.
 *
 * @param lake the shared settings
 * @param tables by name, in file order
 */
public record LakeConfig(LakeSettings lake, Map<String, LakeTable> tables) {
  /**
   * A lake table's name becomes a path segment (its default model, output and report paths) and a label in logs
   * and manifests, so it is an identifier: letters, digits and underscores, then also dots and hyphens. This
   * excludes "", ".", "..", any separator and any ${...}.
   */
  public static final java.util.regex.Pattern TABLE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  public LakeConfig {
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** Why a name cannot name a lake table, if it cannot. */
  public static java.util.Optional<String> tableNameProblem(String name) {
    if (TABLE_NAME.matcher(name).matches() && name.length() <= 128) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("table name '" + name + "' is not an identifier: a lake table's name becomes "
        + "part of its paths, so it must match [A-Za-z0-9_][A-Za-z0-9_.-]* (at most 128 characters); rename "
        + "the table and set its paths explicitly if they differ");
  }

  /**
   * Where each table's files go by default, and the refresh's limits.
   *
   * @param models directory of the models: {@code <models>/<table>.model.json}
   * @param output directory of the synthetic tables: {@code <output>/<table>}
   * @param reports directory of the validation reports: {@code <reports>/<table>}
   * @param format default output format of every table
   * @param seed default fit and generate seed of every table
   * @param copyMaxRows the most rows a copy-mode table may have (copies are for small reference tables)
   */
  public record LakeSettings(String models, String output, String reports, OutputFormat format, Long seed,
      Long copyMaxRows) {
    public static final long DEFAULT_COPY_MAX_ROWS = 1_000_000;

    public LakeSettings {
      copyMaxRows = copyMaxRows == null ? DEFAULT_COPY_MAX_ROWS : copyMaxRows;
    }

    static LakeSettings defaults() {
      return new LakeSettings(null, null, null, null, null, null);
    }
  }

  /** One table of the lake: its mode, its single-table job, and the foreign keys it declares. */
  public record LakeTable(String name, TableMode mode, JobConfig job, List<ForeignKey> foreignKeys) {
    public LakeTable {
      foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
    }
  }

  /**
   * A declared foreign key: these columns of the table hold keys of the referenced table's columns.
   *
   * @param columns the child's columns (one, or several for a composite key)
   * @param references the parent table and its key columns, in the same order
   */
  public record ForeignKey(List<String> columns, Reference references) {}

  /** The parent side of a foreign key. */
  public record Reference(String table, List<String> columns) {}

  /** One table's section as written in the file (bound before the lake's defaults are checked). */
  record TableSpec(TableMode mode, SourceConfig source, String model, FitConfig fit, GenerateConfig generate,
      OutputConfig output, ValidateConfig validate, PiiConfig pii, List<ForeignKey> foreignKeys) {
    JobConfig job() {
      return new JobConfig(source, model, fit, generate, output, validate, pii);
    }
  }

  /**
   * The tables in refresh order: every parent before the tables whose foreign keys point at it, otherwise in the
   * file's order. Assumes no cycle ({@link #problems} reports cycles).
   */
  public List<LakeTable> refreshOrder() {
    List<LakeTable> ordered = new ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    while (ordered.size() < tables.size()) {
      boolean progress = false;
      for (LakeTable table : tables.values()) {
        if (!placed.contains(table.name()) && table.foreignKeys().stream()
            .allMatch(k -> placed.contains(k.references().table()) || !tables.containsKey(k.references().table()))) {
          ordered.add(table);
          placed.add(table.name());
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("foreign keys form a cycle: check problems() first");
      }
    }
    return ordered;
  }

  /** The file as bound: the lake settings and the table sections. */
  record LakeFile(LakeSettings lake, Map<String, TableSpec> tables) {}

  /** Problems of the whole lake: each table's own, under its path, and output paths that two tables share. */
  static List<ConfigProblem> problems(Map<String, LakeTable> tables, LakeSettings lake) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (lake.copyMaxRows() < 0) {
      problems.add(new ConfigProblem("lake.copy-max-rows", "copy-max-rows must be 0 or more, got "
          + lake.copyMaxRows()));
    }
    Map<String, String> outputs = new HashMap<>();
    for (LakeTable table : tables.values()) {
      String prefix = "tables." + table.name() + ".";
      if (table.mode() == TableMode.SKIP) {
        continue;
      }
      for (ConfigProblem problem : table.job().problems()) {
        problems.add(new ConfigProblem(prefix + problem.path(), "table " + table.name() + ": "
            + problem.message()));
      }
      String output = table.job().output().path();
      if (output == null) {
        problems.add(new ConfigProblem(prefix + "output.path", "table " + table.name() + " has no output path: "
            + "set lake.output or tables." + table.name() + ".output.path"));
      } else {
        String normalised = output.replaceAll("/+$", "");
        String other = outputs.putIfAbsent(normalised, table.name());
        if (other != null) {
          problems.add(new ConfigProblem(prefix + "output.path", "tables " + other + " and " + table.name()
              + " both write to " + normalised + ": give each table its own output path"));
        }
      }
      foreignKeyProblems(table, tables, prefix, problems);
      if (table.job().generate().augments()) {
        // An augmented table holds the source's real rows: a lake refresh never writes those.
        problems.add(new ConfigProblem(prefix + "generate.augment", "table " + table.name() + ": generate.augment "
            + "writes the source's real rows, which a lake refresh never copies; augment with synth generate "
            + "--augment, next to production"));
      }
      if (table.mode() == TableMode.SYNTHESIZE && table.job().model() == null) {
        problems.add(new ConfigProblem(prefix + "model", "table " + table.name() + " has no model path: set "
            + "lake.models or tables." + table.name() + ".model"));
      }
    }
    cycle(tables).ifPresent(cycle -> problems.add(new ConfigProblem("tables." + cycle.get(0) + ".foreign-keys",
        "foreign keys form a cycle: " + String.join(" -> ", cycle) + "; a lake is refreshed parents first, so "
            + "break the cycle (declare one of these keys on no table)")));
    return problems;
  }

  private static void foreignKeyProblems(LakeTable table, Map<String, LakeTable> tables, String prefix,
      List<ConfigProblem> problems) {
    for (int k = 0; k < table.foreignKeys().size(); k++) {
      ForeignKey key = table.foreignKeys().get(k);
      String where = prefix + "foreign-keys[" + k + "]";
      String what = "table " + table.name() + ", foreign key " + (k + 1);
      if (key.columns() == null || key.columns().isEmpty() || key.references() == null
          || key.references().table() == null || key.references().columns() == null) {
        problems.add(new ConfigProblem(where, what + ": needs columns and references (table and columns)"));
        continue;
      }
      if (key.columns().size() != key.references().columns().size()) {
        problems.add(new ConfigProblem(where, what + ": " + key.columns().size() + " columns reference "
            + key.references().columns().size() + " columns of " + key.references().table()
            + "; name as many on each side"));
      }
      LakeTable parent = tables.get(key.references().table());
      if (parent == null) {
        problems.add(new ConfigProblem(where, what + ": references table '" + key.references().table()
            + "', which the lake file does not have" + Suggestions.hint(key.references().table(), tables.keySet())));
      } else if (parent.name().equals(table.name())) {
        problems.add(new ConfigProblem(where, what + ": a table cannot reference itself"));
      } else if (table.mode() == TableMode.SYNTHESIZE && parent.mode() != TableMode.SYNTHESIZE) {
        problems.add(new ConfigProblem(where, what + ": references table " + parent.name() + " in mode "
            + parent.mode().configName() + "; a synthesized table's foreign key needs a synthesized parent, whose "
            + "keys it can draw"));
      } else if (table.mode() != TableMode.SYNTHESIZE && parent.mode() == TableMode.SYNTHESIZE) {
        problems.add(new ConfigProblem(where, what + ": table " + table.name() + " in mode "
            + table.mode().configName() + " keeps its source keys, which the synthesized " + parent.name()
            + " does not have; synthesize " + table.name() + " too, or mask or copy " + parent.name()));
      }
    }
  }

  /** A cycle of foreign keys among the tables, as table names from and back to its first, if there is one. */
  private static java.util.Optional<List<String>> cycle(Map<String, LakeTable> tables) {
    Map<String, Integer> state = new HashMap<>();
    for (String start : tables.keySet()) {
      List<String> path = new ArrayList<>();
      java.util.Optional<List<String>> found = visit(start, tables, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return java.util.Optional.empty();
  }

  /** Depth-first: state 1 = on the current path, 2 = done. */
  private static java.util.Optional<List<String>> visit(String name, Map<String, LakeTable> tables,
      Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2) {
      return java.util.Optional.empty();
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      return java.util.Optional.of(cycle);
    }
    LakeTable table = tables.get(name);
    if (table == null) {
      return java.util.Optional.empty();
    }
    state.put(name, 1);
    path.add(name);
    for (ForeignKey key : table.foreignKeys()) {
      if (key.references() != null && key.references().table() != null
          && !key.references().table().equals(name)) {
        java.util.Optional<List<String>> found = visit(key.references().table(), tables, state, path);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
    return java.util.Optional.empty();
  }
}
