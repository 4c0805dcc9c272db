package io.synthlake.spark.generate;

import io.synthlake.spark.PhaseTimer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rows generated so far, the total and the rate every few seconds while a generate job runs, from the
 * records its finished tasks read from the synthetic source (tasks are a million rows or so, so the count moves
 * often). Only the jobs of its own job group count.
 */
final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  static final long INTERVAL_SECONDS = 10;

  private final SparkSession spark;
  private final String label;
  private final long total;
  private final String group;
  private final AtomicLong rows = new AtomicLong();
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private final Listener listener = new Listener();

  ProgressReporter(SparkSession spark, String group, String label, long total) {
    this.spark = spark;
    this.group = group;
    this.label = label;
    this.total = total;
    spark.sparkContext().addSparkListener(listener);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "synthlake-progress");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(this::report, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  private void report() {
    long done = Math.min(rows.get(), total);
    double seconds = PhaseTimer.since(startNanos).seconds();
    LOG.info(String.format(Locale.ROOT, "%s: %,d of %,d rows (%.0f%%), %,.0f rows/s", label, done, total,
        100.0 * done / total, done / Math.max(seconds, 1e-9)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.sparkContext().removeSparkListener(listener);
  }

  private final class Listener extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      if (group.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
        jobStart.stageIds().foreach(id -> stages.add((Integer) id));
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (stages.contains(taskEnd.stageId()) && taskEnd.taskMetrics() != null
          && "Success".equals(String.valueOf(taskEnd.reason()))) {
        rows.addAndGet(taskEnd.taskMetrics().inputMetrics().recordsRead());
      }
    }
  }
}
