package io.synthlake.spark.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.synthlake.spark.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a complete staging directory into place under a journal, so that a run killed at any step can be healed.
 *
 * <p>An overwrite takes two renames (the old output aside, the new one in); no file system that Spark writes to
 * can swap two non-empty directories in one step. Before the first rename a journal
 * ({@code .NAME.synthlake-commit}, beside the output, created only if absent) names the staging directory, where
 * the old output goes, and which process commits. Each rename is atomic on local disks and HDFS, so a kill leaves
 * one of four states, and {@link #heal} (run by every synthlake command before it reads or writes the output)
 * finishes the commit or puts the old output back:
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
 *
 * <p>A journal is trusted only as far as it is synthlake's: it may name only this output's own hidden siblings,
 * which must be directories (not links) holding a complete staging manifest, and it is left alone while the
 * process that wrote it is alive (same host) or younger than {@link #LEASE_MILLIS} (another host).
 *
 * <p>The class is public only so that tests can stop a commit at a step (visible for tests); only
 * {@link SyntheticWriter} commits.
 */
public final class FileCommit {
  private static final Logger LOG = LoggerFactory.getLogger(FileCommit.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** Visible for tests. */
  public static final String JOURNAL_SUFFIX = ".synthlake-commit";
  /** How long a journal of another host's commit is taken to be live; the renames take far less. */
  static final long LEASE_MILLIS = 10 * 60 * 1000L;
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();
  /** Targets this JVM is committing to now: their journals are live, not left by a kill. */
  private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();

  /** The steps of a commit; tests stop a commit at one of them as a kill would (visible for tests). */
  public enum Step { JOURNAL_WRITTEN, OLD_MOVED_ASIDE, NEW_MOVED_IN, DATA_FILE_MOVED }

  /**
   * Called at every step; tests throw from it (an Error, which no cleanup catches) to simulate a kill (visible
   * for tests).
   */
  public interface StepListener {
    void reached(Step step, Path target);
  }

  /** Visible for tests. */
  public static volatile StepListener listener = (step, target) -> { };

  /**
   * The journal: what kind of commit, the names (in the target's parent) of its directories, and who wrote it
   * when (host, process id, epoch milliseconds).
   */
  record Journal(String mode, String staging, String previous, String host, long pid, long writtenAt) {}

  /**
   * A commit that stopped after its journal was written and could not be undone: the staging directory must be
   * kept, since the next run's heal completes the commit from it.
   */
  static final class Interrupted extends IOException {
    private static final long serialVersionUID = 1L;

    Interrupted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private FileCommit() {}

  static Path journalPath(Path target) {
    return new Path(target.getParent(), "." + target.getName() + JOURNAL_SUFFIX);
  }

  /** Replaces (or creates) the target with the complete staging directory. */
  static void overwrite(FileSystem fs, Path staging, Path target) throws IOException {
    Path parent = target.getParent();
    if (!fs.exists(parent)) {
      fs.mkdirs(parent);
    }
    if (!fs.exists(target)) {
      // Fails, rather than nesting the staging directory inside, when another run created the target meanwhile.
      FileContext context;
      try {
        context = FileContext.getFileContext(fs.getUri(), fs.getConf());
      } catch (UnsupportedFileSystemException e) {
        // A file system without a FileContext binding: the plain rename, after one more look.
        if (fs.exists(target)) {
          throw new IOException(target + " appeared while this job ran");
        }
        rename(fs, staging, target);
        return;
      }
      context.rename(staging, target, Options.Rename.NONE);
      return;
    }
    Path previous = sibling(target, "previous");
    Path journal = journalPath(target);
    String key = key(fs, target);
    ACTIVE.add(key);
    try {
      writeJournal(fs, journal, new Journal("overwrite", staging.getName(), previous.getName(), HOST, PID,
          System.currentTimeMillis()));
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
        try {
          rename(fs, previous, target);
        } catch (IOException restore) {
          e.addSuppressed(restore);
          throw new Interrupted("the new output could not be moved in, nor the previous one back", e);
        }
        fs.delete(journal, false);
        throw e;
      }
      listener.reached(Step.NEW_MOVED_IN, target);
      try {
        fs.delete(previous, true);
        fs.delete(journal, false);
      } catch (IOException e) {
        // The new output is complete in place; the next heal clears what is left.
        LOG.warn("output {} is written, but its previous version {} could not be deleted yet: {}", target,
            previous, Failures.reason(e));
      }
    } finally {
      ACTIVE.remove(key);
    }
  }

  /**
   * Moves the staging directory's data files into the target, then its manifest over the target's. Fails, with
   * nothing moved, when the target's row count is no longer {@code expectedRows} (another run appended
   * meanwhile, so this run's row indices would repeat theirs).
   */
  static void append(FileSystem fs, Path staging, Path target, long expectedRows) throws IOException {
    Path journal = journalPath(target);
    String key = key(fs, target);
    ACTIVE.add(key);
    try {
      writeJournal(fs, journal, new Journal("append", staging.getName(), null, HOST, PID,
          System.currentTimeMillis()));
      OutputManifest current = readManifest(fs, new Path(target, OutputManifest.FILE_NAME));
      if (current == null || current.rows() != expectedRows) {
        fs.delete(journal, false);
        throw new IOException("another run changed " + target + " while this one ran (it now has "
            + (current == null ? "no manifest" : current.rows() + " rows") + ", not " + expectedRows + ")");
      }
      listener.reached(Step.JOURNAL_WRITTEN, target);
      try {
        finishAppend(fs, staging, target);
      } catch (IOException | RuntimeException e) {
        throw new Interrupted("the append stopped after moving some of its files (" + Failures.reason(e) + ")", e);
      }
      fs.delete(journal, false);
    } finally {
      ACTIVE.remove(key);
    }
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
      requireNoLink(fs, file, staging);
      String relative = file.toUri().getPath().substring(root.length() + 1);
      Path destination = new Path(target, relative);
      fs.mkdirs(destination.getParent());
      rename(fs, file, destination);
      listener.reached(Step.DATA_FILE_MOVED, target);
    }
    Path manifest = new Path(target, OutputManifest.FILE_NAME);
    Path temporary = HiddenFiles.temporary(manifest, "tmp");
    copy(fs, new Path(staging, OutputManifest.FILE_NAME), temporary);
    replace(fs, temporary, manifest);
    fs.delete(staging, true);
  }

  /**
   * Finishes or undoes a commit that a killed run left at the target, and says what it did; does nothing when
   * there is no journal. Returns a description of what was healed, or null. Throws when the journal belongs to
   * a live commit or names anything but this output's own staging and previous directories.
   */
  static String heal(FileSystem fs, Path target) throws IOException {
    Path journalPath = journalPath(target);
    if (target.getParent() == null || !fs.exists(journalPath)) {
      return null;
    }
    long age = System.currentTimeMillis() - fs.getFileStatus(journalPath).getModificationTime();
    Journal journal;
    try (InputStream in = fs.open(journalPath)) {
      journal = JSON.readValue(in, Journal.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // A kill while the journal itself was written: no rename had begun, the target is as it was.
      if (age < LEASE_MILLIS) {
        throw new IOException("another synthlake run may be committing to " + target + " (its journal "
            + journalPath.getName() + " is being written); retry later");
      }
      fs.delete(journalPath, false);
      LOG.warn("output recovery: removed the unreadable commit journal of {}; the output was not touched", target);
      return "removed an unreadable commit journal of " + target;
    }
    if (!isSibling(journal.staging(), target, "staging")
        || ("overwrite".equals(journal.mode()) ? !isSibling(journal.previous(), target, "previous")
            : !"append".equals(journal.mode()))) {
      throw new IOException("the commit journal " + journalPath + " names paths that are not this output's own "
          + "staging or previous directories; remove the journal after checking the output by hand");
    }
    if (live(fs, target, journal, age)) {
      throw new IOException("another synthlake run (" + journal.host() + ", process " + journal.pid()
          + ") is committing to " + target + "; retry when it has finished");
    }
    Path parent = target.getParent();
    Path staging = new Path(parent, journal.staging());
    boolean hasStaging = fs.exists(staging);
    if (hasStaging) {
      requireNoLink(fs, staging, parent);
      if (!fs.exists(new Path(staging, OutputManifest.FILE_NAME))) {
        throw new IOException("the commit journal " + journalPath + " names a staging directory without a "
            + "manifest, which synthlake never commits; remove the journal after checking the output by hand");
      }
    }
    String done;
    if ("append".equals(journal.mode())) {
      if (hasStaging) {
        finishAppend(fs, staging, target);
        done = "completed an append to " + target + " that a killed run had left half done";
      } else {
        done = "cleared the journal of a finished append to " + target;
      }
    } else {
      Path previous = new Path(parent, journal.previous());
      if (fs.exists(previous)) {
        requireNoLink(fs, previous, parent);
      }
      boolean hasTarget = fs.exists(target);
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

  /** Whether the journal's commit may still be running: in this JVM, in a live process here, or recently. */
  private static boolean live(FileSystem fs, Path target, Journal journal, long age) throws IOException {
    if (HOST.equals(journal.host())) {
      if (journal.pid() == PID) {
        return ACTIVE.contains(key(fs, target));
      }
      return ProcessHandle.of(journal.pid()).map(ProcessHandle::isAlive).orElse(false);
    }
    return age < LEASE_MILLIS;
  }

  /** Refuses a symbolic link anywhere from {@code path} up to (not including) {@code root}. */
  private static void requireNoLink(FileSystem fs, Path path, Path root) throws IOException {
    String stop = fs.makeQualified(root).toUri().getPath();
    for (Path p = fs.makeQualified(path); p != null && !p.toUri().getPath().equals(stop); p = p.getParent()) {
      if (fs.getFileLinkStatus(p).isSymlink()) {
        throw new IOException(p + " is a symbolic link, which synthlake never writes; remove the commit journal "
            + "beside the output after checking it by hand");
      }
    }
  }

  private static String key(FileSystem fs, Path target) {
    return fs.makeQualified(target).toString();
  }

  /** Whether a name is one {@link #sibling} gives this target for this purpose: {@code .NAME.synthlake-P-UUID}. */
  static boolean isSibling(String name, Path target, String purpose) {
    String prefix = HiddenFiles.prefix(target.getName(), "synthlake-" + purpose);
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
    return HiddenFiles.temporary(target, "synthlake-" + purpose);
  }

  /** Creates the journal only if none exists: a second committer fails here rather than replacing it. */
  private static void writeJournal(FileSystem fs, Path journal, Journal content) throws IOException {
    byte[] bytes = JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = fs.create(journal, false)) {
      out.write(bytes);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another synthlake run is committing to " + journal.getParent() + " (its journal "
          + journal.getName() + " exists); retry when it has finished", e);
    }
  }

  private static OutputManifest readManifest(FileSystem fs, Path path) throws IOException {
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      return OutputManifest.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
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

  private static String hostName() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(at + 1);
  }
}
