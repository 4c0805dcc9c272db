package io.synthlake.text;

import io.synthlake.stats.CounterRng;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Keyed redraws of a made-up value that must avoid a set (source values, stored labels): the value for the key;
 * if taken, further draws keyed by (key, attempt), then as many from a fallback maker (a column's character shape,
 * for a generator whose every value the source already holds, such as state codes); at last numbered variants of
 * the first value. Deterministic, since every draw is keyed, and bounded.
 */
public final class Redraws {
  /** Redraws before falling back to numbered variants of the first value. */
  public static final int REDRAWS = 64;
  public static final int VARIANTS = 100_000;

  private Redraws() {}

  /**
   * @param make the value for a key
   * @param salt separates this kind of value's redraw keys from another's
   * @param what names the values in the error, when even the variants are taken
   */
  public static String avoiding(LongFunction<String> make, long key, long salt, Predicate<String> taken,
      String what) {
    return avoiding(make, null, key, salt, taken, what);
  }

  /** @param fallback makes values once the maker's redraws are all taken, or null */
  public static String avoiding(LongFunction<String> make, LongFunction<String> fallback, long key, long salt,
      Predicate<String> taken, String what) {
    String first = make.apply(key);
    if (!taken.test(first)) {
      return first;
    }
    for (int attempt = 1; attempt < REDRAWS; attempt++) {
      String value = make.apply(CounterRng.hash(key, attempt, salt));
      if (!taken.test(value)) {
        return value;
      }
    }
    for (int attempt = 0; fallback != null && attempt < REDRAWS; attempt++) {
      String value = fallback.apply(CounterRng.hash(key, attempt, ~salt));
      if (!taken.test(value)) {
        return value;
      }
    }
    for (int variant = 2; variant < VARIANTS; variant++) {
      String value = first + " " + variant;
      if (!taken.test(value)) {
        return value;
      }
    }
    throw new IllegalStateException("no free " + what + " after " + VARIANTS + " variants: the set of source "
        + "values to avoid is implausibly large");
  }
}
