package io.synthlake.spark.source;

import io.synthlake.generate.TableSampler;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Shipped to the executors once per job (inside the task binary); makes a reader per row range that fills column
 * vectors batch by batch. Batches are reused, so a task's memory is one batch whatever its row count.
 */
final class SyntheticReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final TableSampler sampler;
  private final StructType schema;
  private final int batchSize;

  SyntheticReaderFactory(TableSampler sampler, StructType schema, int batchSize) {
    this.sampler = sampler;
    this.schema = schema;
    this.batchSize = batchSize;
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return true;
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new BatchReader((RowRange) partition);
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    BatchReader batches = new BatchReader((RowRange) partition);
    return new PartitionReader<>() {
      private int row = -1;

      @Override
      public boolean next() throws java.io.IOException {
        row++;
        while (batches.batch.numRows() <= row) {
          if (!batches.next()) {
            return false;
          }
          row = 0;
        }
        return true;
      }

      @Override
      public InternalRow get() {
        return batches.batch.getRow(row);
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }

  private final class BatchReader implements PartitionReader<ColumnarBatch> {
    private final RowRange range;
    private final OnHeapColumnVector[] vectors;
    private final VectorSink[] sinks;
    private final ColumnarBatch batch;
    private long next;

    BatchReader(RowRange range) {
      this.range = range;
      this.next = range.start();
      int capacity = (int) Math.max(1, Math.min(batchSize, range.size()));
      this.vectors = OnHeapColumnVector.allocateColumns(capacity, schema);
      this.sinks = new VectorSink[vectors.length];
      for (int c = 0; c < vectors.length; c++) {
        int precision = schema.fields()[c].dataType() instanceof DecimalType d ? d.precision() : 0;
        sinks[c] = new VectorSink(vectors[c], precision);
      }
      this.batch = new ColumnarBatch(vectors);
      batch.setNumRows(0);
    }

    @Override
    public boolean next() {
      if (next >= range.end()) {
        return false;
      }
      int count = (int) Math.min(batchSize, range.end() - next);
      for (OnHeapColumnVector vector : vectors) {
        vector.reset();
      }
      if (sinks.length > 0) {
        sampler.sample(next, count, sinks);
      }
      batch.setNumRows(count);
      next += count;
      return true;
    }

    @Override
    public ColumnarBatch get() {
      return batch;
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
