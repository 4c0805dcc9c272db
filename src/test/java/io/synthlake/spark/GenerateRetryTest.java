package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.generate.GenerateModels;
import io.synthlake.model.ModelJson;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** A task that fails on its first attempt is retried and writes exactly the rows of a run without failure. */
class GenerateRetryTest extends SparkTestBase {
  @Test
  void aRetriedTaskWritesTheSameRows() throws Exception {
    stopSpark();
    spark = newSession("local[2,3]");  // up to 3 attempts per task
    Files.writeString(tmp.resolve("model.json"), ModelJson.write(GenerateModels.model()));
    spark.udf().register("failFirstAttemptOfPartition1", (UDF1<Long, Boolean>) id -> {
      TaskContext task = TaskContext.get();
      if (task.partitionId() == 1 && task.attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of the first attempt of partition 1");
      }
      return true;
    }, DataTypes.BooleanType);
    AtomicInteger failedTasks = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!"Success".equals(String.valueOf(taskEnd.reason()))) {
          failedTasks.incrementAndGet();
        }
      }
    });
    var source = spark.read().format("synthlake").option("model", path("model.json")).option("rows", 6000)
        .option("seed", 4).option("partitions", 3).load();
    source.where(functions.call_udf("failFirstAttemptOfPartition1", functions.col("id")))
        .write().parquet(path("retried"));
    source.write().parquet(path("clean"));

    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertThat(failedTasks.get()).isEqualTo(1);
    List<Row> retried = spark.read().parquet(path("retried")).orderBy("id").collectAsList();
    List<Row> clean = spark.read().parquet(path("clean")).orderBy("id").collectAsList();
    assertThat(retried).hasSize(6000).isEqualTo(clean);
  }
}
