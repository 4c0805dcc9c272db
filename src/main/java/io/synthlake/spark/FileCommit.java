package io.synthlake.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a complete staging directory into place under a journal, so that a run killed at any step can be healed.
 *
 * <p>An overwrite takes two renames (the old output aside, the new one in); no file system that Spark writes to
 * can swap two non-empty directories in one step. Before the first rename a journal
 * ({@code .NAME.synthlake-commit}, beside the output) names the staging directory and where the old output goes.
 * Each rename is atomic on local disks and HDFS, so a kill leaves one of four states, and {@link #heal} (run by
 * every synthlake command before it reads or writes the output) finishes the commit or puts the old output back:
 *
 * <ul>
 *   <li>staging and target both there: the swap had not begun; the staging directory is discarded.
 *   <li>no target, staging there: the old output was moved aside; the new one is moved in.
 *   <li>no target, no staging, the old output aside: the old output is moved back.
 *   <li>target there, no staging: the swap was done; the old output and the journal are deleted.
 * </ul>
 *
 * An append moves the new data files one by one and then replaces the manifest; healing moves the rest and
 * installs the staging directory's manifest, which describes the table after the append.
 */
final class FileCommit {
  private static final Logger LOG = LoggerFactory.getLogger(FileCommit.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
  static final String JOURNAL_SUFFIX = ".synthlake-commit";

  /** The steps of a commit; tests stop a commit at one of them as a kill would. */
  enum Step { JOURNAL_WRITTEN, OLD_MOVED_ASIDE, NEW_MOVED_IN, DATA_FILE_MOVED }

  /** Called at every step; tests throw from it (an Error, which no cleanup catches) to simulate a kill. */
  interface StepListener {
    void reached(Step step, Path target);
  }

  static volatile StepListener listener = (step, target) -> { };

  /** The journal: what kind of commit, and the names (in the target's parent) of its directories. */
  record Journal(String mode, String staging, String previous) {}

  private FileCommit() {}

  static Path journalPath(Path target) {
    return new Path(target.getParent(), "." + target.getName() + JOURNAL_SUFFIX);
  }

  /** Replaces (or creates) the target with the complete staging directory. */
  static void overwrite(FileSystem fs, Path staging, Path target) throws IOException {
    Path parent = target.getParent();
    if (parent != null && !fs.exists(parent)) {
      fs.mkdirs(parent);
    }
    if (!fs.exists(target)) {
      rename(fs, staging, target);
      return;
    }
    Path previous = sibling(target, "previous");
    Path journal = journalPath(target);
    writeJournal(fs, journal, new Journal("overwrite", staging.getName(), previous.getName()));
    listener.reached(Step.JOURNAL_WRITTEN, target);
    try {
      rename(fs, target, previous);
    } catch (IOException e) {
      fs.delete(journal, false);
      throw e;
    }
    listener.reached(Step.OLD_MOVED_ASIDE, target);
    try {
      rename(fs, staging, target);
    } catch (IOException e) {
      rename(fs, previous, target);
      fs.delete(journal, false);
      throw e;
    }
    listener.reached(Step.NEW_MOVED_IN, target);
    fs.delete(previous, true);
    fs.delete(journal, false);
  }

  /** Moves the staging directory's data files into the target, then its manifest over the target's. */
  static void append(FileSystem fs, Path staging, Path target) throws IOException {
    Path journal = journalPath(target);
    writeJournal(fs, journal, new Journal("append", staging.getName(), null));
    listener.reached(Step.JOURNAL_WRITTEN, target);
    finishAppend(fs, staging, target);
    fs.delete(journal, false);
  }

  private static void finishAppend(FileSystem fs, Path staging, Path target) throws IOException {
    String root = fs.makeQualified(staging).toUri().getPath();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(staging, true);
    List<Path> data = new ArrayList<>();
    while (files.hasNext()) {
      Path file = files.next().getPath();
      String name = file.getName();
      if (!name.startsWith("_") && !name.startsWith(".")) {
        data.add(file);
      }
    }
    for (Path file : data) {
      String relative = file.toUri().getPath().substring(root.length() + 1);
      Path destination = new Path(target, relative);
      fs.mkdirs(destination.getParent());
      rename(fs, file, destination);
      listener.reached(Step.DATA_FILE_MOVED, target);
    }
    Path manifest = new Path(target, OutputManifest.FILE_NAME);
    Path temporary = new Path(target, "." + OutputManifest.FILE_NAME + ".tmp-" + UUID.randomUUID());
    copy(fs, new Path(staging, OutputManifest.FILE_NAME), temporary);
    replace(fs, temporary, manifest);
    fs.delete(staging, true);
  }

  /**
   * Finishes or undoes a commit that a killed run left at the target, and says what it did; does nothing when
   * there is no journal. Returns a description of what was healed, or null.
   */
  static String heal(FileSystem fs, Path target) throws IOException {
    Path journalPath = journalPath(target);
    if (!fs.exists(journalPath)) {
      return null;
    }
    Journal journal;
    try (InputStream in = fs.open(journalPath)) {
      journal = JSON.readValue(in, Journal.class);
    }
    Path parent = target.getParent();
    // The journal only ever names this output's own hidden siblings: anything else is not synthlake's.
    if (!isSibling(journal.staging(), target, "staging")
        || ("overwrite".equals(journal.mode()) ? !isSibling(journal.previous(), target, "previous")
            : !"append".equals(journal.mode()))) {
      throw new IOException("the commit journal " + journalPath + " names paths that are not this output's own "
          + "staging or previous directories; remove the journal after checking the output by hand");
    }
    Path staging = new Path(parent, journal.staging());
    String done;
    if ("append".equals(journal.mode())) {
      if (fs.exists(staging)) {
        finishAppend(fs, staging, target);
        done = "completed an append to " + target + " that a killed run had left half done";
      } else {
        done = "cleared the journal of a finished append to " + target;
      }
    } else {
      Path previous = new Path(parent, journal.previous());
      boolean hasTarget = fs.exists(target);
      boolean hasStaging = fs.exists(staging);
      if (hasTarget && hasStaging) {
        fs.delete(staging, true);
        done = "discarded the unfinished new output of a killed overwrite of " + target
            + "; the previous output is in place";
      } else if (hasStaging) {
        rename(fs, staging, target);
        fs.delete(previous, true);
        done = "completed an overwrite of " + target + " that a killed run had left between its two renames";
      } else if (!hasTarget && fs.exists(previous)) {
        rename(fs, previous, target);
        done = "restored the previous output of " + target + " that a killed overwrite had moved aside";
      } else {
        fs.delete(previous, true);
        done = "cleared what a finished overwrite of " + target + " left behind";
      }
    }
    fs.delete(journalPath, false);
    LOG.warn("output recovery: {}", done);
    return done;
  }

  /** Whether a name is one {@link #sibling} gives this target for this purpose: {@code .NAME.synthlake-P-UUID}. */
  static boolean isSibling(String name, Path target, String purpose) {
    String prefix = "." + target.getName() + ".synthlake-" + purpose + "-";
    if (name == null || !name.startsWith(prefix)) {
      return false;
    }
    try {
      return UUID.fromString(name.substring(prefix.length())).toString().equals(name.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Path sibling(Path target, String purpose) {
    return new Path(target.getParent(), "." + target.getName() + ".synthlake-" + purpose + "-" + UUID.randomUUID());
  }

  private static void writeJournal(FileSystem fs, Path journal, Journal content) throws IOException {
    if (fs.exists(journal)) {
      throw new IOException("another synthlake run is committing to " + journal.getParent() + " (its journal "
          + journal.getName() + " exists)");
    }
    Path temporary = new Path(journal.getParent(), journal.getName() + ".tmp-" + UUID.randomUUID());
    try (OutputStream out = fs.create(temporary, false)) {
      out.write(JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
    }
    if (!fs.rename(temporary, journal)) {
      fs.delete(temporary, false);
      throw new IOException("another synthlake run is committing to " + journal.getParent() + " (its journal "
          + journal.getName() + " exists)");
    }
  }

  /** Moves {@code from} over {@code to}: one atomic rename where the file system replaces files in place. */
  private static void replace(FileSystem fs, Path from, Path to) throws IOException {
    if (fs.rename(from, to)) {
      return;
    }
    // HDFS and object stores refuse to rename over a file; the journal makes the gap below healable.
    fs.delete(to, false);
    rename(fs, from, to);
  }

  private static void copy(FileSystem fs, Path from, Path to) throws IOException {
    try (InputStream in = fs.open(from); OutputStream out = fs.create(to, true)) {
      in.transferTo(out);
    }
  }

  static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename of " + from + " to " + to + " failed");
    }
  }
}
