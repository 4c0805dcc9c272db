package io.synthlake.spark.validate;

import io.synthlake.config.GenerateConfig;
import io.synthlake.config.OutputConfig;
import io.synthlake.config.OutputFormat;
import io.synthlake.config.SourceConfig;
import io.synthlake.config.SourceFormat;
import io.synthlake.config.ValidateConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.io.LoadedSource;
import io.synthlake.spark.io.SourceReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the synthetic table and checks that it has the source's columns with the source's types; every missing,
 * extra or retyped column is named in one error. CSV (which carries no types) is read as text and cast to the
 * source's types.
 */
final class SyntheticTableReader {
  private SyntheticTableReader() {}

  static Dataset<Row> read(SparkSession spark, String path, ValidateConfig config, OutputConfig output,
      StructType sourceSchema) {
    OutputFormat format = config.syntheticFormat() != null ? config.syntheticFormat()
        : path.equals(output.path()) ? output.format() : null;
    // generate writes CSV with a header; other formats ignore the option.
    SourceConfig synthetic = SourceConfig.builder().path(path).format(format == null ? null : format.configName())
        .options(Map.of("header", "true")).build();
    LoadedSource loaded = SourceReader.load(spark, synthetic);
    Dataset<Row> frame = loaded.frame();
    boolean text = loaded.format() == SourceFormat.CSV;
    // An augmented table (generate --augment) marks its synthetic rows in one more column.
    boolean augmented = java.util.Arrays.asList(frame.columns()).contains(GenerateConfig.SYNTHETIC_COLUMN)
        && !java.util.Arrays.asList(sourceSchema.fieldNames()).contains(GenerateConfig.SYNTHETIC_COLUMN);
    check(path, sourceSchema, augmented ? frame.drop(GenerateConfig.SYNTHETIC_COLUMN).schema() : frame.schema(),
        text);
    if (!text) {
      return frame;
    }
    List<Column> typed = new ArrayList<>();
    for (StructField field : sourceSchema.fields()) {
      typed.add(frame.col(io.synthlake.spark.Columns.quoted(field.name())).cast(field.dataType()).as(field.name()));
    }
    if (augmented) {
      typed.add(frame.col(GenerateConfig.SYNTHETIC_COLUMN).cast("boolean").as(GenerateConfig.SYNTHETIC_COLUMN));
    }
    return frame.select(typed.toArray(Column[]::new));
  }

  /** Throws when the columns differ, naming each difference. */
  static void check(String path, StructType source, StructType synthetic, boolean textTypes) {
    Map<String, StructField> theirs = new LinkedHashMap<>();
    for (StructField field : synthetic.fields()) {
      theirs.put(field.name(), field);
    }
    List<String> problems = new ArrayList<>();
    for (StructField field : source.fields()) {
      StructField other = theirs.remove(field.name());
      if (other == null) {
        problems.add("missing column " + field.name());
      } else if (!textTypes && !other.dataType().sameType(field.dataType())) {
        problems.add("column " + field.name() + " is " + other.dataType().simpleString() + ", the source's is "
            + field.dataType().simpleString());
      }
    }
    theirs.keySet().forEach(name -> problems.add("extra column " + name));
    if (!problems.isEmpty()) {
      throw SynthException.input("synthetic table %s does not have the source's columns: %s", path,
          String.join("; ", problems));
    }
  }
}
