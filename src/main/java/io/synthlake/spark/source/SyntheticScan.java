package io.synthlake.spark.source;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.generate.TableSampler;
import io.synthlake.model.SynthModel;
import java.util.Arrays;
import java.util.Map;
import java.util.Locale;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Plans the row ranges (contiguous, as even as possible) and ships one sampler to the executors. */
final class SyntheticScan implements Scan, Batch {
  static final int DEFAULT_BATCH_SIZE = 4096;
  /** About one to three seconds of work per task on one core: retries are cheap and progress is frequent. */
  static final long DEFAULT_ROWS_PER_PARTITION = 1_000_000;

  /** What to generate: rows [firstRow, firstRow + rows) with this seed, in this many partitions. */
  record Settings(long seed, long firstRow, long rows, int partitions, int batchSize,
      Map<String, TableSampler.Parent> parents, GenerateConditions conditions) {}

  private final SynthModel model;
  private final Settings settings;
  private final StructType required;

  SyntheticScan(SynthModel model, Settings settings, StructType required) {
    this.model = model;
    this.settings = settings;
    this.required = required;
  }

  @Override
  public StructType readSchema() {
    return required;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "synthlake %s: rows %,d..%,d, seed %d", model.table(), settings.firstRow(),
        settings.firstRow() + settings.rows(), settings.seed());
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    int parts = (int) Math.max(1, Math.min(settings.partitions(), settings.rows()));
    InputPartition[] ranges = new InputPartition[parts];
    long rows = settings.rows();
    for (int p = 0; p < parts; p++) {
      long start = settings.firstRow() + rows / parts * p + Math.min(p, rows % parts);
      long size = rows / parts + (p < rows % parts ? 1 : 0);
      ranges[p] = new RowRange(p, start, start + size);
    }
    return ranges;
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    TableSampler sampler = TableSampler.of(model, settings.seed(),
        Arrays.stream(required.fields()).map(StructField::name).toList(),
        settings.firstRow() + settings.rows(), settings.parents(), settings.conditions());
    return new SyntheticReaderFactory(sampler, required, settings.batchSize());
  }
}
