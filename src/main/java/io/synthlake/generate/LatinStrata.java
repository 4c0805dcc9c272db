package io.synthlake.generate;

import io.synthlake.stats.CounterRng;

/**
 * Latin hypercube sampling of the copula's independent uniforms over blocks of {@link #BLOCK} consecutive rows
 * (McKay, Beckman and Conover 1979): in every block and every dimension, each of the block's equal strata of (0, 1)
 * holds the uniform of exactly one row; which row is a keyed permutation of the row's position, drawn afresh per
 * block and per dimension, so the dimensions pair up at random and stay independent. Within its stratum the
 * uniform is the row's own counter draw, so a row's values remain a pure function of (model, seed, row index), and
 * of the sampler's row limit, which sizes the last block (an append's rows in that block are stratified with the
 * append's, not with the rows before them: each is still exactly uniform).
 *
 * <p>Why: with independent draws a generated column's empirical distribution misses its model's by about
 * 1/√n (a KS distance of 0.02 on 1,500 rows), which on small tables is most of what a fidelity score measures.
 * Stratifying removes the additive part of that error (Stein 1987), and never costs more than a factor n/(n - 1)
 * in the variance of a mean (Owen 1997); a column's score is its own dimension plus a correlated rest, so its
 * marginal gains most. The uniforms stay exactly uniform, every row
 * stays independent of rows in other blocks, and the table's last block, cut short by its row limit, is
 * stratified over its own rows (a table of 569 rows is one block of 569 strata).
 */
final class LatinStrata {
  static final int BLOCK_BITS = 10;
  static final int BLOCK = 1 << BLOCK_BITS;
  /** The largest double below 1: a sum that rounds up to the stratum's upper edge must not reach 1. */
  private static final double ONE_BELOW = Math.nextDown(1.0);
  /** Three rounds make a pseudorandom permutation from random round functions (Luby and Rackoff 1988). */
  private static final int ROUNDS = 3;
  /** A half of a block position has at most 5 bits, so 32 values. */
  private static final int MAX_HALF_BITS = BLOCK_BITS / 2;
  private static final int HALF_VALUES = 1 << MAX_HALF_BITS;
  private static final int OUTPUTS_PER_DRAW = 64 / MAX_HALF_BITS;
  /** Bytes of one dimension's round functions in a block. */
  static final int TABLE_LENGTH = ROUNDS * HALF_VALUES;
  /** Salts the block keys apart from every other stream keyed by the seed and table. */
  private static final long BLOCK_SALT = CounterRng.hashString("latin-strata");

  private LatinStrata() {}

  /** The key of the block holding a row, from which each dimension's permutation is drawn. */
  static long blockKey(long seed, long tableKey, long row) {
    return CounterRng.hash(seed, tableKey ^ BLOCK_SALT, row >>> BLOCK_BITS);
  }

  /**
   * Fills one dimension's round functions for a block into {@code tables[offset, offset + TABLE_LENGTH)}: per round,
   * a random 5-bit output for each of the 32 values of a half. Random round functions make three Feistel rounds a
   * pseudorandom permutation (Luby and Rackoff 1988); as tables they cost a lookup per round, a few draws per block.
   */
  static void roundTables(long blockKey, int dimension, byte[] tables, int offset) {
    long dimensionKey = CounterRng.draw(blockKey, dimension);
    long bits = 0;
    for (int i = 0; i < TABLE_LENGTH; i++) {
      if (i % OUTPUTS_PER_DRAW == 0) {
        bits = CounterRng.draw(dimensionKey, i / OUTPUTS_PER_DRAW);
      }
      tables[offset + i] = (byte) (bits & (HALF_VALUES - 1));
      bits >>>= MAX_HALF_BITS;
    }
  }

  /**
   * The stratum of a row's position in a block of {@code size} rows (at most {@link #BLOCK}): a balanced Feistel
   * network on the smallest even number of bits covering the size, a bijection for any round functions, with cycle
   * walking to stay below the size (Black and Rogaway 2002; a full block never walks).
   */
  static int stratum(int position, int size, byte[] tables, int offset) {
    int bits = Math.max(2, 32 - Integer.numberOfLeadingZeros(size - 1));
    int half = (bits + 1) / 2;
    int value = encrypt(position, half, tables, offset);
    while (value >= size) {
      value = encrypt(value, half, tables, offset);
    }
    return value;
  }

  /** {@link #stratum} of a full block: three rounds on 5-bit halves, unrolled (the hot path). */
  static int fullBlockStratum(int position, byte[] tables, int offset) {
    int left = position >>> MAX_HALF_BITS;
    int right = position & (HALF_VALUES - 1);
    int next = left ^ tables[offset + right];
    left = right;
    right = next;
    next = left ^ tables[offset + HALF_VALUES + right];
    left = right;
    right = next;
    next = left ^ tables[offset + 2 * HALF_VALUES + right];
    return (right << MAX_HALF_BITS) | next;
  }

  private static int encrypt(int value, int half, byte[] tables, int offset) {
    int mask = (1 << half) - 1;
    int left = value >>> half;
    int right = value & mask;
    for (int r = 0; r < ROUNDS; r++) {
      int next = left ^ (tables[offset + r * HALF_VALUES + right] & mask);
      left = right;
      right = next;
    }
    return (left << half) | right;
  }

  /**
   * The rows of the block holding a row: a full block, or the rows its block has below the sampler's row limit
   * (always more than the row's position in it; a row at or past the limit counts in a full block).
   */
  static int blockSize(long row, long rowLimit) {
    long start = row & -BLOCK;
    return row < rowLimit ? (int) Math.min(BLOCK, rowLimit - start) : BLOCK;
  }

  /**
   * A uniform in the stratum's interval [s / size, (s + 1) / size), strictly inside (0, 1): in a full block the
   * stratum gives the top bits and the row's random bits the rest.
   */
  static double uniform(int stratum, int size, long randomBits) {
    if (size == BLOCK) {
      return fullBlockUniform(stratum, randomBits);
    }
    return Math.min(ONE_BELOW, (stratum + CounterRng.toOpenUnit(randomBits)) / size);
  }

  /** {@link #uniform} in a full block. */
  static double fullBlockUniform(int stratum, long randomBits) {
    return CounterRng.toOpenUnit(((long) stratum << (64 - BLOCK_BITS)) | (randomBits >>> BLOCK_BITS));
  }
}
