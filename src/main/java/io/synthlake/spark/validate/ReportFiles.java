package io.synthlake.spark.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.synthlake.errors.SynthException;
import io.synthlake.validate.HtmlReport;
import io.synthlake.validate.ValidationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes report.json and report.html into their directory (any Hadoop file system), each through a temporary
 * file, so a reader never sees half a report.
 */
final class ReportFiles {
  static final String JSON = "report.json";
  static final String HTML = "report.html";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  /** Beside the synthetic table, named after it: out/adult/synthetic-parquet → out/adult/synthetic-parquet-report. */
  static String defaultDirectory(String syntheticPath) {
    String trimmed = syntheticPath.replaceAll("/+$", "");
    return trimmed + "-report";
  }

  static String toJson(ValidationReport report) {
    try {
      return MAPPER.writeValueAsString(report) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the report", e);
    }
  }

  /**
   * Fails before any work when the directory holds a report.json or report.html that synthlake did not write:
   * validate replaces only its own reports.
   */
  static void checkWritable(SparkSession spark, String directory) {
    Path json = new Path(directory, JSON);
    Path html = new Path(directory, HTML);
    try {
      FileSystem fs = json.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path root = new Path(directory);
      if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
        throw SynthException.output("report directory %s is a file: choose a directory path", directory);
      }
      boolean ours = fs.exists(json) && isReport(fs, json);
      if ((fs.exists(json) || fs.exists(html)) && !ours) {
        throw SynthException.output("report directory %s holds a %s that synthlake did not write: validate "
            + "replaces only its own reports; choose another report directory", directory,
            fs.exists(json) ? JSON : HTML);
      }
    } catch (IOException e) {
      throw new SynthException(io.synthlake.errors.ExitCode.OUTPUT, "cannot inspect report directory " + directory
          + ": " + e.getMessage(), e);
    }
  }

  private static boolean isReport(FileSystem fs, Path json) {
    try (java.io.InputStream in = fs.open(json)) {
      com.fasterxml.jackson.databind.JsonNode root = MAPPER.readTree(in);
      return root != null && root.isObject() && root.has("source-rows") && root.has("classic");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static void write(SparkSession spark, String directory, ValidationReport report) {
    writeText(spark, directory, JSON, toJson(report));
    writeText(spark, directory, HTML, HtmlReport.render(report));
  }

  static void writeText(SparkSession spark, String directory, String name, String text) {
    Path target = new Path(directory, name);
    // A name of its own per run: two validates of one table never write into each other's temporary file.
    Path temporary = io.synthlake.spark.io.HiddenFiles.temporary(target, "tmp");
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // No .crc side files beside a report that people open by hand.
      fs.setWriteChecksum(false);
      fs.mkdirs(new Path(directory));
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(temporary, target)) {
        // HDFS and object stores do not rename over a file: the old report goes aside, and only once the new
        // one is in place is it deleted.
        Path previous = io.synthlake.spark.io.HiddenFiles.temporary(target, "previous");
        if (!fs.rename(target, previous)) {
          fs.delete(temporary, false);
          throw new IOException("rename of " + target + " to " + previous + " failed");
        }
        if (!fs.rename(temporary, target)) {
          fs.rename(previous, target);
          fs.delete(temporary, false);
          throw new IOException("rename of " + temporary + " to " + target + " failed");
        }
        fs.delete(previous, false);
      }
    } catch (IOException e) {
      throw SynthException.output(e, "cannot write %s in %s: %s", name, directory, e.getMessage());
    }
  }
}
