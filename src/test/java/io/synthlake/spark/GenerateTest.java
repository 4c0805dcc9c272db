package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.generate.GenerateModels;
import io.synthlake.model.ModelJson;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthlake data source: rows independent of partitioning, seeds, pruning and key uniqueness on Spark. */
class GenerateTest extends SparkTestBase {
  private static String model;

  @BeforeAll
  static void writeModel() throws IOException {
    model = path("model.json");
    Files.writeString(tmp.resolve("model.json"), ModelJson.write(GenerateModels.model()));
  }

  static Dataset<Row> synthetic(long rows, long seed, int partitions) {
    return spark.read().format("synthlake").option("model", model).option("rows", rows).option("seed", seed)
        .option("partitions", partitions).load();
  }

  @Test
  void sameSeedGivesTheSameRowsForAnyPartitionCount() {
    List<Row> one = synthetic(5000, 11, 1).collectAsList();
    assertThat(one).hasSize(5000);
    // Partitions are contiguous row ranges, so collect() keeps row order and the lists compare row by row.
    assertThat(synthetic(5000, 11, 3).collectAsList()).isEqualTo(one);
    assertThat(synthetic(5000, 11, 8).collectAsList()).isEqualTo(one);
    List<Row> other = synthetic(5000, 12, 3).collectAsList();
    long same = 0;
    for (int i = 0; i < one.size(); i++) {
      if (one.get(i).equals(other.get(i))) {
        same++;
      }
    }
    assertThat(same).isZero();
  }

  @Test
  void prunedColumnsKeepTheirValues() {
    List<Row> all = synthetic(2000, 5, 3).select("city", "y", "code").collectAsList();
    // Only these columns are generated here, yet the rows equal the same columns of the full table.
    Dataset<Row> pruned = synthetic(2000, 5, 4).select("city", "y", "code");
    assertThat(pruned.queryExecution().executedPlan().toString()).doesNotContain("amount");
    assertThat(pruned.collectAsList()).isEqualTo(all);
    assertThat(synthetic(2000, 5, 4).count()).isEqualTo(2000);
  }

  @Test
  void keysAreUniqueOverTheWholeOutput() {
    Dataset<Row> rows = synthetic(30_000, 3, 8);
    Row counts = rows.agg(functions.countDistinct("id"), functions.countDistinct("code"), functions.count("*"))
        .first();
    assertThat(counts.getLong(0)).isEqualTo(30_000);
    assertThat(counts.getLong(1)).isEqualTo(30_000);
  }

  @Test
  void columnsHaveTheModelsSparkTypes() {
    assertThat(synthetic(10, 1, 1).schema().simpleString()).isEqualTo("struct<x:double,y:double,n:int,"
        + "amount:decimal(10,2),day:date,price:float,city:string,flag:boolean,country:string,id:bigint,"
        + "code:string,note:string>");
  }
}
