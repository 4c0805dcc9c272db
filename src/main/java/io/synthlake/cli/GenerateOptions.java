package io.synthlake.cli;

import io.synthlake.config.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of generate, shared with run; each maps to a job-file key (shown in brackets). */
final class GenerateOptions {
  @Option(names = "--rows", paramLabel = "N",
      description = "Rows to generate, at most 10^13 per table. [generate.rows]")
  Long rows;

  @Option(names = "--scale", paramLabel = "F",
      description = "Instead of --rows: a multiple of the source's row count stored in the model, e.g. 0.1 or 100. "
          + "[generate.scale]")
  Double scale;

  @Option(names = "--output", paramLabel = "PATH",
      description = "Output directory (any Hadoop file system). [output.path]")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", description = "parquet (default), delta or csv. [output.format]")
  String format;

  @Option(names = "--partition-by", paramLabel = "C1,C2", split = ",",
      description = "Partition columns (default: the source's, as recorded in the model). [output.partition-by]")
  List<String> partitionBy;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "When the output exists: error (default; nothing is touched), overwrite (replaced atomically) "
          + "or append (row indices continue, so keys stay unique). [output.mode]")
  String mode;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the rows (default: the model's fit seed); the same model, seed and row count give the "
          + "same table on any cluster. [generate.seed]")
  Long seed;

  @Option(names = "--partitions", paramLabel = "P",
      description = "Spark tasks (default: one per million rows, at least the cluster's cores); never changes the "
          + "rows. [generate.partitions]")
  Integer partitions;

  @Option(names = "--rows-per-file", paramLabel = "N",
      description = "Most rows in one output file (default: no limit). [output.rows-per-file]")
  Long rowsPerFile;

  @Option(names = "--compression", paramLabel = "CODEC",
      description = "snappy (Parquet and Delta default), zstd, gzip, ...; none for CSV by default. "
          + "[output.compression]")
  String compression;

  @Option(names = "--where", paramLabel = "CONDITION",
      description = "Generate only rows satisfying CONDITION, e.g. \"income = '>50K' AND age BETWEEN 30 AND 45 AND "
          + "sex IN ('Female')\": =, IN and ranges (BETWEEN, <, <=, >, >=) on label, boolean, number and date "
          + "columns, joined by AND. Exactly the rows asked for are written, drawn from the model's conditional "
          + "distribution. [generate.where]")
  String where;

  @Option(names = "--rebalance", paramLabel = "COLUMN",
      description = "Give every label of COLUMN (label or boolean) an equal share of the rows, the other columns "
          + "drawn given the label. [generate.rebalance]")
  String rebalance;

  @Option(names = "--shares", paramLabel = "COLUMN=LABEL:SHARE,...",
      description = "Set the label shares of one column, e.g. \"is_fraud=true:0.3,false:0.7\" (shares sum to 1; "
          + "unlisted labels get none). [generate.shares]")
  String shares;

  @Option(names = "--augment",
      description = "Write the source's rows (those the fit did not hold out) plus synthetic rows of the labels of "
          + "--rebalance or --shares, enough to reach the target shares without dropping a real row; a boolean "
          + "column _synthetic marks the synthetic rows. Needs the source (--source or the job file). "
          + "[generate.augment]")
  Boolean augment;

  List<ConfigOverride> overrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    if (rows != null) {
      overrides.add(ConfigOverride.of("generate.rows", rows, "--rows"));
      overrides.add(ConfigOverride.of("generate.scale", null, "--rows"));
    }
    if (scale != null) {
      overrides.add(ConfigOverride.of("generate.scale", scale, "--scale"));
      if (rows == null) {
        overrides.add(ConfigOverride.of("generate.rows", null, "--scale"));
      }
    }
    add(overrides, "output.path", output, "--output");
    add(overrides, "output.format", format, "--format");
    add(overrides, "output.partition-by", partitionBy, "--partition-by");
    add(overrides, "output.mode", mode, "--mode");
    add(overrides, "generate.seed", seed, "--seed");
    add(overrides, "generate.partitions", partitions, "--partitions");
    add(overrides, "output.rows-per-file", rowsPerFile, "--rows-per-file");
    add(overrides, "output.compression", compression, "--compression");
    add(overrides, "generate.where", where, "--where");
    add(overrides, "generate.augment", augment, "--augment");
    if (rebalance != null) {
      overrides.add(ConfigOverride.of("generate.rebalance", rebalance, "--rebalance"));
      overrides.add(ConfigOverride.of("generate.shares", null, "--rebalance"));
    }
    if (shares != null) {
      overrides.add(ConfigOverride.of("generate.shares", shares, "--shares"));
      overrides.add(ConfigOverride.of("generate.rebalance", null, "--shares"));
    }
    return overrides;
  }

  static void add(List<ConfigOverride> overrides, String path, Object value, String option) {
    if (value != null) {
      overrides.add(ConfigOverride.of(path, value, option));
    }
  }
}
