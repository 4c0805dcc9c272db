package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.model.SynthModel;
import io.synthlake.stats.StandardNormal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Data drawn from a known Gaussian copula, pushed through non-normal marginals (monotone transforms keep the
 * copula): fit must recover the generating correlation.
 */
class CorrelationRecoveryTest extends SparkTestBase {
  private static final double[][] SIGMA = {
      {1.0, 0.6, -0.3, 0.2},
      {0.6, 1.0, 0.1, 0.4},
      {-0.3, 0.1, 1.0, -0.5},
      {0.2, 0.4, -0.5, 1.0}};

  @Test
  void recoversAKnownCorrelationMatrixThroughSkewedMarginals() {
    int n = 100_000;
    double[][] lower = new CholeskyDecomposition(new Array2DRowRealMatrix(SIGMA)).getL().getData();
    SplittableRandom random = new SplittableRandom(2026);
    List<Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      double[] g = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] z = new double[4];
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j <= i; j++) {
          z[i] += lower[i][j] * g[j];
        }
      }
      rows.add(RowFactory.create(
          z[0] * 3 + 10,                                            // normal
          Math.exp(z[1]),                                           // lognormal
          Math.rint(1000 * StandardNormal.cdf(z[2])) / 100,         // uniform with two decimals
          r % 10 == 0 ? null : -Math.log(1 - StandardNormal.cdf(z[3])) // exponential, 10% nulls
      ));
    }
    StructType schema = new StructType()
        .add("normal", DataTypes.DoubleType)
        .add("lognormal", DataTypes.DoubleType)
        .add("uniform", DataTypes.DoubleType)
        .add("exponential", DataTypes.DoubleType);
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(path("copula.parquet"));

    CliRun run = synth("fit", "--source", path("copula.parquet"), "--model", path("copula.json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    SynthModel model = readModel(Path.of(path("copula.json")));
    List<String> names = model.copula().columns();
    assertThat(names).containsExactly("normal", "lognormal", "uniform", "exponential");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        // standard error of a correlation at n = 100,000 is below 0.003
        assertThat(model.copula().correlation(i, j)).as("rho[%d][%d]", i, j).isCloseTo(SIGMA[i][j], within(0.015));
      }
    }
    assertThat(model.column("exponential").orElseThrow().nullFraction()).isCloseTo(0.1, within(1e-12));
  }
}
