package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real multi-process Spark cluster: a standalone master and two workers, each its own JVM started from the Maven
 * classpath on loopback, run a two-table lake refresh with a foreign key, submitted through Spark's SparkSubmit.
 * The application is the shaded jar users submit, and the cluster's classpath holds Spark alone. Executors in other
 * JVMs must receive every closure, sampler and aggregator serialised, the generated tables (fake personal data
 * included) must equal, row for row, what local mode generates from the same models and seeds, and the key must
 * hold.
 */
class StandaloneClusterTest extends SparkTestBase {
  private static final long START_TIMEOUT_SECONDS = 120;
  private static final long RUN_TIMEOUT_SECONDS = 600;
  private static final List<Process> DAEMONS = new ArrayList<>();
  private static String classpath;
  private static String masterUrl;
  private static Path scratch;

  @BeforeAll
  static void startCluster() throws Exception {
    classpath = sparkClasspath();
    // The daemons run in a scratch directory: a worker puts <cwd>/conf on its executors' classpath.
    scratch = Files.createDirectories(tmp.resolve("cluster"));
    int masterPort = freePort();
    masterUrl = "spark://127.0.0.1:" + masterPort;
    DAEMONS.add(start("master", List.of("-Dspark.master.rest.enabled=false", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())),
        Map.of()));
    for (int w = 1; w <= 2; w++) {
      // Without a Spark distribution, a worker needs the Scala version named, and SPARK_SQL_TESTING lets it
      // build executor command lines without a jars/ directory; executors get the classpath from the app.
      DAEMONS.add(start("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", masterUrl,
          "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(freePort()),
          "--work-dir", scratch.resolve("work-" + w).toString()),
          Map.of("SPARK_SCALA_VERSION", "2.13", "SPARK_SQL_TESTING", "1")));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (registeredWorkers() < 2) {
      assertThat(System.nanoTime()).as("two workers registered within %d s; master log:%n%s",
          START_TIMEOUT_SECONDS, Files.readString(scratch.resolve("master.log"))).isLessThan(deadline);
      for (Process daemon : DAEMONS) {
        assertThat(daemon.isAlive()).as("a cluster daemon exited early; see " + scratch).isTrue();
      }
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    // Workers first (their shutdown hooks stop their executors), then the master.
    for (int i = DAEMONS.size() - 1; i >= 0; i--) {
      Process daemon = DAEMONS.get(i);
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    DAEMONS.clear();
  }

  @Test
  void aLakeRefreshOnTheClusterEqualsLocalModeForTheSameModelAndSeed() throws Exception {
    Path flights = tmp.resolve("flights-2000.csv");
    Files.write(flights, Files.readAllLines(Path.of("data/lake/flights.csv")).subList(0, 2001));
    // The sample lake holds no personal data: airport names stand in for people's, so datafaker runs on executors.
    String tables = "tables:\n  airports:\n    source: {path: " + Path.of("data/lake/airports.csv").toAbsolutePath()
        + "}\n    pii: {columns: {name: full-name}}\n  flights:\n    source: {path: " + flights + "}\n"
        + "    foreign-keys:\n      - {columns: [origin], references: {table: airports, columns: [iata]}}\n";
    String defaults = "defaults:\n  source: {format: csv, options: {header: \"true\"}}\n  generate: {scale: 1.0, "
        + "partitions: 3}\n";
    Path clusterLake = tmp.resolve("cluster-lake.yaml");
    Files.writeString(clusterLake, "lake:\n  models: " + path("models") + "\n  output: " + path("cluster-tables")
        + "\n  reports: " + path("cluster-reports") + "\n  seed: 5\n" + defaults + tables);

    Process submit = submit(List.of("lake", "--config", clusterLake.toString()));
    assertThat(submit.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the lake job finished").isTrue();
    String log = Files.readString(scratch.resolve("submit.log"));
    assertThat(submit.exitValue()).as(log).isZero();
    assertThat(log).contains("airports (synthesize): fitted, generated 3,376 rows")
        .contains("flights (synthesize): fitted, generated 2,000 rows, validated (overall 0.");
    // Tasks ran on both workers' executors, in JVMs of their own.
    for (int w = 1; w <= 2; w++) {
      try (Stream<Path> files = Files.walk(scratch.resolve("work-" + w))) {
        assertThat(files.anyMatch(file -> file.getFileName().toString().equals("stderr"))).as("worker " + w
            + " ran an executor").isTrue();
      }
    }

    // The same models and seed in local mode, written elsewhere.
    Path localLake = tmp.resolve("local-lake.yaml");
    Files.writeString(localLake, "lake:\n  models: " + path("models") + "\n  output: " + path("local-tables")
        + "\n  reports: " + path("local-reports") + "\n  seed: 5\n" + defaults + tables);
    CliRun local = synth("lake", "--config", localLake.toString(), "--phase", "generate");
    assertThat(local.exitCode()).as(local.err()).isZero();
    for (String table : List.of("airports", "flights")) {
      Dataset<Row> onCluster = spark.read().parquet(path("cluster-tables/" + table));
      Dataset<Row> inLocalMode = spark.read().parquet(path("local-tables/" + table));
      assertThat(onCluster.count()).as(table).isEqualTo(inLocalMode.count()).isPositive();
      assertThat(onCluster.exceptAll(inLocalMode).count()).as(table).isZero();
      assertThat(inLocalMode.exceptAll(onCluster).count()).as(table).isZero();
    }
    assertThat(Files.exists(Path.of(path("cluster-reports/flights"), "report.html"))).isTrue();
    // The foreign key holds: every origin is one of the synthetic airports' codes.
    Dataset<Row> codes = spark.read().parquet(path("cluster-tables/airports")).select("iata");
    assertThat(spark.read().parquet(path("cluster-tables/flights")).select("origin").where("origin is not null")
        .except(codes).count()).isZero();
    Dataset<Row> names = spark.read().option("header", "true").csv("data/lake/airports.csv").select("name");
    assertThat(spark.read().parquet(path("cluster-tables/airports")).select("name").where("name is not null")
        .intersect(names).count()).as("fake names equal to a source one").isZero();
  }

  private static Process submit(List<String> command) throws IOException {
    Path jar = applicationJar();
    List<String> arguments = new ArrayList<>(List.of("-Xmx1g",
        "-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
        "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", "client",
        "--class", "io.synthlake.cli.SynthMain",
        "--conf", "spark.executor.extraClassPath=" + classpath,
        "--conf", "spark.cores.max=2", "--conf", "spark.executor.cores=1",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
        jar.toString()));
    arguments.addAll(command);
    return start("submit", arguments, Map.of(), Path.of("").toAbsolutePath());
  }

  /**
   * The shaded jar users submit, which Maven builds before the tests (target/app). Nothing of synthlake, Delta,
   * picocli or datafaker is on the cluster's classpath, so the job runs only if the jar holds all it needs.
   */
  private static Path applicationJar() {
    Path jar = Path.of("target/app/synthlake-" + io.synthlake.Version.version() + ".jar");
    assertThat(jar).as("the shaded jar; run the tests through Maven, which builds it first").exists();
    return jar.toAbsolutePath();
  }

  /** What a Spark 4.1 installation has: the Maven classpath without the project and what its jar shades in. */
  private static String sparkClasspath() throws IOException {
    List<String> shadedIn = List.of("/io/delta/", "/io/unitycatalog/", "/info/picocli/", "/jackson-dataformat-yaml/",
        "/jackson-datatype-jdk8/", "/org/yaml/snakeyaml/", "/net/datafaker/", "/rgxgen/", "/libphonenumber/");
    return java.util.Arrays.stream(Files.readString(Path.of("target/classpath.txt")).strip()
            .split(java.io.File.pathSeparator))
        .filter(entry -> shadedIn.stream().noneMatch(entry.replace('\\', '/')::contains))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static Process start(String name, List<String> arguments, Map<String, String> environment)
      throws IOException {
    return start(name, arguments, environment, scratch);
  }

  private static Process start(String name, List<String> arguments, Map<String, String> environment, Path directory)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath));
    command.addAll(SparkModuleFlags.FLAGS);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(scratch.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("SPARK_HOME");
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static long registeredWorkers() throws IOException {
    Path log = scratch.resolve("master.log");
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("Registering worker"))
        .count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The --add-opens flags Spark needs on Java 17, as scripts/synth and surefire pass them. */
  static final class SparkModuleFlags {
    static final List<String> FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkModuleFlags() {}
  }
}
