package io.synthlake.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and how the synthetic table is written.
 *
 * @param path a directory on any Hadoop file system
 * @param format parquet (default), delta or csv
 * @param partitionBy partition columns (default: the source's, as recorded in the model)
 * @param mode error (default), overwrite or append
 * @param rowsPerFile the most rows in one file (default: no limit; one file per task and partition value)
 * @param compression the codec (default: Spark's, snappy for Parquet and Delta, none for CSV)
 */
public record OutputConfig(
    String path,
    OutputFormat format,
    List<String> partitionBy,
    WriteMode mode,
    Long rowsPerFile,
    String compression) {
  private static final Map<OutputFormat, Set<String>> CODECS = Map.of(
      OutputFormat.PARQUET, Set.of("none", "uncompressed", "snappy", "gzip", "lz4", "lz4_raw", "zstd", "brotli"),
      OutputFormat.DELTA, Set.of("none", "uncompressed", "snappy", "gzip", "lz4", "lz4_raw", "zstd", "brotli"),
      OutputFormat.CSV, Set.of("none", "uncompressed", "gzip", "bzip2", "deflate", "lz4", "snappy", "zstd"));

  public OutputConfig {
    format = format == null ? OutputFormat.PARQUET : format;
    mode = mode == null ? WriteMode.ERROR : mode;
    partitionBy = partitionBy == null ? null : List.copyOf(partitionBy);
  }

  public static OutputConfig defaults() {
    return new OutputConfig(null, null, null, null, null, null);
  }

  void validate(List<ConfigProblem> problems) {
    if (rowsPerFile != null && rowsPerFile < 1) {
      problems.add(new ConfigProblem("output.rows-per-file", "rows-per-file must be at least 1, got "
          + rowsPerFile));
    }
    if (compression != null && !CODECS.get(format).contains(compression)) {
      problems.add(new ConfigProblem("output.compression", "compression '" + compression + "' is not one of "
          + String.join(", ", new java.util.TreeSet<>(CODECS.get(format))) + " for " + format.configName()));
    }
    if (partitionBy != null && partitionBy.size() != new java.util.HashSet<>(partitionBy).size()) {
      problems.add(new ConfigProblem("output.partition-by", "partition-by names a column twice: " + partitionBy));
    }
  }
}
