package io.synthlake.spark.source;

import org.apache.spark.sql.connector.read.InputPartition;

/** One task's rows: indices [start, end). */
record RowRange(int index, long start, long end) implements InputPartition {
  long size() {
    return end - start;
  }
}
