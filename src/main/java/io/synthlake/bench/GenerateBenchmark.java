package io.synthlake.bench;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.generate.ColumnSink;
import io.synthlake.generate.DiscardSink;
import io.synthlake.generate.TableSampler;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ModelJson;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.fit.FitJob;
import io.synthlake.spark.generate.GenerateJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Generate benchmark (scripts/bench generate): rows per second of synthlake's generate against Spark's own
 * generation of the same number and types of columns (spark.range with randn/rand expressions), both to the noop
 * sink and to Parquet with the same partitioning, for the Adult model and a ten-double model, plus the JVM's peak
 * heap; then the cost of conditional generation (--where, --rebalance) against unconditional generation of the
 * Adult model; and the Spark-free sampler alone on one thread. {@code --no-comparisons} skips the first table.
 * Prints figures; asserts nothing.
 */
public final class GenerateBenchmark {
  private GenerateBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs parsed = BenchArgs.parse(args, List.of(20_000_000L, 60_000_000L),
        "--rows N[,N...], --repeat N, --dir DIR or --no-comparisons");
    List<Long> sizes = parsed.sizes();
    Path dir = parsed.dir();
    int repeat = parsed.repeat();
    Files.createDirectories(dir);
    SparkSession spark = BenchArgs.session("generate");
    spark.sparkContext().setLogLevel("WARN");
    String adult = adultModel(spark, dir);
    String numeric = numericModel(spark, dir);
    // Warm-up: JIT and Spark's code generation, not measured.
    measure(spark, "warm-up", adult, 2_000_000, dir, "noop", 1);
    System.out.printf(Locale.ROOT, "# each figure is the median of %d run(s), native and synthlake alternating%n",
        repeat);

    if (parsed.comparisons()) {
      System.out.println();
      System.out.println("| model | rows | sink | native s | native rows/s | synthlake s | synthlake rows/s | "
          + "ratio synthlake/native | peak heap GB (native / synthlake) |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (long rows : sizes) {
        for (String sink : List.of("noop", "parquet")) {
          System.out.println(measure(spark, "adult", adult, rows, dir, sink, repeat));
          System.out.println(measure(spark, "10 doubles", numeric, rows, dir, sink, repeat));
        }
      }
    }
    samplerAlone(Map.of("adult", adult, "10 doubles", numeric), Math.max(3, repeat));
    conditional(spark, adult, sizes, repeat);
  }

  /** Rows per run of the sampler alone. */
  private static final int SAMPLER_ROWS = 5_000_000;

  /**
   * The Spark-free sampler alone on one thread, every column into a discarding sink, in batches of 4,096 rows as
   * the data source's: the best of the runs after a warm-up, so the figure is the code's, not the machine's load.
   */
  private static void samplerAlone(Map<String, String> models, int runs) throws java.io.IOException {
    System.out.println();
    System.out.println("| model (sampler alone, one thread) | rows | best s of " + runs + " | rows/s |");
    System.out.println("|---|---|---|---|");
    for (String name : List.of("adult", "10 doubles")) {
      String path = models.get(name);
      SynthModel model = ModelJson.read(Files.readString(Path.of(path)), path);
      List<String> columns = model.columns().stream().map(ColumnModel::name).toList();
      TableSampler sampler = TableSampler.of(model, 42, columns, SAMPLER_ROWS);
      ColumnSink[] sinks = new ColumnSink[columns.size()];
      java.util.Arrays.fill(sinks, DiscardSink.INSTANCE);
      double best = Double.POSITIVE_INFINITY;
      for (int run = 0; run <= runs; run++) {
        long start = System.nanoTime();
        for (long first = 0; first < SAMPLER_ROWS; first += 4096) {
          sampler.sample(first, (int) Math.min(4096, SAMPLER_ROWS - first), sinks);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (run > 0) {
          best = Math.min(best, seconds);
        }
      }
      System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,.0f |%n", name, SAMPLER_ROWS, best, SAMPLER_ROWS / best);
    }
  }

  /** Conditional against unconditional generation of the Adult model, noop sink, alternating. */
  private static void conditional(SparkSession spark, String model, List<Long> sizes, int repeat)
      throws InterruptedException {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("--where \"sex = 'Female'\"", new String[] {"where", "sex = 'Female'"});
    cases.put("--where \"income = '>50K' AND age BETWEEN 30 AND 45 AND hours-per-week >= 40\"",
        new String[] {"where", "income = '>50K' AND age BETWEEN 30 AND 45 AND hours-per-week >= 40"});
    cases.put("--rebalance income", new String[] {"rebalance", "income"});
    System.out.println();
    System.out.println("| condition (Adult model, noop sink) | rows | unconditional s | conditional s | "
        + "conditional rows/s | ratio conditional/unconditional |");
    System.out.println("|---|---|---|---|---|---|");
    for (long rows : sizes) {
      int partitions = (int) io.synthlake.spark.source.SyntheticSource.defaultPartitions(spark, rows);
      for (Map.Entry<String, String[]> condition : cases.entrySet()) {
        List<Run> plain = new ArrayList<>();
        List<Run> conditional = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
          plain.add(timed(() -> {
            write(spark.read().format("synthlake").option("model", model).option("rows", rows)
                .option("partitions", partitions).load(), "noop", null);
            return null;
          }));
          conditional.add(timed(() -> {
            write(spark.read().format("synthlake").option("model", model).option("rows", rows)
                .option("partitions", partitions).option(condition.getValue()[0], condition.getValue()[1]).load(),
                "noop", null);
            return null;
          }));
        }
        double base = Run.median(plain).seconds;
        double seconds = Run.median(conditional).seconds;
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,.0f | %.2f |%n", condition.getKey(), rows,
            base, seconds, rows / seconds, seconds / base);
      }
    }
  }

  private static String adultModel(SparkSession spark, Path dir) {
    String model = dir.resolve("adult-bench.model.json").toString();
    JobConfig job = ConfigLoader.load(Path.of("jobs/adult.yaml"), List.of(
        ConfigOverride.of("model", model, "bench"), ConfigOverride.of("fit.overwrite-model", true, "bench")));
    FitJob.run(spark, job);
    return model;
  }

  private static String numericModel(SparkSession spark, Path dir) {
    Path table = dir.resolve("numeric10-200000");
    if (!Files.exists(table.resolve("_SUCCESS"))) {
      FitBenchmark.numeric10(spark, 200_000).write().mode("overwrite").parquet(table.toString());
    }
    String model = dir.resolve("numeric10-bench.model.json").toString();
    FitJob.run(spark, ConfigLoader.load(null, List.of(
        ConfigOverride.of("source.path", table.toString(), "bench"), ConfigOverride.of("model", model, "bench"),
        ConfigOverride.of("fit.overwrite-model", true, "bench"))));
    return model;
  }

  private static String measure(SparkSession spark, String name, String modelPath, long rows, Path dir, String sink,
      int repeat) throws InterruptedException {
    SynthModel model = io.synthlake.spark.io.ModelStore.read(spark.sparkContext().hadoopConfiguration(), modelPath);
    int partitions = (int) io.synthlake.spark.source.SyntheticSource.defaultPartitions(spark, rows);
    Path output = dir.resolve("generated-" + name.replace(' ', '-'));
    Dataset<Row> nativeFrame = nativeLike(spark, model, rows, partitions);
    List<Run> nativeRuns = new ArrayList<>();
    List<Run> synthRuns = new ArrayList<>();
    // Alternating the two spreads the machine's slow spells over both sides.
    for (int r = 0; r < repeat; r++) {
      nativeRuns.add(timed(() -> {
        write(nativeFrame, sink, output.resolve("native").toString());
        return null;
      }));
      synthRuns.add(timed(() -> {
        if (sink.equals("noop")) {
          write(spark.read().format("synthlake").option("model", modelPath).option("rows", rows)
              .option("partitions", partitions).load(), sink, null);
        } else {
          GenerateJob.run(spark, ConfigLoader.load(null, List.of(
              ConfigOverride.of("model", modelPath, "bench"),
              ConfigOverride.of("generate.rows", rows, "bench"),
              ConfigOverride.of("generate.partitions", partitions, "bench"),
              ConfigOverride.of("output.path", output.resolve("synthlake").toString(), "bench"),
              ConfigOverride.of("output.mode", "overwrite", "bench"))));
        }
        return null;
      }));
    }
    Run nativeRun = Run.median(nativeRuns);
    Run synthRun = Run.median(synthRuns);
    return String.format(Locale.ROOT, "| %s | %,d | %s | %.1f | %,.0f | %.1f | %,.0f | %.2f | %.2f / %.2f |", name,
        rows, sink, nativeRun.seconds, rows / nativeRun.seconds, synthRun.seconds, rows / synthRun.seconds,
        nativeRun.seconds / synthRun.seconds, nativeRun.peakGb, synthRun.peakGb);
  }

  /**
   * Spark's own generation of columns of the model's types: randn doubles, rand ints, and strings drawn uniformly
   * from a list of values, as a data generator configured by hand would (dbldatagen's "values"): the column's own
   * labels when the model has them, so both sides write the same vocabulary, else 16 stand-ins.
   */
  static Dataset<Row> nativeLike(SparkSession spark, SynthModel model, long rows, int partitions) {
    List<Column> columns = new ArrayList<>();
    int seed = 1;
    for (ColumnModel column : model.columns()) {
      String type = column.sparkType();
      // Built with the Column API: the model's labels are values, never SQL text to parse.
      Column value = switch (type) {
        case "string" -> pickOne(labels(column), seed);
        case "int", "bigint" -> functions.floor(functions.rand(seed).multiply(100000)).cast(type);
        default -> functions.randn(seed).cast(type);
      };
      columns.add(value.as(column.name()));
      seed++;
    }
    return spark.range(0, rows, 1, partitions).select(columns.toArray(Column[]::new));
  }

  private static List<String> labels(ColumnModel column) {
    if (column.marginal() instanceof CategoricalMarginal categorical && !categorical.categories().isEmpty()) {
      return categorical.categories().stream().map(Category::value).toList();
    }
    return List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
        "kilo", "lima", "mike", "november", "oscar", "papa");
  }

  private static Column pickOne(List<String> values, int seed) {
    Column[] literals = values.stream().map(functions::lit).toArray(Column[]::new);
    return functions.element_at(functions.array(literals),
        functions.floor(functions.rand(seed).multiply(values.size())).cast("int").plus(1));
  }

  private static void write(Dataset<Row> frame, String sink, String path) {
    if (sink.equals("noop")) {
      frame.write().format("noop").mode("overwrite").save();
    } else {
      frame.write().mode("overwrite").parquet(path);
    }
  }

  private record Run(double seconds, double peakGb) {
    /** The median time, and the highest peak heap of the runs. */
    static Run median(List<Run> runs) {
      double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
      double middle = seconds.length % 2 == 1 ? seconds[seconds.length / 2]
          : (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2;
      return new Run(middle, runs.stream().mapToDouble(Run::peakGb).max().orElse(0));
    }
  }

  private static Run timed(Supplier<Object> work) throws InterruptedException {
    System.gc();
    FitBenchmark.HeapSampler sampler = new FitBenchmark.HeapSampler();
    sampler.start();
    long start = System.nanoTime();
    work.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(seconds, sampler.stopAndGetPeak() / 1e9);
  }
}
