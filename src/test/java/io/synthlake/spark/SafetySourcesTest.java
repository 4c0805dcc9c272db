package io.synthlake.spark;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sources named any way Spark accepts (three-part names, path identifiers, views) still count as inputs, and
 * reader options cannot expand variables or re-point the file system: each refused command prints one line with
 * its exit code and changes no file.
 */
class SafetySourcesTest extends SparkTestBase {
  private static String tableDir;
  private static String viewDir;

  @BeforeAll
  static void tables() {
    tableDir = path("db_x_t");
    spark.sql("CREATE DATABASE IF NOT EXISTS db_x");
    spark.range(0, 50).select(expr("cast(id % 7 as int) as n"), expr("concat('c', id % 3) as s"))
        .write().format("parquet").option("path", tableDir).saveAsTable("db_x.t");
    viewDir = path("view_src");
    spark.range(0, 50).select(expr("cast(id % 7 as int) as n"), expr("cast(id % 2 as int) as p"))
        .write().partitionBy("p").parquet(viewDir);
    spark.read().parquet(viewDir).createOrReplaceTempView("v_over_path");
  }

  /** A fit of a job file with this source section and model: must fail with one line, nothing changed. */
  private static String fitFails(ExitCode code, String sourceYaml, String model, Path watched) throws Exception {
    Path job = Files.createTempFile(tmp, "job", ".yaml");
    Files.writeString(job, "source:\n" + sourceYaml + "\nmodel: '" + model + "'\n");
    FileSnapshot before = FileSnapshot.of(watched);
    CliRun run = synth("fit", "--config", job.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code.code());
    assertThat(run.err()).startsWith("synth: error: ").doesNotContain("\n");
    assertThat(Path.of(model)).doesNotExist();
    before.assertIdentical();
    return run.err();
  }

  @Test
  void aThreePartCatalogNameCountsAtItsLocation() throws Exception {
    String model = tableDir + "/m.json";
    assertThat(fitFails(ExitCode.OUTPUT, "  table: spark_catalog.db_x.t", model, Path.of(tableDir)))
        .contains("the model " + model + " lies inside the source spark_catalog.db_x.t");
    // The same name given as --source falls back to the catalog, and is checked the same way.
    FileSnapshot before = FileSnapshot.of(Path.of(tableDir));
    CliRun run = synth("fit", "--source", "spark_catalog.db_x.t", "--model", model);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OUTPUT.code());
    assertThat(run.err()).contains("lies inside the source spark_catalog.db_x.t").doesNotContain("\n");
    before.assertIdentical();
  }

  @Test
  void aViewCountsAtTheDirectoriesOfItsFilesAbovePartitions() throws Exception {
    // The files lie in p=0 and p=1; the model beside them is still inside the source.
    String model = viewDir + "/m.json";
    assertThat(fitFails(ExitCode.OUTPUT, "  table: v_over_path", model, Path.of(viewDir)))
        .contains("the model " + model + " lies inside the source v_over_path");
  }

  @Test
  void aPathIdentifierCountsAtItsPath() throws Exception {
    String model = tableDir + "/sub/m.json";
    assertThat(fitFails(ExitCode.OUTPUT, "  table: 'parquet.`" + tableDir + "`'", model, Path.of(tableDir)))
        .contains("lies inside the source parquet.`" + tableDir + "`");
  }

  @Test
  void variablesInTheTableNameAreRefused() throws Exception {
    String model = path("var-table.json");
    assertThat(fitFails(ExitCode.CONFIG, "  table: 'db_x.${env:HOME}'", model, Path.of(tableDir)))
        .contains("line 2: variable references (${...}) are not allowed in a table name")
        .doesNotContain(System.getenv("HOME") + "'");
  }

  @Test
  void readerOptionsCannotExpandVariablesOrRepointTheFileSystem() {
    String model = path("options.json");
    FileSnapshot before = FileSnapshot.of(Path.of(tableDir));
    for (String option : new String[] {"nullValue=${env.SYNTHLAKE_PII_KEY}", "${sys.user.name}=x",
        "fs.defaultFS=file:///", "fs.default.name=hdfs://elsewhere:8020"}) {
      CliRun run = synth("fit", "--source", tableDir, "--option", option, "--model", model);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CONFIG.code());
      String key = option.substring(0, option.indexOf('='));
      assertThat(run.err()).startsWith("synth: error: ").contains("reader option " + key).doesNotContain("\n")
          .doesNotContain(System.getProperty("user.name") + "=");
      assertThat(Path.of(model)).doesNotExist();
    }
    before.assertIdentical();
  }
}
