package io.synthlake.spark.validate;

import io.synthlake.config.OutputFormat;
import io.synthlake.errors.SynthException;
import io.synthlake.validate.ClosestRecordSummary;
import io.synthlake.validate.ValidationReport;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Appends one row per validate run to a score table (Delta by default, or Parquet) for dashboards: when, which
 * table, the headline scores and privacy figures, and whether every gate passed. Column names are snake_case so
 * that SQL reads them without quoting. A Delta append is one transaction; an existing table keeps its format.
 */
final class ScoreHistory {
  static final StructType SCHEMA = new StructType()
      .add("validated_at", DataTypes.TimestampType, false)
      .add("table", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("synthetic", DataTypes.StringType, false)
      .add("source_rows", DataTypes.LongType, false)
      .add("synthetic_rows", DataTypes.LongType, false)
      .add("overall_classic", DataTypes.DoubleType, true)
      .add("overall_current", DataTypes.DoubleType, true)
      .add("column_shapes", DataTypes.DoubleType, true)
      .add("pair_trends_classic", DataTypes.DoubleType, true)
      .add("pair_trends_current", DataTypes.DoubleType, true)
      .add("independence_floor", DataTypes.DoubleType, true)
      .add("exact_copy_share", DataTypes.DoubleType, false)
      .add("dcr_baseline_protection", DataTypes.DoubleType, true)
      .add("rare_categories", DataTypes.LongType, false)
      .add("values_beyond_bounds", DataTypes.LongType, false)
      .add("gate_breaches", DataTypes.IntegerType, false)
      .add("report", DataTypes.StringType, false)
      .add("tool", DataTypes.StringType, false);

  private ScoreHistory() {}

  static Row row(ValidationReport report, String reportDirectory, Instant at) {
    ClosestRecordSummary dcr = report.privacy().distanceToClosestRecord();
    return RowFactory.create(Timestamp.from(at), report.table(), report.source(), report.synthetic(),
        report.sourceRows(), report.syntheticRows(), report.classic().overall(), report.current().overall(),
        report.classic().columnShapes(), report.classic().columnPairTrends(), report.current().columnPairTrends(),
        report.classic().independenceFloor(), report.privacy().exactCopyShare(),
        dcr == null ? null : dcr.baselineProtection(), report.privacy().rareCategories().categories(),
        report.privacy().beyondBounds().values(), report.gateBreaches().size(), reportDirectory, report.tool());
  }

  /**
   * Fails before any work when the path holds something other than a score history (a source, a synthetic
   * table, any other table or file): validate appends only to its own history tables.
   */
  static void checkWritable(SparkSession spark, String path) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return;
      }
      if (!fs.getFileStatus(root).isDirectory()) {
        throw SynthException.output("history %s is a file, not a score history table: choose another "
            + "validate.history path", path);
      }
      if (fs.listStatus(root).length == 0) {
        return;
      }
      String format = io.synthlake.spark.io.DeltaPaths.isDeltaTable(fs, root) ? "delta" : "parquet";
      StructType schema;
      try {
        schema = spark.read().format(format).load(path).schema();
      } catch (RuntimeException e) {
        schema = new StructType();
      }
      java.util.Set<String> names = java.util.Set.of(schema.fieldNames());
      if (!names.containsAll(java.util.Set.of(SCHEMA.fieldNames()))) {
        throw SynthException.output("history %s is not a synthlake score history (it lacks the columns "
            + "validated_at, overall_classic, ...): validate appends only to its own history tables; choose "
            + "another validate.history path", path);
      }
    } catch (IOException e) {
      throw new SynthException(io.synthlake.errors.ExitCode.OUTPUT, "cannot inspect the history table " + path
          + ": " + e.getMessage(), e);
    }
  }

  /** @param format the format of a new table (an existing table keeps its own) */
  static void append(SparkSession spark, String path, OutputFormat format, ValidationReport report,
      String reportDirectory) {
    String used = existingFormat(spark, path, format);
    try {
      spark.createDataFrame(List.of(row(report, reportDirectory, Instant.now())), SCHEMA).coalesce(1).write()
          .format(used).mode(SaveMode.Append).save(path);
    } catch (RuntimeException e) {
      throw SynthException.output(e, "cannot append the scores to the history table %s (%s): %s; the report is "
          + "written, point validate.history at a new path or fix the table", path, used, firstLine(e));
    }
  }

  private static String existingFormat(SparkSession spark, String path, OutputFormat format) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return format == OutputFormat.PARQUET ? "parquet" : "delta";
      }
      return io.synthlake.spark.io.DeltaPaths.isDeltaTable(fs, root) ? "delta" : "parquet";
    } catch (IOException e) {
      throw SynthException.output(e, "cannot read the history table %s: %s", path, e.getMessage());
    }
  }

  private static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
