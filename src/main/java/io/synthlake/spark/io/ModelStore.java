package io.synthlake.spark.io;

import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.model.ModelFormatException;
import io.synthlake.model.ModelJson;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Model files on any Hadoop file system (local, HDFS, S3, ...). Writes go to a hidden temporary file in the same
 * directory and are renamed into place, so a reader never sees half a model and a failed fit leaves the previous
 * model intact.
 */
public final class ModelStore {
  private ModelStore() {}

  /**
   * Fails fast, before any scan, when the model cannot be written: it exists and overwriting was not requested,
   * it is a directory, or its directory cannot be created or written.
   */
  public static void checkWritable(Configuration conf, String location, boolean overwrite) {
    Path path = new Path(location);
    try {
      FileSystem fs = fileSystem(path, conf);
      if (fs.exists(path)) {
        FileStatus status = fs.getFileStatus(path);
        if (status.isDirectory()) {
          throw SynthException.output("model path %s is a directory: give a file name such as %s/model.json",
              location, location);
        }
        if (!overwrite) {
          throw SynthException.output("model %s already exists: pass --overwrite (or set fit.overwrite-model: "
              + "true) to replace it", location);
        }
        if (!isModel(fs, path)) {
          throw SynthException.output("model path %s holds a file that is not a synthlake model: --overwrite "
              + "replaces only models synthlake wrote; choose another model path", location);
        }
      }
      Path parent = path.getParent();
      if (parent != null) {
        if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
          throw SynthException.output("cannot write model %s: %s is a file, not a directory", location, parent);
        }
        if (!fs.exists(parent) && !fs.mkdirs(parent)) {
          throw SynthException.output("cannot create directory %s for model %s", parent, location);
        }
      }
      Path probe = HiddenFiles.temporary(path, "probe");
      try (OutputStream out = fs.create(probe, false)) {
        out.write('\n');
      }
      fs.delete(probe, false);
    } catch (SynthException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw SynthException.output("cannot write model %s: %s", location, Failures.reason(e));
    }
  }

  /**
   * Fails before any work when the model path holds something synthlake would not replace: a directory, or a
   * file that is not a synthlake model. An absent path or a model passes; whether it may be overwritten is
   * {@link #checkWritable}'s question, asked when the fit starts.
   */
  public static void checkOwned(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = fileSystem(path, conf);
      if (!fs.exists(path)) {
        return;
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw SynthException.output("model path %s is a directory: give a file name such as %s/model.json",
            location, location);
      }
      if (!isModel(fs, path)) {
        throw SynthException.output("model path %s holds a file that is not a synthlake model: synthlake "
            + "replaces only models it wrote; choose another model path", location);
      }
    } catch (SynthException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SynthException(ExitCode.OUTPUT, "cannot inspect model " + location + ": " + Failures.reason(e), e);
    }
  }

  /**
   * Writes the model atomically: a temporary file renamed into place. Where the file system will not rename over
   * an existing file (HDFS, object stores), the old model is first moved aside and deleted only once the new one
   * is in place, so a failure at any step leaves a complete model, old or new, at the path or beside it.
   */
  public static void write(Configuration conf, String location, SynthModel model) {
    Path path = new Path(location);
    byte[] bytes = ModelJson.write(model).getBytes(StandardCharsets.UTF_8);
    Path temporary = HiddenFiles.temporary(path, "tmp");
    FileSystem fs = null;
    try {
      fs = fileSystem(path, conf);
      try (OutputStream out = fs.create(temporary, false)) {
        out.write(bytes);
      }
      if (!fs.rename(temporary, path)) {
        Path previous = HiddenFiles.temporary(path, "previous");
        rename(fs, path, previous);
        try {
          rename(fs, temporary, path);
        } catch (IOException e) {
          rename(fs, previous, path);
          throw e;
        }
        fs.delete(previous, false);
      }
    } catch (IOException | RuntimeException e) {
      HiddenFiles.deleteQuietly(fs, temporary, false);
      throw new SynthException(ExitCode.OUTPUT, "cannot write model " + location + ": " + Failures.reason(e), e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename of " + from + " to " + to + " failed");
    }
  }

  /** Whether the file is a synthlake model: a JSON object with a format version and columns (of any version). */
  private static boolean isModel(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      return root != null && root.isObject() && root.has("format-version") && root.has("columns");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a model file exists at the location (false when the file system cannot be reached). */
  public static boolean exists(Configuration conf, String location) {
    try {
      Path path = new Path(location);
      return fileSystem(path, conf).exists(path);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static SynthModel read(Configuration conf, String location) {
    Path path = new Path(location);
    String text;
    try {
      FileSystem fs = fileSystem(path, conf);
      if (!fs.exists(path)) {
        throw new SynthException(ExitCode.MODEL, "model " + location + " does not exist");
      }
      try (InputStream in = fs.open(path)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new SynthException(ExitCode.MODEL, "cannot read model " + location + ": " + Failures.reason(e));
    }
    try {
      return ModelJson.read(text, location);
    } catch (ModelFormatException e) {
      throw new SynthException(ExitCode.MODEL, e.getMessage(), e);
    }
  }

  /** The raw local file system: no .crc side files next to models. */
  private static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

}
