package io.synthlake.profile;

import io.synthlake.text.Tokenizer;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Mergeable word statistics of a string column, in bounded memory: frequent-items sketches of the tokens, of the
 * first and last tokens, of adjacent token pairs (with their separator) and of the separators between tokens,
 * each counted once per row that holds it, exact counts of values by number of tokens, and the letter case of every
 * word. A sketch's lower bound never exceeds a token's true row count, so a token kept for a lower bound of at least
 * {@code min-category-count} is known to occur in that many rows (Misra-Gries; DataSketches' error is at most
 * 3.5 / map size of the rows' total token weight).
 */
public final class WordState implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Map sizes (powers of two): the tokens' sketch keeps about 3/4 of this many tokens at once. */
  static final int TOKEN_MAP = 1 << 14;
  static final int EDGE_MAP = 1 << 13;
  static final int PAIR_MAP = 1 << 14;
  static final int SEPARATOR_MAP = 1 << 8;
  /** A longer word (base64, text without spaces) is never stored: it counts as a rare token. */
  public static final int MAX_TOKEN_LENGTH = 40;
  /** Values with more tokens are counted at this many. */
  public static final int MAX_COUNTED_TOKENS = Tokenizer.MAX_TOKENS;
  /** Joins a pair's first token, separator and second token in its key: a character no token holds. */
  public static final char PAIR_JOIN = '\u0000';

  private long values;
  private long rowTokens;
  private final long[] tokenCounts = new long[MAX_COUNTED_TOKENS + 1];
  private final long[] cases = new long[Tokenizer.Case.values().length];
  private transient ItemsSketch<String> tokens;
  private transient ItemsSketch<String> starts;
  private transient ItemsSketch<String> ends;
  private transient ItemsSketch<String> pairs;
  private transient ItemsSketch<String> separators;

  public WordState() {
    init();
  }

  private void init() {
    tokens = new ItemsSketch<>(TOKEN_MAP);
    starts = new ItemsSketch<>(EDGE_MAP);
    ends = new ItemsSketch<>(EDGE_MAP);
    pairs = new ItemsSketch<>(PAIR_MAP);
    separators = new ItemsSketch<>(SEPARATOR_MAP);
  }

  /** Counts one value. */
  public void add(String value) {
    add(value, 1);
  }

  /** Counts a value as seen in {@code rows} rows (the driver's exact label counts). */
  public void add(String value, long rows) {
    Tokenizer.Tokens split = Tokenizer.split(value);
    values += rows;
    tokenCounts[Math.min(split.size(), MAX_COUNTED_TOKENS)] += rows;
    if (split.size() == 0) {
      return;
    }
    // Each token, pair and separator counts once per row, so a count is a number of rows.
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < split.size(); i++) {
      String token = split.tokens().get(i);
      boolean storable = token.length() <= MAX_TOKEN_LENGTH;
      if (seen.add(token)) {
        if (storable) {
          tokens.update(token, rows);
        }
        rowTokens += rows;
        if (Tokenizer.kindOf(token) == Tokenizer.TokenKind.WORD) {
          cases[Tokenizer.Case.of(token).ordinal()] += rows;
        }
      }
      if (i > 0) {
        String previous = split.tokens().get(i - 1);
        String separator = split.separators().get(i - 1);
        // A pair's key holds PAIR_JOIN, which no token does, and a separator's key starts with it, which no pair's
        // does: one set of keys serves all three.
        String pair = previous + PAIR_JOIN + separator + PAIR_JOIN + token;
        if (storable && previous.length() <= MAX_TOKEN_LENGTH && seen.add(pair)) {
          pairs.update(pair, rows);
        }
        if (seen.add(PAIR_JOIN + separator)) {
          separators.update(separator, rows);
        }
      }
    }
    starts.update(split.tokens().get(0), rows);
    ends.update(split.tokens().get(split.size() - 1), rows);
  }

  public void merge(WordState other) {
    values += other.values;
    rowTokens += other.rowTokens;
    for (int i = 0; i < tokenCounts.length; i++) {
      tokenCounts[i] += other.tokenCounts[i];
    }
    for (int i = 0; i < cases.length; i++) {
      cases[i] += other.cases[i];
    }
    tokens.merge(other.tokens);
    starts.merge(other.starts);
    ends.merge(other.ends);
    pairs.merge(other.pairs);
    separators.merge(other.separators);
  }

  public WordSummary summary() {
    int used = tokenCounts.length;
    while (used > 0 && tokenCounts[used - 1] == 0) {
      used--;
    }
    return new WordSummary(values, rowTokens, Arrays.copyOf(tokenCounts, used), cases.clone(),
        Sketches.frequentStrings(tokens), Sketches.frequentStrings(starts), Sketches.frequentStrings(ends),
        Sketches.frequentStrings(pairs), Sketches.frequentStrings(separators));
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    Sketches.write(out, tokens);
    Sketches.write(out, starts);
    Sketches.write(out, ends);
    Sketches.write(out, pairs);
    Sketches.write(out, separators);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    tokens = Sketches.readStrings(in);
    starts = Sketches.readStrings(in);
    ends = Sketches.readStrings(in);
    pairs = Sketches.readStrings(in);
    separators = Sketches.readStrings(in);
  }
}
