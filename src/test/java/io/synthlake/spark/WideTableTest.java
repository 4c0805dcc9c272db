package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.ModelNote;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.Cholesky;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** More columns than rows: the pairwise correlations are rank-deficient, and fit must still give a copula. */
class WideTableTest extends SparkTestBase {
  private static final int ROWS = 6;
  private static final int COLUMNS = 30;

  @Test
  void fitAndGenerateSixRowsOfThirtyColumns() {
    SplittableRandom random = new SplittableRandom(30);
    // Yes/no columns: from 6 rows many repeat each other, the case that broke the nearest-matrix repair.
    StructType schema = new StructType();
    for (int c = 0; c < COLUMNS; c++) {
      schema = c % 5 == 4 ? schema.add("x" + c, DataTypes.DoubleType) : schema.add("b" + c, DataTypes.BooleanType);
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      Object[] values = new Object[COLUMNS];
      for (int c = 0; c < COLUMNS; c++) {
        values[c] = c % 5 == 4 ? (Object) random.nextGaussian() : (Object) random.nextBoolean();
      }
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path("wide"));
    CliRun fit = synth("fit", "--source", path("wide"), "--model", path("wide.json"), "--min-category-count", "1",
        "--bound-rank", "1");
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    SynthModel model = readModel(Path.of(path("wide.json")));
    assertThat(model.copula()).isNotNull();
    double[][] r = model.copula().correlation();
    assertThat(r.length).isGreaterThan(ROWS);
    assertThat(Cholesky.factor(r)).isNotNull();
    CliRun generate = synth("generate", "--model", path("wide.json"), "--rows", "50", "--output",
        path("wide-out"));
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    assertThat(spark.read().parquet(path("wide-out")).count()).isEqualTo(50);
    assertThat(model.notes()).extracting(ModelNote::message).anyMatch(m -> m.contains("correlation matrix"));
  }
}
