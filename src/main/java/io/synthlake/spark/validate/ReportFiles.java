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

  static void write(SparkSession spark, String directory, ValidationReport report) {
    writeText(spark, directory, JSON, toJson(report));
    writeText(spark, directory, HTML, HtmlReport.render(report));
  }

  static void writeText(SparkSession spark, String directory, String name, String text) {
    Path target = new Path(directory, name);
    Path temporary = new Path(directory, "." + name + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // No .crc side files beside a report that people open by hand.
      fs.setWriteChecksum(false);
      fs.mkdirs(new Path(directory));
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(temporary, target)) {
        throw new IOException("rename of " + temporary + " to " + target + " failed");
      }
    } catch (IOException e) {
      throw SynthException.output(e, "cannot write %s in %s: %s", name, directory, e.getMessage());
    }
  }
}
