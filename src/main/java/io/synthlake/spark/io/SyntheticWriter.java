package io.synthlake.spark.io;

import io.delta.tables.DeltaTable;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.OutputFormat;
import io.synthlake.config.WriteMode;
import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a synthetic table so that a reader sees either the previous output or the complete new one, never a
 * part. Delta: one transaction (create, replace or append), with properties that say the table is synthetic.
 * Parquet and CSV: the whole table is written into a hidden staging directory beside the target, completed with
 * {@code _SUCCESS} and the manifest, and only then moved into place; a failed or killed job leaves the target as
 * it was (a killed job may leave a hidden staging directory, which readers of the parent ignore).
 */
public final class SyntheticWriter {
  /** Table properties of a synthetic Delta table. */
  public static final String PROPERTY_PREFIX = "synthlake.";
  /** The manifest run mode of a table copied as it is (lake copy mode), not generated. */
  public static final String COPY_RUN = "copy";
  /** The manifest run mode of a source table whose personal data was replaced (lake mask mode). */
  public static final String MASK_RUN = "mask";
  /** The run mode of generate --augment: the source's rows plus synthetic ones, so not a synthetic table. */
  public static final String AUGMENT_RUN = "augment";
  /** Delta's write option for the commit's user metadata: the manifest, in the same commit as the data. */
  private static final String USER_METADATA = "userMetadata";
  /** Commits searched, newest first, for the last synthlake manifest of a Delta table. */
  private static final int HISTORY_SCAN = 100;

  private SyntheticWriter() {}

  /** The output as found before writing. */
  public record Existing(boolean exists, boolean delta, OutputManifest manifest, long rows) {}

  /**
   * What is at the output path, checked against the write mode before any work: an output that exists under
   * mode error, a directory that is not a Delta table when writing Delta (or is one when writing files), and
   * anything that synthlake did not write under mode overwrite or append: a directory without synthlake's
   * manifest, or holding other files beside it, or a Delta table without synthlake's properties. A commit that a
   * killed run left half done at the path is healed first.
   */
  public static Existing inspect(SparkSession spark, OutputConfig output) {
    String location = output.path();
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf(spark));
      Path qualified = fs.makeQualified(path);
      if (qualified.getParent() == null) {
        throw SynthException.output("output %s is the root of its file system: choose a directory below it",
            location);
      }
      for (Path ancestor = qualified.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
        if (fs.exists(new Path(ancestor, OutputManifest.FILE_NAME)) || DeltaPaths.isDeltaTable(fs, ancestor)) {
          throw SynthException.output("output %s lies inside the table %s: a directory inside a table breaks "
              + "its readers; choose a path outside it", location, ancestor);
        }
      }
      FileCommit.heal(fs, path);
      if (!fs.exists(path)) {
        return new Existing(false, false, null, 0);
      }
      boolean delta = DeltaPaths.isDeltaTable(fs, path);
      if (!fs.getFileStatus(path).isDirectory()) {
        throw SynthException.output("output %s is a file, not a directory: choose a directory path", location);
      }
      if (output.mode() == WriteMode.ERROR) {
        throw SynthException.output("output %s already exists: pass --mode overwrite to replace it or --mode append "
            + "to add rows (or set output.mode)", location);
      }
      if (output.format() == OutputFormat.DELTA && !delta && fs.listStatus(path).length > 0) {
        throw SynthException.output("output %s exists and is not a Delta table: remove it or choose another path",
            location);
      }
      if (output.format() != OutputFormat.DELTA && delta) {
        throw SynthException.output("output %s is a Delta table: write it with --format delta, or choose another "
            + "path", location);
      }
      if (delta) {
        Map<String, String> properties = deltaProperties(spark, location);
        if (!properties.containsKey(PROPERTY_PREFIX + "synthetic")) {
          throw SynthException.output("output %s is a Delta table that synthlake did not write (its properties "
              + "have no %ssynthetic): synthlake replaces or appends only to tables it wrote; choose another "
              + "output path, or drop the table yourself if it is meant to be replaced", location, PROPERTY_PREFIX);
        }
        OutputManifest manifest = deltaManifest(spark, location);
        long rows = manifest != null ? manifest.rows()
            : Long.parseLong(properties.getOrDefault(PROPERTY_PREFIX + "rows", "0"));
        return new Existing(true, true, manifest, rows);
      }
      OutputManifest manifest = readManifest(fs, new Path(path, OutputManifest.FILE_NAME));
      FileStatus[] entries = fs.listStatus(path);
      Path root = fs.makeQualified(path);
      if (manifest == null && entries.length > 0) {
        throw SynthException.output("output %s exists and synthlake did not write it: it holds %s and no %s "
            + "manifest; synthlake replaces or appends only to outputs it wrote, so choose another path, or "
            + "remove it yourself if it is meant to be replaced", location, names(root, List.of(entries)),
            OutputManifest.FILE_NAME);
      }
      List<FileStatus> foreign = new java.util.ArrayList<>();
      foreignEntries(fs, entries, foreign);
      if (!foreign.isEmpty()) {
        String them = foreign.size() == 1 ? "it" : "them";
        throw SynthException.output("output %s holds %s, which synthlake did not write: move %s away or choose "
            + "another output path", location, names(root, foreign), them);
      }
      if (output.mode() == WriteMode.APPEND && manifest == null) {
        throw SynthException.output("cannot append to %s: it has no %s, so synthlake did not write it; use --mode "
            + "overwrite or another path", location, OutputManifest.FILE_NAME);
      }
      return new Existing(true, false, manifest, manifest == null ? 0 : manifest.rows());
    } catch (SynthException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SynthException(ExitCode.OUTPUT, "cannot inspect output " + location + ": " + Failures.reason(e), e);
    }
  }

  private static final int FOREIGN_LISTED = 100;

  /** Collects, down through the partition directories, the entries synthlake does not write (the first 100). */
  private static void foreignEntries(FileSystem fs, FileStatus[] entries, List<FileStatus> foreign)
      throws IOException {
    for (FileStatus entry : entries) {
      if (foreign.size() >= FOREIGN_LISTED) {
        return;
      }
      if (!writtenBySynthlake(entry)) {
        foreign.add(entry);
      } else if (entry.isDirectory()) {
        foreignEntries(fs, fs.listStatus(entry.getPath()), foreign);
      }
    }
  }

  /**
   * Whether a directory entry is one that a synthlake file output has: data files ({@code part-*}), partition
   * directories ({@code col=value}), {@code _SUCCESS}, the manifest, checksums and synthlake's hidden temporaries.
   */
  static boolean writtenBySynthlake(FileStatus entry) {
    String name = entry.getPath().getName();
    if (entry.isDirectory()) {
      return name.contains("=") && !name.startsWith(".") && !name.startsWith("_");
    }
    return name.startsWith("part-") || name.equals("_SUCCESS") || name.equals(OutputManifest.FILE_NAME)
        || (name.startsWith(".") && (name.endsWith(".crc") || name.contains("synthlake")));
  }

  /** Up to three entries, by their path below the output, and how many more. */
  private static String names(Path root, List<FileStatus> entries) {
    String prefix = root.toUri().getPath() + "/";
    List<String> names = entries.stream().map(e -> {
      String path = e.getPath().toUri().getPath();
      return (path.startsWith(prefix) ? path.substring(prefix.length()) : e.getPath().getName())
          + (e.isDirectory() ? "/" : "");
    }).sorted().toList();
    String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
    String more = names.size() >= FOREIGN_LISTED ? " and more" : " and " + (names.size() - 3) + " more";
    return names.size() <= 3 ? shown : shown + more;
  }

  /** What complete single-run synthlake output was made from; see {@link #stamp}. */
  public record Stamp(String modelSha256, long seed, long rows, String conditions) {}

  /**
   * The model hash, seed and rows of a complete output written by one synthlake run (the manifest of a Delta
   * table's last synthlake commit, or a file output's manifest beside its _SUCCESS); null for anything else,
   * including appended outputs.
   */
  public static Stamp stamp(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf(spark));
      FileCommit.heal(fs, path);
      if (!fs.exists(path)) {
        return null;
      }
      OutputManifest manifest;
      if (DeltaPaths.isDeltaTable(fs, path)) {
        manifest = deltaManifest(spark, location);
      } else {
        manifest = readManifest(fs, new Path(path, OutputManifest.FILE_NAME));
        if (!fs.exists(new Path(path, "_SUCCESS"))) {
          return null;
        }
      }
      // An appended table's rows are the total of its runs, so they do not match one run's.
      if (manifest == null || manifest.runs().size() != 1) {
        return null;
      }
      OutputManifest.Run run = manifest.runs().get(0);
      return run.modelSha256() == null ? null : new Stamp(run.modelSha256(), run.seed(), manifest.rows(),
          run.conditions());
    } catch (IOException | RuntimeException e) {
      throw new SynthException(ExitCode.OUTPUT, "cannot inspect output " + location + ": " + Failures.reason(e), e);
    }
  }

  /**
   * Heals a file output that a killed run left half committed (see {@link FileCommit}), before it is read;
   * returns what was done, or null.
   */
  public static String heal(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      return FileCommit.heal(path.getFileSystem(conf(spark)), path);
    } catch (IOException | RuntimeException e) {
      throw new SynthException(ExitCode.OUTPUT, "cannot recover the interrupted commit of " + location + ": "
          + Failures.reason(e), e);
    }
  }

  private static Map<String, String> deltaProperties(SparkSession spark, String location) {
    return DeltaTable.forPath(spark, location).detail().select("properties").first().getJavaMap(0);
  }

  /**
   * The manifest of a Delta table's newest synthlake commit (every synthlake commit carries the manifest of the
   * table after it as its user metadata), or null.
   */
  private static OutputManifest deltaManifest(SparkSession spark, String location) {
    List<Row> commits = DeltaTable.forPath(spark, location).history(HISTORY_SCAN).select("version", "userMetadata")
        .collectAsList();
    return commits.stream()
        .sorted(java.util.Comparator.comparingLong((Row r) -> r.getLong(0)).reversed())
        .map(r -> r.isNullAt(1) ? null : parseManifest(r.getString(1)))
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  private static OutputManifest parseManifest(String json) {
    try {
      OutputManifest manifest = OutputManifest.fromJson(json);
      return manifest.tool() == null || manifest.runs() == null || manifest.runs().isEmpty() ? null : manifest;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes the frame; {@code manifest} describes the output after this run (its last run is this one). */
  public static void write(SparkSession spark, Dataset<Row> frame, OutputConfig output, Existing existing,
      OutputManifest manifest) {
    Map<String, String> confs = new LinkedHashMap<>();
    if (output.rowsPerFile() != null) {
      confs.put("spark.sql.files.maxRecordsPerFile", String.valueOf(output.rowsPerFile()));
    }
    if (output.compression() != null && output.format() != OutputFormat.CSV) {
      confs.put("spark.sql.parquet.compression.codec", output.compression());
    }
    if (output.format() == OutputFormat.DELTA) {
      // A create or replace takes its commit's user metadata from the session conf only. Spark expands
      // ${env:...} and ${system:...} in conf values, so no '$' may reach it: JSON spells it as an escape.
      confs.put("spark.databricks.delta.commitInfo.userMetadata",
          manifest.toJson(false).replace("$", "\\u0024"));
      // The table's identifier is parsed as SQL; no ${...} in a path or name may ever be expanded.
      confs.put("spark.sql.variable.substitute", "false");
    }
    withConfs(spark, confs, () -> {
      if (output.format() == OutputFormat.DELTA) {
        writeDelta(spark, frame, output, existing, manifest);
      } else {
        writeFiles(spark, frame, output, existing, manifest);
      }
    });
  }

  /**
   * One Delta transaction through the DataFrame APIs, never SQL text: an append (its manifest in the commit's
   * user metadata), or a create or replace that sets the data, partitioning, description and properties together.
   */
  private static void writeDelta(SparkSession spark, Dataset<Row> frame, OutputConfig output, Existing existing,
      OutputManifest manifest) {
    String location = qualified(spark, output.path());
    try {
      if (existing.exists() && output.mode() == WriteMode.APPEND) {
        frame.write().format("delta").mode(SaveMode.Append).option(USER_METADATA, manifest.toJson(false))
            .save(location);
        return;
      }
      String identifier = "delta.`" + location.replace("`", "``") + "`";
      checkIdentifier(spark, identifier, location);
      DataFrameWriterV2<Row> writer = frame.writeTo(identifier).using("delta");
      for (Map.Entry<String, String> property : properties(manifest).entrySet()) {
        writer = writer.tableProperty(property.getKey(), property.getValue());
      }
      writer = writer.tableProperty("comment", description(manifest));
      if (needsColumnMapping(frame.schema())) {
        // Delta stores names with spaces, ',;{}()=' or newlines only under column mapping (reader 2, writer 5).
        writer = writer.tableProperty("delta.columnMapping.mode", "name")
            .tableProperty("delta.minReaderVersion", "2")
            .tableProperty("delta.minWriterVersion", "5");
      }
      if (!manifest.partitionBy().isEmpty()) {
        Column[] partitions = manifest.partitionBy().stream().map(c -> functions.col(quoted(c)))
            .toArray(Column[]::new);
        writer = writer.partitionedBy(partitions[0], java.util.Arrays.copyOfRange(partitions, 1,
            partitions.length));
      }
      if (existing.exists()) {
        writer.createOrReplace();
      } else {
        writer.create();
      }
    } catch (SynthException e) {
      throw e;
    } catch (Exception e) {
      if (!existing.exists() && String.valueOf(e.getMessage()).contains("already exists")) {
        throw new SynthException(ExitCode.OUTPUT, "output " + output.path() + " appeared while this job ran; "
            + "nothing was written to it", e);
      }
      throw new SynthException(ExitCode.OUTPUT, "writing Delta table " + output.path() + " failed, the table is "
          + "unchanged: " + Failures.reason(e), e);
    }
  }

  /** Delta's column names may not hold these characters unless the table uses column mapping. */
  static boolean needsColumnMapping(StructType schema) {
    for (StructField field : schema.fields()) {
      if (field.name().chars().anyMatch(c -> " ,;{}()\n\t=".indexOf(c) >= 0)) {
        return true;
      }
    }
    return false;
  }

  /** The quoted path must parse back to exactly ["delta", path]: a last guard against a path read as SQL. */
  private static void checkIdentifier(SparkSession spark, String identifier, String location) {
    scala.collection.immutable.Seq<String> parts;
    try {
      parts = spark.sessionState().sqlParser().parseMultipartIdentifier(identifier);
    } catch (Exception e) {
      throw new SynthException(ExitCode.OUTPUT, "output path " + location + " cannot be named as a Delta table: "
          + Failures.reason(e), e);
    }
    List<String> names = scala.jdk.javaapi.CollectionConverters.asJava(parts);
    if (!names.equals(List.of("delta", location))) {
      throw SynthException.output("output path %s does not name itself as a Delta table (parsed as %s): choose "
          + "a plainer path", location, names);
    }
  }

  private static String description(OutputManifest manifest) {
    String mode = manifest.runs().get(manifest.runs().size() - 1).mode();
    return COPY_RUN.equals(mode) ? "Copy of " + manifest.table() + " made by " + manifest.tool()
        + " in a lake refresh (copy mode, for reference tables without personal data)."
        : MASK_RUN.equals(mode) ? "Rows of " + manifest.table() + " with their personal data replaced by fake "
            + "values, made by " + manifest.tool() + " in a lake refresh (mask mode)."
        : AUGMENT_RUN.equals(mode) ? "Source rows of " + manifest.table() + " plus synthetic rows (column "
            + "_synthetic = true), made by " + manifest.tool() + " with generate --augment; it holds source records."
        : "Synthetic data generated by " + manifest.tool() + " from a model of " + manifest.table()
            + "; it holds no source record.";
  }

  /** Delta takes a path as a table name only when it is absolute. */
  private static String qualified(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(conf(spark)).makeQualified(path).toString();
    } catch (IOException e) {
      throw new SynthException(ExitCode.OUTPUT, "cannot resolve output " + location + ": " + Failures.reason(e),
          e);
    }
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static Map<String, String> properties(OutputManifest manifest) {
    OutputManifest.Run run = manifest.runs().get(manifest.runs().size() - 1);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(PROPERTY_PREFIX + "synthetic", String.valueOf(!COPY_RUN.equals(run.mode())
        && !MASK_RUN.equals(run.mode()) && !AUGMENT_RUN.equals(run.mode())));
    properties.put(PROPERTY_PREFIX + "tool", manifest.tool());
    properties.put(PROPERTY_PREFIX + "table", manifest.table());
    properties.put(PROPERTY_PREFIX + "rows", String.valueOf(manifest.rows()));
    properties.put(PROPERTY_PREFIX + "model", run.model());
    if (run.modelSha256() != null) {
      properties.put(PROPERTY_PREFIX + "model-sha256", run.modelSha256());
    }
    properties.put(PROPERTY_PREFIX + "seed", String.valueOf(run.seed()));
    properties.put(PROPERTY_PREFIX + "generated-at", run.startedAt());
    return properties;
  }

  private static void writeFiles(SparkSession spark, Dataset<Row> frame, OutputConfig output, Existing existing,
      OutputManifest manifest) {
    Path target = new Path(output.path());
    if (target.getParent() == null) {
      throw SynthException.output("output %s is the root of its file system: choose a directory below it",
          output.path());
    }
    Path staging = FileCommit.sibling(target, "staging");
    FileSystem fs = null;
    try {
      fs = target.getFileSystem(conf(spark));
      DataFrameWriter<Row> writer = frame.write().format(output.format().configName()).mode(SaveMode.ErrorIfExists);
      if (output.format() == OutputFormat.CSV) {
        writer = writer.option("header", "true");
        if (output.compression() != null) {
          writer = writer.option("compression", output.compression());
        }
      }
      if (!manifest.partitionBy().isEmpty()) {
        writer = writer.partitionBy(manifest.partitionBy().toArray(String[]::new));
      }
      writer.save(staging.toString());
      OutputManifest finished = manifest.finished(Instant.now());
      writeText(fs, new Path(staging, OutputManifest.FILE_NAME), finished.toJson(true));
      commit(fs, staging, target, output.mode(), existing.rows());
    } catch (SynthException e) {
      HiddenFiles.deleteQuietly(fs, staging, true);
      throw e;
    } catch (FileCommit.Interrupted e) {
      // The journal stays beside the output and the staging directory with it: the next run completes the commit.
      throw new SynthException(ExitCode.OUTPUT, "writing " + output.path() + " was interrupted: "
          + Failures.reason(e) + "; the next synthlake command that reads or writes " + output.path()
          + " completes it", e);
    } catch (Exception e) {
      HiddenFiles.deleteQuietly(fs, staging, true);
      throw new SynthException(ExitCode.OUTPUT, "writing " + output.path() + " failed, the output is unchanged: "
          + Failures.reason(e), e);
    }
  }

  /** Moves the complete staging directory into place according to the mode (see {@link FileCommit}). */
  private static void commit(FileSystem fs, Path staging, Path target, WriteMode mode, long rowsBefore)
      throws IOException {
    if (!fs.exists(target)) {
      FileCommit.overwrite(fs, staging, target);
      return;
    }
    if (mode == WriteMode.ERROR) {
      throw SynthException.output("output %s appeared while this job ran; nothing was written to it", target);
    }
    if (mode == WriteMode.OVERWRITE) {
      FileCommit.overwrite(fs, staging, target);
      return;
    }
    FileCommit.append(fs, staging, target, rowsBefore);
  }

  private static OutputManifest readManifest(FileSystem fs, Path path) throws IOException {
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      return OutputManifest.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw SynthException.output("manifest %s is corrupt (%s): remove the output or choose another path", path,
          e.getOriginalMessage());
    }
  }

  private static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Configuration conf(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static void withConfs(SparkSession spark, Map<String, String> confs, Runnable action) {
    Map<String, String> previous = new LinkedHashMap<>();
    confs.forEach((key, value) -> {
      previous.put(key, spark.conf().getOption(key).getOrElse(() -> null));
      spark.conf().set(key, value);
    });
    try {
      action.run();
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          spark.conf().unset(key);
        } else {
          spark.conf().set(key, value);
        }
      });
    }
  }

}
