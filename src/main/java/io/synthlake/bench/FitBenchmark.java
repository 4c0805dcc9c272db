package io.synthlake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.io.ModelStore;
import io.synthlake.stats.StandardNormal;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.stat.Correlation;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Fit benchmark (scripts/bench fit): fit time per phase on generated tables of several sizes, the bytes each
 * phase returns to the driver, the JVM's peak heap, and the alternatives for the two costly aggregates (MLlib
 * Correlation.corr and one SQL aggregate of sums against the copula pass; approxQuantile against
 * percentile_approx). Prints figures; asserts nothing.
 */
public final class FitBenchmark {
  private static final int PARTITIONS = 8;

  private FitBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs parsed = BenchArgs.parse(args, List.of(3_000_000L, 20_000_000L),
        "--rows N[,N...], --dir DIR, --no-comparisons");
    List<Long> sizes = parsed.sizes();
    Path dir = parsed.dir();
    boolean comparisons = parsed.comparisons();
    SparkSession spark = BenchArgs.session("fit");
    warmUp(spark, dir);
    List<String> lines = new ArrayList<>();
    lines.add("| table | rows | columns | profile s | refine s | rules s | order s | labels s | copula s | total s | "
        + "rows/s | bytes to driver (profile/refine/rules/order/labels/copula) | peak used heap GB (driver + local "
        + "executors) | rule candidates, rules kept; label tables, per-label marginals |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (long rows : sizes) {
      for (String kind : List.of("mixed", "numeric10", "conditional")) {
        Path table = dir.resolve(kind + "-" + rows);
        if (!Files.exists(table.resolve("_SUCCESS"))) {
          System.out.printf("generating %s (%d rows)...%n", table, rows);
          (kind.equals("mixed") ? mixed(spark, rows) : kind.equals("numeric10") ? numeric10(spark, rows)
              : conditional(spark, rows)).write().mode("overwrite").parquet(table.toString());
        }
        lines.add(fit(spark, kind, rows, table, dir));
        System.out.println(lines.get(lines.size() - 1));
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    if (comparisons) {
      long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
      System.out.println();
      compareAggregates(spark, dir.resolve("numeric10-" + largest), dir, largest);
    }
    spark.stop();
  }

  /** One small fit first, so that JIT compilation and Spark's start-up are not charged to the first figure. */
  private static void warmUp(SparkSession spark, Path dir) throws InterruptedException {
    Path table = dir.resolve("warm-up");
    if (!Files.exists(table.resolve("_SUCCESS"))) {
      mixed(spark, 200_000).write().mode("overwrite").parquet(table.toString());
    }
    fit(spark, "warm-up", 200_000, table, dir);
  }

  /** Ten columns of every kind, some correlated through shared draws. */
  static Dataset<Row> mixed(SparkSession spark, long rows) {
    return spark.range(0, rows, 1, PARTITIONS).select(
        expr("case when rand(1) < 0.2 then 0.0 else round(exp(randn(3) * 0.5 + randn(2) * 0.8 + 4), 2) end")
            .as("amount"),
        expr("randn(3) * 15 + 100").as("score"),
        expr("round(rand(4), 2)").as("ratio"),
        expr("cast(18 + floor(rand(5) * 73) as int)").as("age"),
        expr("cast(floor(-ln(rand(6)) * 3) as bigint)").as("visits"),
        expr("id + 1000000").as("customer_id"),
        expr("element_at(array('a','b','c','d','e','f','g','h'), cast(floor(rand(7) * 8) as int) + 1)")
            .as("segment"),
        expr("concat('city-', cast(floor(pow(2000, rand(8))) as int))").as("city"),
        expr("timestamp_seconds(1700000000 + id * 13 % 31536000)").as("created"),
        expr("rand(9) < 0.3").as("active"));
  }

  /**
   * Six columns tied to a region: latitudes by region, a segment associated with it, amounts, ages and a flag that
   * depend on it, so fit builds label tables and per-label marginals.
   */
  static Dataset<Row> conditional(SparkSession spark, long rows) {
    return spark.range(0, rows, 1, PARTITIONS)
        .withColumn("r", expr("cast(floor(pow(rand(11), 1.5) * 6) as int)"))
        .select(
            expr("element_at(array('north','south','east','west','centre','isles'), r + 1)").as("region"),
            expr("30 + 5 * r + 5 * rand(12)").as("lat"),
            expr("element_at(array('retail','business','public'), cast(least(2, floor(rand(13) * 2 + r / 3)) as int)"
                + " + 1)").as("segment"),
            expr("round(exp(randn(14) * 0.4 + 3 + r / 2.0), 2)").as("amount"),
            expr("cast(18 + floor(rand(15) * 50 + r * 3) as int)").as("age"),
            expr("rand(16) < 0.2 + r * 0.1").as("member"));
  }

  /** Ten continuous doubles, as in the reference measurements. */
  static Dataset<Row> numeric10(SparkSession spark, long rows) {
    Column[] columns = new Column[10];
    for (int i = 0; i < 10; i++) {
      columns[i] = expr("randn(100) * 0.5 + randn(" + (200 + i) + ")").as("x" + i);
    }
    return spark.range(0, rows, 1, PARTITIONS).select(columns);
  }

  private static String fit(SparkSession spark, String kind, long rows, Path table, Path dir)
      throws InterruptedException {
    JobConfig job = ConfigLoader.load(null, List.of(
        ConfigOverride.of("source.path", table.toString(), "bench"),
        ConfigOverride.of("model", dir.resolve(kind + "-" + rows + ".model.json").toString(), "bench"),
        ConfigOverride.of("fit.overwrite-model", true, "bench")));
    System.gc();
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long start = System.nanoTime();
    FitJob.Result result = FitJob.run(spark, job);
    double total = (System.nanoTime() - start) / 1e9;
    double peak = sampler.stopAndGetPeak() / 1e9;
    Map<String, Double> s = result.seconds();
    Map<String, Long> b = result.bytes();
    String candidates = result.model().notes().stream().map(io.synthlake.model.ModelNote::message)
        .filter(m -> m.startsWith("rules: ") && m.endsWith("candidates tested")).findFirst().orElse("rules: none")
        .substring("rules: ".length()).replace(" candidates tested", "");
    long tables = result.model().rules().stream().filter(r -> r instanceof io.synthlake.model.LabelTableRule)
        .count();
    return String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f "
        + "| %s / %s / %s / %s / %s / %s | %.2f | %s; %d kept; %d label tables, %d columns with per-label marginals |",
        kind, rows, result.model().columns().size(), s.getOrDefault("profile", 0.0), s.getOrDefault("refine", 0.0),
        s.getOrDefault("rules", 0.0), s.getOrDefault("order", 0.0), s.getOrDefault("labels", 0.0),
        s.getOrDefault("copula", 0.0), total, rows / total, kb(b.get("profile")), kb(b.get("refine")),
        kb(b.get("rules")), kb(b.get("order")), kb(b.get("labels")), kb(b.get("copula")), peak, candidates,
        result.model().rules().stream().filter(r -> !r.holds().isEmpty()).count(), tables,
        result.model().labelMarginals().size());
  }

  /** Samples the JVM's used heap every 20 ms (driver and, in local mode, executors). */
  static final class HeapSampler extends Thread {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile boolean running = true;
    private long peak;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long stopAndGetPeak() throws InterruptedException {
      running = false;
      join();
      return peak;
    }
  }

  private static String kb(Long bytes) {
    return bytes == null ? "-" : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
  }

  /** The alternatives the copula and quantile passes were chosen against, on the same ten doubles. */
  private static void compareAggregates(SparkSession spark, Path table, Path dir, long rows) {
    Dataset<Row> frame = spark.read().parquet(table.toString());
    String[] names = frame.columns();
    System.out.printf(Locale.ROOT, "| operation on %,d rows x %d doubles | seconds |%n|---|---|%n", rows,
        names.length);
    time("a scan with 10 sums (the floor of any pass)", () -> frame.agg(functions.sum(col(names[0])),
        java.util.Arrays.stream(names).skip(1).map(n -> functions.sum(col(n))).toArray(Column[]::new)).first());
    time("Pearson matrix as one SQL aggregate of 65 sums and cross-products",
        () -> frame.agg(functions.count(functions.lit(1)), sumsAndProducts(names)).first());
    time("normal scores by a Java UDF per column, then one SQL aggregate of 65 sums", () -> {
      SynthModel model = ModelStore.read(spark.sparkContext().hadoopConfiguration(),
          dir.resolve(table.getFileName() + ".model.json").toString());
      List<Column> scores = new ArrayList<>();
      for (String name : names) {
        NumericDistribution distribution = NumericDistribution.of(
            (NumericMarginal) model.column(name).orElseThrow().marginal());
        UserDefinedFunction score = functions.udf((UDF1<Double, Double>) x -> x == null ? null
            : StandardNormal.inverseCdf(Math.min(1 - 1e-9, Math.max(1e-9, distribution.uniformScore(x, 0.5)))),
            DataTypes.DoubleType);
        scores.add(score.apply(col(name)).as(name));
      }
      Dataset<Row> z = frame.select(scores.toArray(new Column[0]));
      return z.agg(functions.count(functions.lit(1)), sumsAndProducts(names)).first();
    });
    time("MLlib Correlation.corr (Pearson, after VectorAssembler)", () -> Correlation.corr(
        new VectorAssembler().setInputCols(names).setOutputCol("features").transform(frame), "features").first());
    double[] probabilities = new double[1000];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (i + 0.5) / probabilities.length;
    }
    time("approxQuantile, 10 columns x 1000 probabilities, relative error 1e-3",
        () -> frame.stat().approxQuantile(names, probabilities, 1e-3));
    time("percentile_approx, 10 columns x 1023 probabilities, accuracy 10000 (fit pass 2)", () -> frame.agg(
        functions.percentile_approx(col(names[0]), functions.lit(probabilities), functions.lit(10_000)),
        java.util.Arrays.stream(names).skip(1).map(n -> functions.percentile_approx(col(n),
            functions.lit(probabilities), functions.lit(10_000))).toArray(Column[]::new)).first());
  }

  /** The sums and cross-products of a Pearson matrix: 10 + 55 aggregates for 10 columns. */
  private static Column[] sumsAndProducts(String[] names) {
    List<Column> sums = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      sums.add(functions.sum(col(names[i])));
      for (int j = i; j < names.length; j++) {
        sums.add(functions.sum(col(names[i]).multiply(col(names[j]))));
      }
    }
    return sums.toArray(new Column[0]);
  }

  private static void time(String what, Supplier<Object> work) {
    long start = System.nanoTime();
    work.get();
    System.out.printf(Locale.ROOT, "| %s | %.1f |%n", what, (System.nanoTime() - start) / 1e9);
  }
}
