package io.synthlake.stats;

/**
 * Counter-based random numbers: every value is a pure function of its key (seed, stream, counter, draw), so a
 * value can be recomputed anywhere, in any order, on any executor, after any retry. This is what makes fit and
 * generate independent of partitioning, which Spark's rand(seed) is not (SPARK-13380).
 *
 * <p>The key words are combined by repeated SplitMix64 finalisation (Steele, Lea and Flood 2014), a bijective
 * 64-bit mixer with full avalanche; each word enters after the previous state was mixed, so keys that differ in
 * any word give unrelated outputs.
 */
public final class CounterRng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-52;

  private CounterRng() {}

  /** The SplitMix64 finaliser: a bijection on 64-bit values with strong avalanche. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of the key words, in order. */
  public static long hash(long seed, long a, long b) {
    long h = mix64(seed + GOLDEN_GAMMA);
    h = mix64(h ^ (a + GOLDEN_GAMMA));
    return mix64(h ^ (b + 2 * GOLDEN_GAMMA));
  }

  /** A 64-bit hash of the key words, in order. */
  public static long hash(long seed, long a, long b, long c) {
    return mix64(hash(seed, a, b) ^ (c + 3 * GOLDEN_GAMMA));
  }

  /**
   * A uniform double in the open interval (0, 1) from the top 52 of 64 random bits: the midpoints of 2^52 equal
   * cells, so never exactly 0 or 1 (both extremes, 2^-53 and 1 - 2^-53, are exact doubles).
   */
  public static double toOpenUnit(long bits) {
    return ((bits >>> 12) + 0.5) * DOUBLE_UNIT;
  }

  /**
   * The index-th draw of the stream keyed by {@code key}: SplitMix64's output for state key + (index + 1)·γ, so
   * any draw can be computed alone, without the ones before it.
   */
  public static long draw(long key, long index) {
    return mix64(key + (index + 1) * GOLDEN_GAMMA);
  }

  /** The index-th draw of the stream as a uniform in (0, 1). */
  public static double uniform(long key, long index) {
    return toOpenUnit(draw(key, index));
  }

  /** A key for a sub-stream (a column's draws within a row), unrelated to its parent's draws. */
  public static long subKey(long key, long stream) {
    return saltedKey(key, streamSalt(stream));
  }

  /** The part of {@link #subKey} that depends on the stream alone, for callers that reuse a stream per row. */
  public static long streamSalt(long stream) {
    return mix64(stream + 5 * GOLDEN_GAMMA);
  }

  /** {@link #subKey} with the stream's salt computed beforehand. */
  public static long saltedKey(long key, long salt) {
    return mix64(key ^ salt);
  }

  /** A stable 64-bit hash of a string (for table and column names used as key words). */
  public static long hashString(String text) {
    long h = 0x632BE59BD9B4E019L;
    for (int i = 0; i < text.length(); i++) {
      h = mix64(h ^ text.charAt(i));
    }
    return mix64(h ^ text.length());
  }
}
