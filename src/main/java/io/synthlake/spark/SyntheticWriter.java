package io.synthlake.spark;

import io.delta.tables.DeltaTable;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.OutputFormat;
import io.synthlake.config.WriteMode;
import io.synthlake.errors.SynthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

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

  private SyntheticWriter() {}

  /** The output as found before writing. */
  public record Existing(boolean exists, boolean delta, OutputManifest manifest, long rows) {}

  /**
   * What is at the output path, checked against the write mode before any work: an output that exists under
   * mode error, a directory that is not a Delta table when writing Delta (or is one when writing files), or an
   * append to a table synthlake did not write.
   */
  public static Existing inspect(SparkSession spark, OutputConfig output) {
    String location = output.path();
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf(spark));
      if (!fs.exists(path)) {
        return new Existing(false, false, null, 0);
      }
      boolean delta = fs.exists(new Path(path, "_delta_log"));
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
        String rows = DeltaTable.forPath(spark, location).detail().select("properties")
            .first().getJavaMap(0).getOrDefault(PROPERTY_PREFIX + "rows", "0").toString();
        return new Existing(true, true, null, Long.parseLong(rows));
      }
      OutputManifest manifest = readManifest(fs, new Path(path, OutputManifest.FILE_NAME));
      if (output.mode() == WriteMode.APPEND && manifest == null) {
        throw SynthException.output("cannot append to %s: it has no %s, so synthlake did not write it; use --mode "
            + "overwrite or another path", location, OutputManifest.FILE_NAME);
      }
      return new Existing(true, false, manifest, manifest == null ? 0 : manifest.rows());
    } catch (SynthException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw SynthException.output("cannot inspect output %s: %s", location, Failures.reason(e));
    }
  }

  /** What a complete single-run synthlake output was made from; see {@link #stamp}. */
  public record Stamp(String modelSha256, long seed, long rows) {}

  /**
   * The model hash, seed and rows of a complete output written by one synthlake run (a Delta table's properties,
   * or a file output's manifest beside its _SUCCESS); null for anything else, including appended outputs.
   */
  public static Stamp stamp(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf(spark));
      if (!fs.exists(path)) {
        return null;
      }
      if (fs.exists(new Path(path, "_delta_log"))) {
        Map<String, String> properties = DeltaTable.forPath(spark, location).detail().select("properties")
            .first().getJavaMap(0);
        String sha = properties.get(PROPERTY_PREFIX + "model-sha256");
        String seed = properties.get(PROPERTY_PREFIX + "seed");
        String rows = properties.get(PROPERTY_PREFIX + "rows");
        // An appended table's rows are the total of its runs, so they do not match one run's.
        if (sha == null || seed == null || rows == null) {
          return null;
        }
        return new Stamp(sha, Long.parseLong(seed), Long.parseLong(rows));
      }
      OutputManifest manifest = readManifest(fs, new Path(path, OutputManifest.FILE_NAME));
      if (manifest == null || manifest.runs().size() != 1 || !fs.exists(new Path(path, "_SUCCESS"))) {
        return null;
      }
      OutputManifest.Run run = manifest.runs().get(0);
      return run.modelSha256() == null ? null : new Stamp(run.modelSha256(), run.seed(), manifest.rows());
    } catch (IOException | RuntimeException e) {
      throw SynthException.output("cannot inspect output %s: %s", location, Failures.reason(e));
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
      confs.put("spark.databricks.delta.commitInfo.userMetadata", manifest.toJson(false));
    }
    withConfs(spark, confs, () -> {
      if (output.format() == OutputFormat.DELTA) {
        writeDelta(spark, frame, output, existing, manifest);
      } else {
        writeFiles(spark, frame, output, existing, manifest);
      }
    });
  }

  private static void writeDelta(SparkSession spark, Dataset<Row> frame, OutputConfig output, Existing existing,
      OutputManifest manifest) {
    String identifier = "delta.`" + qualified(spark, output.path()).replace("`", "``") + "`";
    String view = "synthlake_" + UUID.randomUUID().toString().replace("-", "");
    try {
      if (existing.exists() && output.mode() == WriteMode.APPEND) {
        frame.write().format("delta").mode(SaveMode.Append).save(output.path());
        spark.sql("ALTER TABLE " + identifier + " SET TBLPROPERTIES (" + sqlProperties(properties(manifest))
            + ")");
        return;
      }
      // One statement, one commit: data, partitioning, description and properties together.
      frame.createOrReplaceTempView(view);
      String partitioning = manifest.partitionBy().isEmpty() ? "" : " PARTITIONED BY ("
          + String.join(", ", manifest.partitionBy().stream().map(SyntheticWriter::quoted).toList()) + ")";
      String mode = manifest.runs().get(manifest.runs().size() - 1).mode();
      String comment = COPY_RUN.equals(mode) ? "Copy of " + manifest.table() + " made by " + manifest.tool()
          + " in a lake refresh (copy mode, for reference tables without personal data)."
          : MASK_RUN.equals(mode) ? "Rows of " + manifest.table() + " with their personal data replaced by fake "
              + "values, made by " + manifest.tool() + " in a lake refresh (mask mode)."
          : "Synthetic data generated by " + manifest.tool() + " from a model of " + manifest.table()
              + "; it holds no source record.";
      spark.sql((existing.exists() ? "CREATE OR REPLACE TABLE " : "CREATE TABLE ") + identifier + " USING delta"
          + partitioning + " COMMENT " + sqlString(comment) + " TBLPROPERTIES ("
          + sqlProperties(properties(manifest)) + ") AS SELECT * FROM " + view);
    } catch (Exception e) {
      if (!existing.exists() && String.valueOf(e.getMessage()).contains("already exists")) {
        throw SynthException.output("output %s appeared while this job ran; nothing was written to it",
            output.path());
      }
      throw SynthException.output("writing Delta table %s failed, the table is unchanged: %s", output.path(),
          Failures.reason(e));
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /** Delta takes a path as a table name only when it is absolute. */
  private static String qualified(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(conf(spark)).makeQualified(path).toString();
    } catch (IOException e) {
      throw SynthException.output("cannot resolve output %s: %s", location, Failures.reason(e));
    }
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Map<String, String> properties(OutputManifest manifest) {
    OutputManifest.Run run = manifest.runs().get(manifest.runs().size() - 1);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(PROPERTY_PREFIX + "synthetic", String.valueOf(!COPY_RUN.equals(run.mode())
        && !MASK_RUN.equals(run.mode())));
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

  private static String sqlProperties(Map<String, String> properties) {
    List<String> pairs = new ArrayList<>();
    properties.forEach((k, v) -> pairs.add(sqlString(k) + " = " + sqlString(v)));
    return String.join(", ", pairs);
  }

  private static void writeFiles(SparkSession spark, Dataset<Row> frame, OutputConfig output, Existing existing,
      OutputManifest manifest) {
    Path target = new Path(output.path());
    Path staging = sibling(target, "staging");
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
      commit(fs, staging, target, output.mode(), existing, finished);
    } catch (SynthException e) {
      deleteQuietly(fs, staging);
      throw e;
    } catch (Exception e) {
      deleteQuietly(fs, staging);
      throw SynthException.output("writing %s failed, the output is unchanged: %s", output.path(),
          Failures.reason(e));
    }
  }

  /** Moves the complete staging directory into place according to the mode. */
  private static void commit(FileSystem fs, Path staging, Path target, WriteMode mode, Existing existing,
      OutputManifest manifest) throws IOException {
    Path parent = target.getParent();
    if (parent != null && !fs.exists(parent)) {
      fs.mkdirs(parent);
    }
    if (!fs.exists(target)) {
      rename(fs, staging, target);
      return;
    }
    if (mode == WriteMode.ERROR) {
      throw SynthException.output("output %s appeared while this job ran; nothing was written to it", target);
    }
    if (mode == WriteMode.OVERWRITE) {
      Path previous = sibling(target, "previous");
      rename(fs, target, previous);
      try {
        rename(fs, staging, target);
      } catch (IOException e) {
        rename(fs, previous, target);
        throw e;
      }
      fs.delete(previous, true);
      return;
    }
    // Append: the data files are complete; moving them is a rename each, then the manifest is replaced.
    moveDataFiles(fs, staging, target);
    Path manifestTemp = new Path(target, "." + OutputManifest.FILE_NAME + ".tmp-" + UUID.randomUUID());
    writeText(fs, manifestTemp, manifest.toJson(true));
    fs.delete(new Path(target, OutputManifest.FILE_NAME), false);
    rename(fs, manifestTemp, new Path(target, OutputManifest.FILE_NAME));
    fs.delete(staging, true);
  }

  private static void moveDataFiles(FileSystem fs, Path staging, Path target) throws IOException {
    String root = fs.makeQualified(staging).toUri().getPath();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(staging, true);
    List<Path> data = new ArrayList<>();
    while (files.hasNext()) {
      Path file = files.next().getPath();
      String name = file.getName();
      if (!name.startsWith("_") && !name.startsWith(".")) {
        data.add(file);
      }
    }
    for (Path file : data) {
      String relative = file.toUri().getPath().substring(root.length() + 1);
      Path destination = new Path(target, relative);
      fs.mkdirs(destination.getParent());
      rename(fs, file, destination);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename of " + from + " to " + to + " failed");
    }
  }

  private static Path sibling(Path target, String purpose) {
    return new Path(target.getParent(), "." + target.getName() + ".synthlake-" + purpose + "-" + UUID.randomUUID());
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

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      if (fs != null) {
        fs.delete(path, true);
      }
    } catch (IOException ignored) {
      // best effort: the staging directory is hidden and holds no part of the target
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
