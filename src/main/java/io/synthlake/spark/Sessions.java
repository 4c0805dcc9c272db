package io.synthlake.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place sessions are made. Under spark-submit the master and settings come from the submitter; run any
 * other way (scripts/synth, tests, an IDE) with no master configured, synthlake embeds a local Spark on every
 * core. Delta's extension and catalog are added unless the user configured their own.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession getOrCreate(String appName) {
    // An embedding application (or a test) may already have a session: use it as it is.
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return active.get();
    }
    scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      return existing.get();
    }
    return SparkSession.builder().config(conf(appName)).getOrCreate();
  }

  /** The settings of a session synthlake starts: the user's, with the defaults and the one forced setting below. */
  static SparkConf conf(String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Dates and timestamps become numbers in the model; UTC keeps them independent of the machine's zone.
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Forced, whatever the user configured: synthlake parses no SQL but source.where, and ${env:X} or ${system:X}
    // in it must never be expanded into secrets (RowFilterRules refuses "${" too).
    conf.set("spark.sql.variable.substitute", "false");
    return conf;
  }
}
