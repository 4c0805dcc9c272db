package io.synthlake.spark.io;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** How synthlake recognises a Delta table on a file system: its root holds a _delta_log directory. */
public final class DeltaPaths {
  public static final String LOG_DIRECTORY = "_delta_log";

  private DeltaPaths() {}

  /** The transaction log directory of the table at path. */
  public static Path log(Path table) {
    return new Path(table, LOG_DIRECTORY);
  }

  /** Whether path is the root of a Delta table. */
  public static boolean isDeltaTable(FileSystem fs, Path path) throws IOException {
    return fs.exists(log(path));
  }
}
