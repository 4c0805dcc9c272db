package io.synthlake.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paths one command or lake refresh reads and writes, already resolved to normalised absolute URIs (scheme,
 * authority and a path without {@code .}, {@code ..} or a trailing slash, symbolic links followed where the file
 * system has them), and the rule between them: nothing written may equal, contain or lie inside anything read,
 * and no two things written may equal or contain each other. A model, an output or a report inside a source
 * would let synthlake overwrite production data; two nested outputs would let one refresh delete the other.
 *
 * <p>Spark-free: the adapter resolves the paths through the Hadoop FileSystem, this class only compares them.
 */
public final class PathLayout {
  private final List<Entry> reads = new ArrayList<>();
  private final List<Entry> writes = new ArrayList<>();

  /**
   * One path and what it is, e.g. "source of table flights".
   *
   * @param what the path's role, as the error message names it
   * @param given the path as the user wrote it
   * @param resolved the normalised absolute URI it resolves to
   * @param shared whether other writes may name the same path (a score history that every table appends to)
   */
  public record Entry(String what, String given, String resolved, boolean shared) {}

  public PathLayout read(String what, String given, String resolved) {
    reads.add(new Entry(what, given, resolved, false));
    return this;
  }

  public PathLayout write(String what, String given, String resolved) {
    writes.add(new Entry(what, given, resolved, false));
    return this;
  }

  /** A write that several tables may share, such as an append-only score history (never nested in another). */
  public PathLayout sharedWrite(String what, String given, String resolved) {
    writes.add(new Entry(what, given, resolved, true));
    return this;
  }

  /** The first violation of the rule, as a one-line message naming both paths and what to do. */
  public Optional<String> problem() {
    for (Entry write : writes) {
      for (Entry read : reads) {
        Optional<String> overlap = overlap(write, read);
        if (overlap.isPresent()) {
          return Optional.of(overlap.get() + ": synthlake never writes into what it reads; choose a "
              + write.what() + " path outside " + read.given());
        }
      }
    }
    for (int i = 0; i < writes.size(); i++) {
      for (int j = i + 1; j < writes.size(); j++) {
        Entry a = writes.get(i);
        Entry b = writes.get(j);
        if (a.shared() && b.shared() && a.resolved().equals(b.resolved())) {
          continue;
        }
        Optional<String> overlap = overlap(a, b);
        if (overlap.isPresent()) {
          return Optional.of(overlap.get() + ": give each its own path, neither inside the other");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> overlap(Entry write, Entry other) {
    if (write.resolved().equals(other.resolved())) {
      return Optional.of(String.format("the %s %s is the same path as the %s %s", write.what(), write.given(),
          other.what(), other.given()));
    }
    if (inside(write.resolved(), other.resolved())) {
      return Optional.of(String.format("the %s %s lies inside the %s %s", write.what(), write.given(),
          other.what(), other.given()));
    }
    if (inside(other.resolved(), write.resolved())) {
      return Optional.of(String.format("the %s %s contains the %s %s", write.what(), write.given(),
          other.what(), other.given()));
    }
    return Optional.empty();
  }

  /** Whether {@code path} lies strictly below {@code ancestor}: a/b is inside a, but ab is not. */
  public static boolean inside(String path, String ancestor) {
    String prefix = ancestor.endsWith("/") ? ancestor : ancestor + "/";
    return path.length() > prefix.length() && path.startsWith(prefix);
  }
}
