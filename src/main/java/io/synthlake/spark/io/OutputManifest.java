package io.synthlake.spark.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code _synthlake.json}, written beside the data of a Parquet or CSV output (and as each Delta commit's user
 * metadata): what was generated, from which model and seed, and every run that added rows.
 */
@JsonPropertyOrder({"format-version", "tool", "table", "format", "rows", "partition-by", "columns", "runs"})
public record OutputManifest(
    int formatVersion,
    String tool,
    String table,
    String format,
    long rows,
    List<String> partitionBy,
    List<Column> columns,
    List<Run> runs) {
  public static final String FILE_NAME = "_synthlake.json";
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A column of the output and its Spark type. */
  public record Column(String name, String type) {}

  /** One generate run: the model (path and SHA-256 of its content), seed, row indices written, and timing. */
  @JsonPropertyOrder({"mode", "model", "model-sha256", "seed", "first-row", "rows", "partitions", "started-at",
      "finished-at", "seconds"})
  /** One write; {@code conditions} is generate's condition and target shares ({@code where; shares}), or null. */
  public record Run(String mode, String model, String modelSha256, long seed, long firstRow, long rows,
      int partitions, String startedAt, String finishedAt, double seconds, String conditions) {
    public Run(String mode, String model, String modelSha256, long seed, long firstRow, long rows, int partitions,
        String startedAt, String finishedAt, double seconds) {
      this(mode, model, modelSha256, seed, firstRow, rows, partitions, startedAt, finishedAt, seconds, null);
    }
  }

  public OutputManifest {
    partitionBy = List.copyOf(partitionBy);
    columns = List.copyOf(columns);
    runs = List.copyOf(runs);
  }

  /** This manifest with one more run (an append). */
  public OutputManifest plus(Run run) {
    List<Run> all = new ArrayList<>(runs);
    all.add(run);
    return new OutputManifest(formatVersion, tool, table, format, rows + run.rows(), partitionBy, columns, all);
  }

  /** This manifest with its last run finished now (seconds counted from the run's start). */
  public OutputManifest finished(java.time.Instant now) {
    List<Run> all = new ArrayList<>(runs);
    Run last = all.remove(all.size() - 1);
    java.time.Instant finished = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    double seconds = java.time.Duration.between(java.time.Instant.parse(last.startedAt()), finished).toMillis() / 1e3;
    all.add(new Run(last.mode(), last.model(), last.modelSha256(), last.seed(), last.firstRow(), last.rows(),
        last.partitions(), last.startedAt(), finished.toString(), seconds, last.conditions()));
    return new OutputManifest(formatVersion, tool, table, format, rows, partitionBy, columns, all);
  }

  public String toJson(boolean pretty) {
    try {
      return pretty ? JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n"
          : JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the output manifest", e);
    }
  }

  public static OutputManifest fromJson(String json) throws IOException {
    return JSON.readValue(json, OutputManifest.class);
  }
}
