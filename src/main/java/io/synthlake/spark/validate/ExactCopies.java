package io.synthlake.spark.validate;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many synthetic rows equal a source row on every scored column (missing equals missing): a left-semi hash join
 * of the synthetic rows with the source's distinct rows, so each synthetic row is counted at most once. Keys and
 * free text are left out of the comparison: a row that copies every attribute of a real one but its key is still
 * a copy.
 */
final class ExactCopies {
  private ExactCopies() {}

  static long count(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns) {
    if (columns.isEmpty()) {
      return 0;
    }
    Column[] realColumns = new Column[columns.size()];
    Column[] syntheticColumns = new Column[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      realColumns[i] = columns.get(i).column().as("r" + i);
      syntheticColumns[i] = columns.get(i).column().as("s" + i);
    }
    Dataset<Row> source = real.select(realColumns).distinct();
    Dataset<Row> generated = synthetic.select(syntheticColumns);
    Column condition = null;
    for (int i = 0; i < columns.size(); i++) {
      Column equal = generated.col("s" + i).eqNullSafe(source.col("r" + i));
      condition = condition == null ? equal : condition.and(equal);
    }
    return generated.join(source, condition, "left_semi").count();
  }
}
