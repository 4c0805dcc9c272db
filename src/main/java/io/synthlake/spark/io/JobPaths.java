package io.synthlake.spark.io;

import io.synthlake.config.JobConfig;
import io.synthlake.config.LakeConfig;
import io.synthlake.config.LakeConfig.LakeTable;
import io.synthlake.config.TableMode;
import io.synthlake.paths.PathLayout;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * What a command reads and writes, checked before any work: a job's phases (fit writes the model; generate reads
 * the model and writes the output; validate reads the source and the synthetic table and writes the report and
 * the score history), or every table of a lake refresh at once. See {@link PathLayout} for the rule.
 */
public final class JobPaths {
  private JobPaths() {}

  /** The phases of a single-table command. */
  public enum Step { FIT, GENERATE, VALIDATE }

  /** Checks one job run through the given steps (run: all three; fit, generate or validate: one). */
  public static void check(SparkSession spark, JobConfig job, Set<Step> steps) {
    PathLayout layout = new PathLayout();
    add(spark, layout, job, steps, "", TableMode.SYNTHESIZE);
    PathResolver.check(layout);
    checkOwners(spark, job, steps, TableMode.SYNTHESIZE);
  }

  public static void check(SparkSession spark, JobConfig job, Step step) {
    check(spark, job, EnumSet.of(step));
  }

  /** Checks every table of a lake that this refresh may touch, across tables: no output in any table's source. */
  public static void check(SparkSession spark, LakeConfig lake) {
    PathLayout layout = new PathLayout();
    for (LakeTable table : lake.tables().values()) {
      if (table.mode() == TableMode.SKIP) {
        continue;
      }
      Set<Step> steps = table.mode() == TableMode.SYNTHESIZE ? EnumSet.allOf(Step.class) : EnumSet.of(Step.GENERATE);
      add(spark, layout, table.job(), steps, " of table " + table.name(), table.mode());
    }
    PathResolver.check(layout);
    for (LakeTable table : lake.tables().values()) {
      if (table.mode() == TableMode.SYNTHESIZE) {
        checkOwners(spark, table.job(), EnumSet.allOf(Step.class), table.mode());
      }
    }
  }

  /**
   * The model of the steps holds nothing synthlake would not replace. (The report and score history are
   * validate's to check, {@code ValidateJob.checkWritable}: io stays below validate.)
   */
  private static void checkOwners(SparkSession spark, JobConfig job, Set<Step> steps, TableMode mode) {
    if (mode != TableMode.SYNTHESIZE) {
      return;
    }
    if (steps.contains(Step.FIT) && job.model() != null) {
      ModelStore.checkOwned(spark.sparkContext().hadoopConfiguration(), job.model());
    }
  }

  private static void add(SparkSession spark, PathLayout layout, JobConfig job, Set<Step> steps, String of,
      TableMode mode) {
    boolean fit = steps.contains(Step.FIT);
    boolean generate = steps.contains(Step.GENERATE);
    boolean validate = steps.contains(Step.VALIDATE);
    boolean readsSource = fit || validate || mode != TableMode.SYNTHESIZE || job.source().path() != null
        || job.source().table() != null;
    if (readsSource) {
      // A view or a table of another catalog may read several directories: each is a source.
      for (String source : PathResolver.sourceLocations(spark, job.source())) {
        layout.read("source" + of, given(job.source().path(), job.source().table()), source);
      }
    }
    if (job.model() != null && mode == TableMode.SYNTHESIZE) {
      if (fit) {
        layout.write("model" + of, job.model(), PathResolver.resolve(spark, job.model()));
      } else {
        layout.read("model" + of, job.model(), PathResolver.resolve(spark, job.model()));
      }
    }
    String output = job.output().path();
    if (generate && output != null) {
      layout.write("output" + of, output, PathResolver.resolve(spark, output));
    }
    if (validate) {
      String synthetic = job.validate().synthetic() != null ? job.validate().synthetic() : output;
      if (synthetic != null && !(generate && synthetic.equals(output))) {
        layout.read("synthetic table" + of, synthetic, PathResolver.resolve(spark, synthetic));
      }
      String report = job.validate().report() != null ? job.validate().report()
          : synthetic == null ? null : synthetic.replaceAll("/+$", "") + "-report";
      if (report != null) {
        layout.write("report directory" + of, report, PathResolver.resolve(spark, report));
      }
      if (job.validate().history() != null) {
        layout.sharedWrite("score history", job.validate().history(),
            PathResolver.resolve(spark, job.validate().history()));
      }
    }
  }

  private static String given(String path, String table) {
    return table != null ? table : path;
  }
}
