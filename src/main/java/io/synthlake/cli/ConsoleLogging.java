package io.synthlake.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps Spark's, Hadoop's and Delta's own log lines (task failures with their stack traces, retries) off the
 * console: a failure is reported as synthlake's one line, and --verbose shows everything.
 */
final class ConsoleLogging {
  static final String[] LIBRARIES = {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "io.delta",
      "org.apache.orc", "org.sparkproject", "io.netty", "org.apache.zookeeper"};

  private ConsoleLogging() {}

  static void quietUnlessVerbose(boolean verbose) {
    if (verbose) {
      return;
    }
    try {
      for (String library : LIBRARIES) {
        Configurator.setAllLevels(library, Level.OFF);
      }
    } catch (LinkageError | RuntimeException e) {
      // Not log4j 2 (a cluster with another logging backend): its own configuration decides.
    }
  }
}
