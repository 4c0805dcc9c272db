package io.synthlake.spark.source;

import io.synthlake.generate.ColumnSink;
import io.synthlake.generate.TableSampler;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
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
    private final ColumnVector[] vectors;
    private final ColumnSink[] sinks;
    private final ColumnarBatch batch;
    private long next;

    BatchReader(RowRange range) {
      this.range = range;
      this.next = range.start();
      int capacity = (int) Math.max(1, Math.min(batchSize, range.size()));
      this.vectors = new ColumnVector[schema.size()];
      this.sinks = new ColumnSink[schema.size()];
      for (int c = 0; c < vectors.length; c++) {
        DataType type = schema.fields()[c].dataType();
        if (type instanceof StringType) {
          StringVector strings = new StringVector(capacity);
          vectors[c] = strings;
          sinks[c] = strings;
        } else {
          OnHeapColumnVector vector = new OnHeapColumnVector(capacity, type);
          vectors[c] = vector;
          sinks[c] = new VectorSink(vector, type instanceof DecimalType d ? d.precision() : 0);
        }
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
      for (ColumnVector vector : vectors) {
        if (vector instanceof StringVector strings) {
          strings.reset();
        } else {
          ((OnHeapColumnVector) vector).reset();
        }
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
