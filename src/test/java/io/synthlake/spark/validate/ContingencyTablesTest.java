package io.synthlake.spark.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.spark.SparkTestBase;
import io.synthlake.validate.EqualWidthBins;
import io.synthlake.validate.PairScores.Cell;
import io.synthlake.validate.Sdtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The dense single-pass contingency tables equal the grouped ones cell for cell, missing values included. */
class ContingencyTablesTest extends SparkTestBase {
  @Test
  void denseAndGroupedCountsAgreeAndMatchACountByHand() {
    StructType schema = new StructType().add("x", DataTypes.DoubleType).add("city", DataTypes.StringType)
        .add("kind", DataTypes.StringType);
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(RowFactory.create(random.nextInt(10) == 0 ? null : random.nextGaussian(),
          random.nextInt(7) == 0 ? null : "c" + random.nextInt(6), "k" + random.nextInt(3)));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    ScoredColumn x = new ScoredColumn("x", Sdtype.NUMERICAL, DataTypes.DoubleType);
    ScoredColumn city = new ScoredColumn("city", Sdtype.CATEGORICAL, DataTypes.StringType);
    ScoredColumn kind = new ScoredColumn("kind", Sdtype.CATEGORICAL, DataTypes.StringType);
    List<Frequencies.ContingencyPair> pairs = List.of(new Frequencies.ContingencyPair(x, city),
        new Frequencies.ContingencyPair(x, kind), new Frequencies.ContingencyPair(city, kind));
    double min = rows.stream().filter(r -> !r.isNullAt(0)).mapToDouble(r -> r.getDouble(0)).min().orElseThrow();
    double max = rows.stream().filter(r -> !r.isNullAt(0)).mapToDouble(r -> r.getDouble(0)).max().orElseThrow();
    long values = rows.stream().filter(r -> !r.isNullAt(0)).count();
    Map<String, EqualWidthBins> bins = Map.of("x", EqualWidthBins.over(min, max, values));
    Map<String, Map<String, Long>> categories = Frequencies.of(frame, Map.of("city", city.value(),
        "kind", kind.value()));

    List<Map<Cell<String, String>, Long>> dense = Frequencies.ofPairs(frame, pairs, bins, categories,
        Long.MAX_VALUE);
    List<Map<Cell<String, String>, Long>> grouped = Frequencies.ofPairs(frame, pairs, bins, categories, 0);
    // A budget between the tables' sizes splits them: x × city (12 × 7 cells) dense, the rest grouped.
    List<Map<Cell<String, String>, Long>> mixed = Frequencies.ofPairs(frame, pairs, bins, categories, 100);
    assertThat(dense).isEqualTo(grouped).isEqualTo(mixed);

    long missingCityWithK0 = rows.stream().filter(r -> r.isNullAt(1) && r.getString(2).equals("k0")).count();
    assertThat(dense.get(2).get(new Cell<String, String>(null, "k0"))).isEqualTo(missingCityWithK0);
    long missingXWithK1 = rows.stream().filter(r -> r.isNullAt(0) && r.getString(2).equals("k1")).count();
    assertThat(dense.get(1).get(new Cell<>(Integer.toString(EqualWidthBins.MISSING_BIN), "k1")))
        .isEqualTo(missingXWithK1);
    assertThat(dense.get(0).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000);
  }
}
