package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many synthetic rows equal a source row on every scored column (missing equals missing), each counted once.
 * Keys and free text are left out of the comparison: a row that copies every attribute of a real one but its key
 * is still a copy.
 *
 * <p>Three joins on one 64-bit hash of the row's values, instead of one join on every column: synthetic rows whose
 * hash some source row has are the candidates (usually few), and only they are compared, value by value, with the
 * source rows of the same hash. Shuffles move one long per row, and a hash collision is never counted as a copy.
 */
final class ExactCopies {
  private ExactCopies() {}

  static long count(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns) {
    if (columns.isEmpty()) {
      return 0;
    }
    Dataset<Row> generated = hashed(synthetic, columns);
    Dataset<Row> source = hashed(real, columns);
    Dataset<Row> sourceHashes = source.select(col("h").as("rh")).distinct();
    Dataset<Row> candidates = generated.join(sourceHashes, generated.col("h").equalTo(sourceHashes.col("rh")),
        "left_semi");
    Dataset<Row> candidateHashes = candidates.select(col("h").as("ch")).distinct();
    Dataset<Row> matching = source.join(candidateHashes, source.col("h").equalTo(candidateHashes.col("ch")),
        "left_semi").distinct();
    // Struct equality compares field by field with missing equal to missing.
    Column condition = candidates.col("h").equalTo(matching.col("h"))
        .and(candidates.col("v").eqNullSafe(matching.col("v")));
    return candidates.join(matching, condition, "left_semi").count();
  }

  /**
   * Two columns per row: the hash of the scored values (equal rows hash equally, nulls included) and the values as
   * one struct. One struct instead of a column per value keeps the plans small for tables of hundreds of columns,
   * where Catalyst's constraint inference over as many aliased columns exhausts the heap.
   */
  private static Dataset<Row> hashed(Dataset<Row> frame, List<ScoredColumn> columns) {
    Column[] values = new Column[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      values[i] = columns.get(i).column().as("c" + i);
    }
    return frame.select(xxhash64(values).as("h"), struct(values).as("v"));
  }
}
