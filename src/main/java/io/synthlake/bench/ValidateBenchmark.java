package io.synthlake.bench;

import io.synthlake.config.ConfigLoader;
import io.synthlake.config.ConfigOverride;
import io.synthlake.config.JobConfig;
import io.synthlake.spark.generate.GenerateJob;
import io.synthlake.spark.validate.ValidateJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Validate benchmark (scripts/bench validate): the time and peak driver heap of validating one N-row Adult-like
 * table against another (two generate runs of the Adult model with different seeds, written as Parquet and kept
 * for later runs), with the time of each phase; then the cost of ML utility on the same tables. Prints figures;
 * asserts nothing.
 */
public final class ValidateBenchmark {
  private ValidateBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs parsed = BenchArgs.parse(args, List.of(1_000_000L, 10_000_000L), "--rows N[,N...] or --dir DIR");
    List<Long> sizes = parsed.sizes();
    Path dir = parsed.dir();
    Files.createDirectories(dir);
    SparkSession spark = BenchArgs.session("validate");
    spark.sparkContext().setLogLevel("WARN");
    String model = dir.resolve("adult-validate-bench.model.json").toString();
    io.synthlake.spark.fit.FitJob.run(spark, ConfigLoader.load(Path.of("jobs/adult.yaml"), List.of(
        ConfigOverride.of("model", model, "bench"), ConfigOverride.of("fit.overwrite-model", true, "bench"))));
    System.out.println("| rows (each table) | seconds | rows/s (both tables) | peak driver heap GB "
        + "| seconds per phase |");
    System.out.println("|---|---|---|---|---|");
    for (long rows : sizes) {
      String source = table(spark, model, dir, "validate-source", rows, 1);
      String synthetic = table(spark, model, dir, "validate-synthetic", rows, 2);
      JobConfig job = ConfigLoader.load(null, List.of(ConfigOverride.of("source.path", source, "bench"),
          ConfigOverride.of("model", model, "bench"), ConfigOverride.of("validate.synthetic", synthetic, "bench"),
          ConfigOverride.of("validate.report", dir.resolve("validate-report-" + rows).toString(), "bench")));
      System.gc();
      FitBenchmark.HeapSampler sampler = new FitBenchmark.HeapSampler();
      sampler.start();
      ValidateJob.Result result = ValidateJob.run(spark, job);
      double peak = sampler.stopAndGetPeak() / 1e9;
      StringBuilder phases = new StringBuilder();
      for (Map.Entry<String, Double> phase : result.phaseSeconds().entrySet()) {
        phases.append(phases.length() == 0 ? "" : ", ").append(phase.getKey()).append(' ')
            .append(String.format(Locale.ROOT, "%.1f", phase.getValue()));
      }
      System.out.printf(Locale.ROOT, "| %,d | %.1f | %,.0f | %.2f | %s |%n", rows, result.seconds(),
          2 * rows / result.seconds(), peak, phases);
    }
    mlUtility(spark, dir, sizes);
  }

  /**
   * ML utility's cost: the source fitted again with a 20% holdout, then validate --target income, which trains
   * MLlib's models on the synthetic table and on the source's training rows and tests them on its held-out rows.
   */
  private static void mlUtility(SparkSession spark, Path dir, List<Long> sizes) {
    System.out.println();
    System.out.println("| rows (each table) | fit with holdout s | validate s | ml-utility phase s | training rows "
        + "| synthetic rows | held-out rows | boosted trees AUC real / synthetic |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (long rows : sizes) {
      String source = dir.resolve("validate-source-" + rows).toString();
      String synthetic = dir.resolve("validate-synthetic-" + rows).toString();
      String model = dir.resolve("validate-source-" + rows + "-holdout.model.json").toString();
      long start = System.nanoTime();
      io.synthlake.spark.fit.FitJob.run(spark, ConfigLoader.load(null, List.of(
          ConfigOverride.of("source.path", source, "bench"), ConfigOverride.of("model", model, "bench"),
          ConfigOverride.of("fit.holdout", 0.2, "bench"), ConfigOverride.of("fit.overwrite-model", true, "bench"))));
      double fitSeconds = (System.nanoTime() - start) / 1e9;
      ValidateJob.Result result = ValidateJob.run(spark, ConfigLoader.load(null, List.of(
          ConfigOverride.of("source.path", source, "bench"), ConfigOverride.of("model", model, "bench"),
          ConfigOverride.of("validate.synthetic", synthetic, "bench"),
          ConfigOverride.of("validate.target", "income", "bench"),
          ConfigOverride.of("validate.report", dir.resolve("validate-ml-report-" + rows).toString(), "bench"))));
      io.synthlake.validate.MlUtility ml = result.report().mlUtility();
      io.synthlake.validate.MlUtility.ModelResult trees = ml.models().get(ml.models().size() - 1);
      System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %,d | %,d | %,d | %.4f / %.4f |%n", rows,
          fitSeconds, result.seconds(), result.phaseSeconds().getOrDefault("ml-utility", Double.NaN),
          ml.trainingRows(), ml.syntheticRows(), ml.testRows(), trees.real().get("auc"),
          trees.synthetic().get("auc"));
    }
  }

  private static String table(SparkSession spark, String model, Path dir, String name, long rows, long seed) {
    Path path = dir.resolve(name + "-" + rows);
    if (!Files.exists(path.resolve("_SUCCESS"))) {
      GenerateJob.run(spark, ConfigLoader.load(null, List.of(ConfigOverride.of("model", model, "bench"),
          ConfigOverride.of("generate.rows", rows, "bench"), ConfigOverride.of("generate.seed", seed, "bench"),
          ConfigOverride.of("output.path", path.toString(), "bench"),
          ConfigOverride.of("output.mode", "overwrite", "bench"))));
    }
    return path.toString();
  }
}
