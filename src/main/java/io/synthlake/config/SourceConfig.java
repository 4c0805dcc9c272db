package io.synthlake.config;

import java.util.List;
import java.util.Map;

/**
 * Where the source table is and how to read it.
 *
 * @param path a file or directory (local, HDFS, S3, ... through Hadoop's FileSystem)
 * @param table a catalog table name, instead of a path
 * @param name the logical table name stored in the model (default: the table, or the path's last segment)
 * @param format parquet, delta, csv, orc or json; detected from the path when absent
 * @param options options passed to Spark's reader (e.g. {@code header}, {@code nullValue} for CSV)
 * @param schema a DDL schema for CSV and JSON, instead of inferring one (inference is an extra pass)
 * @param where a Spark SQL row filter
 * @param sampleFraction profile only this fraction of the rows (Bernoulli sample)
 * @param version Delta time travel: read this table version
 * @param timestamp Delta time travel: read the version current at this timestamp
 */
public record SourceConfig(
    String path,
    String table,
    String name,
    String format,
    Map<String, String> options,
    String schema,
    String where,
    Double sampleFraction,
    Long version,
    String timestamp) {
  public static final List<String> FORMATS = SourceFormat.CONFIG_NAMES;

  /**
   * Reader options that re-point relative paths at another file system than the one the path checks compared
   * (Spark copies reader options into the Hadoop configuration the files are opened with).
   */
  public static final List<String> REFUSED_OPTIONS = List.of("fs.defaultFS", "fs.default.name");

  public SourceConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** Sets components by name, so a new component cannot shift the others; unset ones stay null (defaults). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SourceConfig} in code; job files bind the record's components by name. */
  public static final class Builder {
    private String path;
    private String table;
    private String name;
    private String format;
    private Map<String, String> options;
    private String schema;
    private String where;
    private Double sampleFraction;
    private Long version;
    private String timestamp;

    private Builder() {}

    public Builder path(String value) {
      path = value;
      return this;
    }

    public Builder table(String value) {
      table = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    /** The format's job-file name (null: detect it); {@link SourceConfig#validate} checks it. */
    public Builder format(String value) {
      format = value;
      return this;
    }

    public Builder options(Map<String, String> value) {
      options = value;
      return this;
    }

    public Builder schema(String value) {
      schema = value;
      return this;
    }

    public Builder where(String value) {
      where = value;
      return this;
    }

    public Builder sampleFraction(Double value) {
      sampleFraction = value;
      return this;
    }

    public Builder version(Long value) {
      version = value;
      return this;
    }

    public Builder timestamp(String value) {
      timestamp = value;
      return this;
    }

    public SourceConfig build() {
      return new SourceConfig(path, table, name, format, options, schema, where, sampleFraction, version,
          timestamp);
    }
  }

  /** The format the job names, parsed (null: detect it from the path); {@link #validate} vouches for the text. */
  public SourceFormat declaredFormat() {
    return format == null ? null : SourceFormat.fromConfigName(format);
  }

  void validate(List<ConfigProblem> problems) {
    if (path != null && table != null) {
      problems.add(new ConfigProblem("source", "set either source.path or source.table, not both"));
    }
    if (format != null && !FORMATS.contains(format)) {
      problems.add(new ConfigProblem("source.format",
          "format '" + format + "' is not one of " + String.join(", ", FORMATS)));
    }
    if (sampleFraction != null && !(sampleFraction > 0 && sampleFraction <= 1)) {
      problems.add(new ConfigProblem("source.sample-fraction",
          "sample-fraction must be in (0, 1], got " + sampleFraction));
    }
    if (version != null && version < 0) {
      problems.add(new ConfigProblem("source.version", "version must be >= 0, got " + version));
    }
    if (version != null && timestamp != null) {
      problems.add(new ConfigProblem("source", "set either source.version or source.timestamp, not both"));
    }
    if ((version != null || timestamp != null) && format != null
        && !SourceFormat.DELTA.configName().equals(format)) {
      problems.add(new ConfigProblem("source.format", "time travel (version, timestamp) needs a Delta table"));
    }
    if (table != null && table.contains("${")) {
      problems.add(new ConfigProblem("source.table", "variable references (${...}) are not allowed in a table "
          + "name; write the name itself"));
    }
    // Hadoop's Configuration expands ${env.X}, ${sys.X} and ${var} in what Spark copies into it, reader options
    // included: a secret such as the pseudonymisation key could end up in a path or an error line.
    options.forEach((key, value) -> {
      if (key.contains("${") || (value != null && value.contains("${"))) {
        problems.add(new ConfigProblem("source.options." + key, "variable references (${...}) are not allowed "
            + "in reader option " + key + "; write the value itself"));
      }
      if (REFUSED_OPTIONS.stream().anyMatch(key::equalsIgnoreCase)) {
        problems.add(new ConfigProblem("source.options." + key, "reader option " + key + " is not allowed: it "
            + "would read another file system than the one synthlake checked; put the scheme in source.path"));
      }
    });
  }
}
