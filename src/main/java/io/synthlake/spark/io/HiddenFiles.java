package io.synthlake.spark.io;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The hidden files synthlake writes beside a target before moving them into place: {@code .NAME.PURPOSE-UUID}.
 * The leading dot keeps Spark, Delta and Parquet readers from listing them; the UUID keeps concurrent runs apart.
 */
public final class HiddenFiles {
  private HiddenFiles() {}

  /** A new hidden sibling of path for this purpose ("tmp", "previous", ...): {@code .NAME.PURPOSE-UUID}. */
  public static Path temporary(Path path, String purpose) {
    return new Path(path.getParent(), prefix(path.getName(), purpose) + UUID.randomUUID());
  }

  /** The start of the names {@link #temporary} gives a file of this name and purpose: {@code .NAME.PURPOSE-}. */
  public static String prefix(String name, String purpose) {
    return "." + name + "." + purpose + "-";
  }

  /** Deletes path if it can; for clean-up after a failure, where the hidden file is harmless if it stays. */
  public static void deleteQuietly(FileSystem fs, Path path, boolean recursive) {
    if (fs == null) {
      return;
    }
    try {
      fs.delete(path, recursive);
    } catch (IOException ignored) {
      // best effort: a hidden file or directory holds no part of the target
    }
  }
}
