package io.synthlake.spark.io;

import io.synthlake.config.SourceFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A source ready to profile: the rows (after the row filter and sample), where they came from, the format read,
 * the Delta version read (null for other formats), the partition columns, and the logical table name.
 */
public record LoadedSource(
    Dataset<Row> frame,
    String location,
    SourceFormat format,
    Long deltaVersion,
    List<String> partitionColumns,
    String tableName) {
  public LoadedSource {
    partitionColumns = List.copyOf(partitionColumns);
  }
}
