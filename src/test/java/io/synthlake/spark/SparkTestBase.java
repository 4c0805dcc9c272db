package io.synthlake.spark;

import io.synthlake.cli.SynthMain;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.io.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One local[2] Spark session per test class, configured like scripts/synth but small and quiet. */
public abstract class SparkTestBase {
  protected static SparkSession spark;
  @TempDir protected static Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = newSession("local[2]");
  }

  /** A session like the tests' usual one on another master (e.g. local[2,3] to allow task retries). */
  protected static SparkSession newSession(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("synthlake-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      spark = null;
    }
  }

  /** The result of one command line. */
  public record CliRun(int exitCode, String out, String err) {}

  protected static CliRun synth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SynthMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString().strip());
  }

  protected static SynthModel readModel(Path path) {
    return ModelStore.read(spark.sparkContext().hadoopConfiguration(), path.toString());
  }

  protected static String path(String name) {
    return tmp.resolve(name).toString();
  }
}
