package io.synthlake.bench;

import io.synthlake.spark.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmarks' shared command line: {@code --rows N[,N...]} (underscores allowed), {@code --dir DIR}, {@code
 * --repeat N} and {@code --no-comparisons}; each benchmark says which it takes.
 */
record BenchArgs(List<Long> sizes, Path dir, int repeat, boolean comparisons) {
  static BenchArgs parse(String[] args, List<Long> defaultSizes, String expected) {
    List<Long> sizes = new ArrayList<>();
    Path dir = Path.of("target/bench");
    int repeat = 1;
    boolean comparisons = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> {
          for (String n : args[++i].split(",")) {
            sizes.add(Long.parseLong(n.replace("_", "")));
          }
        }
        case "--dir" -> dir = Path.of(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--no-comparisons" -> comparisons = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (expected " + expected + ")");
      }
    }
    return new BenchArgs(sizes.isEmpty() ? defaultSizes : List.copyOf(sizes), dir, repeat, comparisons);
  }

  /** The session, with a first line naming the machine the figures come from. */
  static SparkSession session(String benchmark) {
    SparkSession spark = Sessions.getOrCreate("synthlake " + benchmark + " benchmark");
    System.out.printf(Locale.ROOT, "# synthlake %s benchmark: Spark %s, master %s, %d cores, max heap %.1f GB%n",
        benchmark, spark.version(), spark.sparkContext().master(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e9);
    return spark;
  }
}
