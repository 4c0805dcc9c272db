package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.errors.ExitCode;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.io.FileCommit;
import io.synthlake.spark.io.PathResolver;
import io.synthlake.spark.io.SyntheticWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile inputs of the safety issue that concern paths and writes, each through the CLI entry point: the
 * exit code, one line naming what is wrong, and every pre-existing file byte-identical afterwards. Then the
 * crash window of an overwrite, by stopping a commit at each of its steps as a kill would.
 */
class SafetyPathsTest extends SparkTestBase {
  private static Path airports;
  private static String model;

  @BeforeAll
  static void sourceAndModel() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("prod"));
    airports = data.resolve("airports.csv");
    Files.write(airports, Files.readAllLines(Path.of("data/lake/airports.csv")).subList(0, 401));
    model = path("airports.model.json");
    CliRun fit = synth("fit", "--source", airports.toString(), "--model", model);
    assertThat(fit.exitCode()).as(fit.err()).isZero();
  }

  @AfterEach
  void noKill() {
    FileCommit.listener = (step, target) -> { };
  }

  private static void assertRefused(CliRun run, ExitCode code, String... parts) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code.code());
    assertThat(run.err()).startsWith("synth: error: ").doesNotContain("\n");
    for (String part : parts) {
      assertThat(run.err()).contains(part);
    }
  }

  /** generate with 10 rows unless {@code more} says --rows. */
  private static CliRun generate(String output, String... more) {
    List<String> args = new ArrayList<>(List.of("generate", "--model", model, "--output", output));
    args.addAll(List.of(more));
    if (!args.contains("--rows")) {
      args.addAll(List.of("--rows", "10"));
    }
    return synth(args.toArray(String[]::new));
  }

  @Test
  void overwriteRefusesADirectorySynthlakeDidNotWrite() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("notes-dir"));
    Files.writeString(dir.resolve("notes.txt"), "my notes");
    FileSnapshot before = FileSnapshot.of(dir);
    assertRefused(generate(dir.toString(), "--mode", "overwrite"), ExitCode.OUTPUT,
        "output " + dir + " exists and synthlake did not write it: it holds notes.txt and no _synthlake.json");
    assertRefused(generate(dir.toString(), "--mode", "append"), ExitCode.OUTPUT, "synthlake did not write it");
    before.assertIdentical();
  }

  @Test
  void overwriteRefusesASynthlakeOutputWithForeignFilesInside() throws IOException {
    String out = path("owned");
    assertThat(generate(out).exitCode()).isZero();
    Files.writeString(Path.of(out, "keep-me.txt"), "not synthlake's");
    FileSnapshot before = FileSnapshot.of(Path.of(out));
    assertRefused(generate(out, "--mode", "overwrite"), ExitCode.OUTPUT,
        "output " + out + " holds keep-me.txt, which synthlake did not write");
    before.assertIdentical();
    Files.delete(Path.of(out, "keep-me.txt"));
    CliRun again = generate(out, "--mode", "overwrite", "--rows", "20");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(spark.read().parquet(out).count()).isEqualTo(20);
  }

  @Test
  void overwriteAndAppendRefuseADeltaTableSynthlakeDidNotWrite() throws IOException {
    String table = path("foreign-delta");
    spark.range(5).write().format("delta").save(table);
    FileSnapshot before = FileSnapshot.of(Path.of(table));
    assertRefused(generate(table, "--format", "delta", "--mode", "overwrite"), ExitCode.OUTPUT,
        "output " + table + " is a Delta table that synthlake did not write");
    assertRefused(generate(table, "--format", "delta", "--mode", "append"), ExitCode.OUTPUT,
        "is a Delta table that synthlake did not write");
    before.assertIdentical();
  }

  @Test
  void fitRefusesAModelPathThatIsItsSourceInAnySpelling() throws IOException {
    FileSnapshot before = FileSnapshot.of(airports.getParent());
    String same = airports.getParent() + "/./../" + airports.getParent().getFileName() + "/airports.csv";
    assertRefused(synth("fit", "--source", airports.toString(), "--model", same, "--overwrite"), ExitCode.OUTPUT,
        "the model " + same + " is the same path as the source " + airports);
    assertRefused(synth("fit", "--source", airports.getParent().toString(), "--model",
        airports.getParent().resolve("sub/model.json").toString()), ExitCode.OUTPUT, "lies inside the source");
    before.assertIdentical();
  }

  @Test
  void fitOverwriteRefusesAFileThatIsNotAModel() throws IOException {
    Path notes = Files.writeString(tmp.resolve("notes.json"), "{\"mine\": true}");
    FileSnapshot before = FileSnapshot.of(notes.getParent().resolve("notes.json").getParent());
    assertRefused(synth("fit", "--source", airports.toString(), "--model", notes.toString(), "--overwrite"),
        ExitCode.OUTPUT, "model path " + notes + " holds a file that is not a synthlake model");
    before.assertUnchanged();
  }

  @Test
  void runRefusesAnOutputThatIsItsOwnSource() throws IOException {
    Path source = Files.createDirectories(tmp.resolve("run-source"));
    spark.range(50).selectExpr("id % 7 as a", "id % 3 as b").write().mode("overwrite").parquet(source.toString());
    Path job = Files.writeString(tmp.resolve("self.yaml"), "source: {path: " + source + "}\nmodel: "
        + path("self.model.json") + "\noutput: {path: " + source + "/../run-source, mode: overwrite}\n"
        + "generate: {rows: 10}\n");
    FileSnapshot before = FileSnapshot.of(source);
    assertRefused(synth("run", "--config", job.toString(), "--overwrite"), ExitCode.OUTPUT,
        "the output " + source + "/../run-source is the same path as the source " + source);
    before.assertIdentical();
    assertThat(Path.of(path("self.model.json"))).doesNotExist();
  }

  @Test
  void validateRefusesAReportOrHistoryInsideItsInputs() throws IOException {
    String out = path("validated");
    assertThat(generate(out).exitCode()).isZero();
    FileSnapshot sources = FileSnapshot.of(airports.getParent());
    FileSnapshot synthetic = FileSnapshot.of(Path.of(out));
    assertRefused(synth("validate", "--source", airports.toString(), "--synthetic", out, "--report",
        airports.getParent().toString()), ExitCode.OUTPUT, "the report directory " + airports.getParent()
        + " contains the source " + airports);
    assertRefused(synth("validate", "--source", airports.toString(), "--synthetic", out, "--history", out),
        ExitCode.OUTPUT, "the score history " + out + " is the same path as the synthetic table " + out);
    sources.assertIdentical();
    synthetic.assertIdentical();
  }

  @Test
  void lakeTableNamesMustBeIdentifiers() throws IOException {
    FileSnapshot before = FileSnapshot.of(airports.getParent());
    for (String name : List.of("../prod", ".", "\"\"", "a/b", "'x_${env:SYNTHLAKE_PII_KEY}'")) {
      Path lake = Files.writeString(tmp.resolve("names.yaml"), "lake: {output: " + path("names-out")
          + ", models: " + path("names-models") + "}\ntables:\n  " + name + ":\n    mode: copy\n    source: "
          + "{path: " + airports + ", format: csv}\n");
      String shown = name.replaceAll("^[\"']|[\"']$", "");
      assertRefused(synth("lake", "--config", lake.toString()), ExitCode.CONFIG,
          "table name '" + shown + "' is not an identifier");
    }
    before.assertIdentical();
    assertThat(Path.of(path("names-out"))).doesNotExist();
  }

  @Test
  void lakeRefusesOutputsInsideSourcesAndNestedOutputs() throws IOException {
    Path prod = Files.createDirectories(tmp.resolve("lake-prod"));
    Files.copy(airports, prod.resolve("airports.csv"));
    FileSnapshot before = FileSnapshot.of(prod);
    Path inside = Files.writeString(tmp.resolve("inside.yaml"), "lake: {output: " + prod + ", models: "
        + path("inside-models") + "}\ntables:\n  airports:\n    mode: copy\n    source: {path: " + prod
        + "/airports.csv, format: csv}\n  ref:\n    mode: copy\n    source: {path: " + prod
        + ", format: csv}\n");
    assertRefused(synth("lake", "--config", inside.toString()), ExitCode.OUTPUT,
        "the output of table airports " + prod + "/airports lies inside the source of table ref " + prod);
    Path nested = Files.writeString(tmp.resolve("nested.yaml"), "lake: {output: " + path("nested-out")
        + "}\ntables:\n  a:\n    mode: copy\n    source: {path: " + airports + ", format: csv}\n  b:\n    mode: copy"
        + "\n    source: {path: " + airports + ", format: csv}\n    output: {path: " + path("nested-out/a/b")
        + "}\n");
    assertRefused(synth("lake", "--config", nested.toString()), ExitCode.OUTPUT,
        "the output of table a " + path("nested-out/a") + " contains the output of table b");
    before.assertIdentical();
    assertThat(Path.of(path("nested-out"))).doesNotExist();
  }

  @Test
  void noNameOrPathIsExpandedIntoTheDeltaLog() throws IOException {
    System.setProperty("synthlake.test.secret", "s3cr3t-value");
    try {
      String out = path("expanded-delta");
      Path job = Files.writeString(tmp.resolve("expand.yaml"), "source: {path: " + airports + ", format: csv, "
          + "name: 'airports_${system:synthlake.test.secret}'}\nmodel: " + path("expand.model.json")
          + "\noutput: {path: '" + out + "', format: delta}\ngenerate: {rows: 10}\n");
      CliRun run = synth("run", "--config", job.toString(), "--skip-validate");
      assertThat(run.exitCode()).as(run.err()).isZero();
      try (Stream<Path> files = Files.walk(Path.of(out, "_delta_log"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
              .doesNotContain("s3cr3t-value");
        }
      }
      assertThat(DeltaTable.forPath(spark, out).detail().first().getJavaMap(
          DeltaTable.forPath(spark, out).detail().schema().fieldIndex("properties")).toString())
          .contains("airports_${system:synthlake.test.secret}");
    } finally {
      System.clearProperty("synthlake.test.secret");
    }
  }

  @Test
  void aDeltaAppendIsOneCommitWithItsManifest() {
    String out = path("append-delta");
    assertThat(generate(out, "--format", "delta").exitCode()).isZero();
    CliRun append = generate(out, "--format", "delta", "--mode", "append", "--rows", "15");
    assertThat(append.exitCode()).as(append.err()).isZero();
    assertThat(DeltaTable.forPath(spark, out).history().count()).isEqualTo(2);
    // Both commits carry the manifest of the table after them, the append's with the rows of both runs.
    assertThat(DeltaTable.forPath(spark, out).history().orderBy("version").select("userMetadata").collectAsList())
        .extracting(r -> r.getString(0))
        .satisfiesExactly(first -> assertThat(first).contains("\"rows\":10,"),
            second -> assertThat(second).contains("\"rows\":25,"));
    assertThat(generate(out, "--format", "delta", "--mode", "append", "--rows", "5").exitCode()).isZero();
    // Each append continues the row indices of the last manifest: identifiers stay unique.
    assertThat(spark.read().format("delta").load(out).count()).isEqualTo(30);
    assertThat(spark.read().format("delta").load(out).select("iata").distinct().count()).isEqualTo(30);
  }

  private static JobConfig job(String output, String mode, long rows) {
    return ConfigLoader.load(null, List.of(ConfigOverride.of("model", model, "--model"),
        ConfigOverride.of("output.path", output, "--output"), ConfigOverride.of("output.mode", mode, "--mode"),
        ConfigOverride.of("generate.rows", rows, "--rows")));
  }

  /** Thrown by the step listener: an Error, so no catch block cleans up, as with a kill. */
  private static final class Kill extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static void killAt(FileCommit.Step at) {
    FileCommit.listener = (step, target) -> {
      if (step == at) {
        throw new Kill();
      }
    };
  }

  @Test
  void aKillBetweenTheRenamesIsHealedByTheNextRun() {
    String out = path("killed-between");
    assertThat(generate(out).exitCode()).isZero();
    killAt(FileCommit.Step.OLD_MOVED_ASIDE);
    assertThatThrownBy(() -> GenerateJob.run(spark, job(out, "overwrite", 25))).isInstanceOf(Kill.class);
    noKill();
    assertThat(Path.of(out)).doesNotExist();
    assertThat(Path.of(path(".killed-between" + FileCommit.JOURNAL_SUFFIX))).exists();
    // The next command that touches the output completes the commit: the new 25 rows are in place.
    CliRun validate = synth("validate", "--source", airports.toString(), "--synthetic", out, "--model", model);
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(spark.read().parquet(out).count()).isEqualTo(25);
    assertThat(Path.of(path(".killed-between" + FileCommit.JOURNAL_SUFFIX))).doesNotExist();
  }

  @Test
  void aKillBeforeTheSwapKeepsTheOldOutputAndAKillAfterItTheNew() {
    String out = path("killed-before");
    assertThat(generate(out).exitCode()).isZero();
    FileSnapshot old = FileSnapshot.of(Path.of(out));
    killAt(FileCommit.Step.JOURNAL_WRITTEN);
    assertThatThrownBy(() -> GenerateJob.run(spark, job(out, "overwrite", 25))).isInstanceOf(Kill.class);
    noKill();
    old.assertIdentical();
    assertThat(SyntheticWriter.heal(spark, out)).contains("discarded the unfinished new output");
    old.assertIdentical();
    assertThat(siblings(out)).isEmpty();

    killAt(FileCommit.Step.NEW_MOVED_IN);
    assertThatThrownBy(() -> GenerateJob.run(spark, job(out, "overwrite", 25))).isInstanceOf(Kill.class);
    noKill();
    assertThat(spark.read().parquet(out).count()).isEqualTo(25);
    assertThat(SyntheticWriter.heal(spark, out)).contains("cleared what a finished overwrite");
    assertThat(siblings(out)).isEmpty();
  }

  @Test
  void aKillInTheMiddleOfAnAppendIsCompletedByTheNextRun() {
    String out = path("killed-append");
    CliRun first = generate(out, "--rows", "30");
    assertThat(first.exitCode()).as(first.err()).isZero();
    killAt(FileCommit.Step.DATA_FILE_MOVED);
    JobConfig append = job(out, "append", 40);
    assertThatThrownBy(() -> GenerateJob.run(spark, new JobConfig(append.source(), append.model(), append.fit(),
        new io.synthlake.config.GenerateConfig(40L, null, null, 4), append.output(), append.validate(),
        append.pii()))).isInstanceOf(Kill.class);
    noKill();
    CliRun next = generate(out, "--mode", "append", "--rows", "5");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(spark.read().parquet(out).count()).isEqualTo(75);
    assertThat(spark.read().parquet(out).select("iata").distinct().count()).isEqualTo(75);
    assertThat(spark.read().parquet(out).where(functions.col("iata").isNull()).count()).isZero();
  }

  @Test
  void aForgedJournalMovesAndDeletesNothing() throws IOException {
    Path prod = Files.createDirectories(tmp.resolve("forged-prod"));
    Files.writeString(prod.resolve("data.csv"), "a\n1\n");
    FileSnapshot before = FileSnapshot.of(prod);
    String out = path("forged-out");
    Files.writeString(Path.of(path(".forged-out" + FileCommit.JOURNAL_SUFFIX)),
        "{\"mode\": \"overwrite\", \"staging\": \"forged-prod\", \"previous\": \"../forged-prod\"}");
    assertRefused(generate(out), ExitCode.OUTPUT, "cannot inspect output " + out,
        "names paths that are not this output's own staging or previous directories");
    before.assertIdentical();
    assertThat(Path.of(out)).doesNotExist();
  }

  @Test
  void aFailedAppendKeepsItsStagingAndTheNextRunCompletesIt() {
    String out = path("interrupted-append");
    assertThat(generate(out, "--rows", "30").exitCode()).isZero();
    FileCommit.listener = (step, target) -> {
      if (step == FileCommit.Step.DATA_FILE_MOVED) {
        throw new java.io.UncheckedIOException(new IOException("disk quota exceeded"));
      }
    };
    CliRun failed = generate(out, "--mode", "append", "--rows", "40", "--partitions", "4");
    noKill();
    assertRefused(failed, ExitCode.OUTPUT, "writing " + out + " was interrupted",
        "the next synthlake command that reads or writes " + out + " completes it");
    CliRun next = generate(out, "--mode", "append", "--rows", "5");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(spark.read().parquet(out).count()).isEqualTo(75);
    assertThat(spark.read().parquet(out).select("iata").distinct().count()).isEqualTo(75);
  }

  @Test
  void aJournalOfALiveProcessIsLeftAlone() throws IOException {
    String out = path("live-journal");
    assertThat(generate(out).exitCode()).isZero();
    FileSnapshot before = FileSnapshot.of(Path.of(out));
    String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[^@]*@", "");
    long live = ProcessHandle.current().parent().orElseThrow().pid();
    Files.writeString(Path.of(path(".live-journal" + FileCommit.JOURNAL_SUFFIX)), "{\"mode\": \"overwrite\", "
        + "\"staging\": \".live-journal.synthlake-staging-" + java.util.UUID.randomUUID() + "\", \"previous\": "
        + "\".live-journal.synthlake-previous-" + java.util.UUID.randomUUID() + "\", \"host\": \"" + host
        + "\", \"pid\": " + live + ", \"written-at\": 0}");
    assertRefused(generate(out, "--mode", "overwrite"), ExitCode.OUTPUT, "another synthlake run",
        "is committing to");
    before.assertIdentical();
  }

  @Test
  void foreignFilesInsidePartitionsAndOutputsInsideTablesAreRefused() throws IOException {
    String out = path("partitioned");
    CliRun first = generate(out, "--rows", "40", "--partition-by", "country");
    assertThat(first.exitCode()).as(first.err()).isZero();
    Path partition;
    try (Stream<Path> dirs = Files.list(Path.of(out))) {
      partition = dirs.filter(p -> p.getFileName().toString().startsWith("country=")).findFirst().orElseThrow();
    }
    Files.writeString(partition.resolve("notes.xlsx"), "mine");
    FileSnapshot before = FileSnapshot.of(Path.of(out));
    assertRefused(generate(out, "--mode", "overwrite", "--partition-by", "country"), ExitCode.OUTPUT,
        "holds " + partition.getFileName() + "/notes.xlsx, which synthlake did not write");
    assertRefused(generate(out + "/inner"), ExitCode.OUTPUT, "output " + out + "/inner lies inside the table");
    before.assertIdentical();
  }

  @Test
  void clusterPathsHaveOneSpelling() throws Exception {
    assertThat(PathResolver.canonical(new java.net.URI("HDFS://NameNode:8020/prod/orders")))
        .isEqualTo(new java.net.URI("hdfs://namenode/prod/orders"));
    assertThat(PathResolver.canonical(new java.net.URI("hdfs://nn:9000/x")))
        .isEqualTo(new java.net.URI("hdfs://nn:9000/x"));
    assertThat(PathResolver.canonical(new java.net.URI("s3://Bucket/a"))).isEqualTo(new java.net.URI("s3a://bucket/a"));
  }

  private static List<Path> siblings(String output) {
    Path target = Path.of(output);
    try (Stream<Path> files = Files.list(target.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith("." + target.getFileName() + ".synthlake"))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
