package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.CounterRng;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The copula's uniforms are Latin-hypercube stratified per block of rows: every block (and the table's shorter last
 * block) puts exactly one row in each of its strata, in every dimension, with dimensions paired at random; and the
 * rows stay the same whatever the batches.
 */
class LatinStrataTest {
  private static final List<String> COLUMNS = List.of("a", "b");

  /** Two independent copula columns, each uniform on [0, 1): a value is its own copula uniform. */
  private static SynthModel model() {
    NumericMarginal uniform = new NumericMarginal(0, List.of(), new EmpiricalQuantiles(new double[] {0, 1},
        new double[] {0, 1}), null);
    SynthModel base = GenerateModels.model();
    return new SynthModel(SynthModel.FORMAT_VERSION, "strata", "test", base.source(), base.fit(), List.of(
        new ColumnModel("a", "double", ColumnKind.CONTINUOUS, 0.0, uniform),
        new ColumnModel("b", "double", ColumnKind.CONTINUOUS, 0.0, uniform)),
        new CopulaModel(COLUMNS, new double[][] {{1, 0}, {0, 1}}), List.of(), List.of(), List.of());
  }

  private static double value(List<List<Object>> rows, int column, int row) {
    return ((Number) rows.get(column).get(row)).doubleValue();
  }

  @Test
  void theStratumPermutationIsABijectionOfEveryBlockSize() {
    byte[] tables = new byte[LatinStrata.TABLE_LENGTH];
    for (int size : new int[] {1, 2, 3, 7, 569, 1000, LatinStrata.BLOCK}) {
      LatinStrata.roundTables(CounterRng.hash(5, 6, size), 3, tables, 0);
      BitSet seen = new BitSet();
      for (int position = 0; position < size; position++) {
        int stratum = LatinStrata.stratum(position, size, tables, 0);
        assertThat(stratum).isBetween(0, size - 1);
        seen.set(stratum);
      }
      assertThat(seen.cardinality()).as("strata of a block of %d rows", size).isEqualTo(size);
    }
    // The unrolled full-block path is the same permutation.
    for (int position = 0; position < LatinStrata.BLOCK; position++) {
      assertThat(LatinStrata.fullBlockStratum(position, tables, 0))
          .isEqualTo(LatinStrata.stratum(position, LatinStrata.BLOCK, tables, 0));
    }
  }

  @Test
  void everyBlockHoldsOneRowPerStratumInEachColumn() {
    int rows = LatinStrata.BLOCK * 2 + 569;
    List<List<Object>> drawn = Samples.draw(model(), 3, COLUMNS, 0, rows, 700);
    for (int column = 0; column < 2; column++) {
      for (int start = 0; start < rows; start += LatinStrata.BLOCK) {
        int size = Math.min(LatinStrata.BLOCK, rows - start);
        BitSet strata = new BitSet();
        for (int row = start; row < start + size; row++) {
          strata.set((int) Math.floor(value(drawn, column, row) * size));
        }
        assertThat(strata.cardinality()).as("strata of column %d in the block at row %d", column, start)
            .isEqualTo(size);
      }
    }
  }

  @Test
  void theColumnsStayIndependent() {
    // 64 blocks: the pairs (a, b) on an 8 x 8 grid, against the uniform expectation of 1,024 per cell. Pearson's
    // chi-square with 63 degrees of freedom exceeds 103.4 with probability 0.001.
    int rows = 64 * LatinStrata.BLOCK;
    List<List<Object>> drawn = Samples.draw(model(), 9, COLUMNS, 0, rows, 4_096);
    long[] cells = new long[64];
    double sumAb = 0;
    for (int row = 0; row < rows; row++) {
      double a = value(drawn, 0, row);
      double b = value(drawn, 1, row);
      cells[(int) (a * 8) * 8 + (int) (b * 8)]++;
      sumAb += (a - 0.5) * (b - 0.5);
    }
    double expected = rows / 64.0;
    double chiSquare = 0;
    for (long cell : cells) {
      chiSquare += (cell - expected) * (cell - expected) / expected;
    }
    assertThat(chiSquare).isLessThan(103.4);
    // The correlation of a and b: its standard error with independent rows is 1 / sqrt(rows), 0.004.
    assertThat(Math.abs(sumAb / rows * 12)).isLessThan(0.016);
  }

  @Test
  void rowsAreTheSameWhateverTheBatchesOrTheStart() {
    int rows = LatinStrata.BLOCK + 300;
    List<List<Object>> whole = Samples.draw(model(), 3, COLUMNS, 0, rows, rows);
    assertThat(Samples.draw(model(), 3, COLUMNS, 0, rows, 77)).isEqualTo(whole);
    // A sampler started further on (a partition, or an append) makes the same rows at the same indices.
    List<List<Object>> tail = Samples.draw(model(), 3, COLUMNS, 1000, rows - 1000, 129);
    assertThat(tail.get(0)).isEqualTo(whole.get(0).subList(1000, rows));
  }
}
