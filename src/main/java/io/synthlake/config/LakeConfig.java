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
  public LakeConfig {
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
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

  /** One table of the lake: its mode and its single-table job. */
  public record LakeTable(String name, TableMode mode, JobConfig job) {}

  /** One table's section as written in the file (bound before the lake's defaults are checked). */
  record TableSpec(TableMode mode, SourceConfig source, String model, FitConfig fit, GenerateConfig generate,
      OutputConfig output, ValidateConfig validate) {
    JobConfig job() {
      return new JobConfig(source, model, fit, generate, output, validate);
    }
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
      if (table.mode() == TableMode.MASK) {
        problems.add(new ConfigProblem(prefix + "mode", "mode mask is not available yet (it comes with PII "
            + "replacement); use synthesize, copy or skip for table " + table.name()));
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
      if (table.mode() == TableMode.SYNTHESIZE && table.job().model() == null) {
        problems.add(new ConfigProblem(prefix + "model", "table " + table.name() + " has no model path: set "
            + "lake.models or tables." + table.name() + ".model"));
      }
    }
    return problems;
  }
}
