package io.synthlake.generate;

import io.synthlake.stats.CounterRng;
import java.io.Serializable;

/**
 * A keyed bijection of [0, n): a balanced four-round Feistel network on the smallest even number of bits that
 * covers n, with cycle walking to stay inside the domain (Black and Rogaway 2002). It turns row indices into
 * unique, scattered keys without storing anything: value i maps to a distinct value for every i < n. Cycle
 * walking takes fewer than four rounds on average, since the bit domain is less than four times n.
 */
final class FeistelPermutation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROUNDS = 4;
  static final long MAX_DOMAIN = 1L << 62;

  private final long domain;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  FeistelPermutation(long domain, long key) {
    if (domain < 1 || domain > MAX_DOMAIN) {
      throw new IllegalArgumentException("permutation domain must be in [1, 2^62], got " + domain);
    }
    this.domain = domain;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(domain - 1));
    this.halfBits = (bits + 1) / 2;
    this.halfMask = (1L << halfBits) - 1;
    for (int r = 0; r < ROUNDS; r++) {
      roundKeys[r] = CounterRng.draw(key, r);
    }
  }

  long apply(long value) {
    if (value < 0 || value >= domain) {
      throw new IllegalArgumentException("value " + value + " is outside [0, " + domain + ")");
    }
    long result = encrypt(value);
    while (result >= domain) {
      result = encrypt(result);
    }
    return result;
  }

  private long encrypt(long value) {
    long left = value >>> halfBits;
    long right = value & halfMask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ (CounterRng.mix64(right ^ roundKeys[r]) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
