package io.synthlake.generate;

import io.synthlake.model.StringShape;
import io.synthlake.stats.CounterRng;

/**
 * String keys of the source's shape, unique over every row index. For each length, the varying positions form a
 * mixed-radix number (each position's radix is the size of the alphabet seen there); the last positions, up to
 * 2^62 combinations, encode a keyed permutation of the row index and the rest are drawn at random. Two rows of the
 * same length differ in the encoded part, rows of different lengths differ in length; when a length cannot hold
 * the row index (short codes, large outputs) the next length that can is used.
 */
final class StringKeyGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;
  /** Beyond the longest modelled key, lengths grow until they hold this many keys. */
  private static final long TARGET_CAPACITY = FeistelPermutation.MAX_DOMAIN;

  private final ShapedStrings shape;
  /** The alphabet of each position (a single character for literals). */
  private final char[][] alphabets;
  /** Per length: how many trailing positions encode the row, and how many keys that gives. */
  private final int[] encodedPositions;
  private final long[] capacity;
  private final FeistelPermutation[] permutations;

  StringKeyGenerator(double nullFraction, StringShape stringShape, long columnKey) {
    super(nullFraction);
    this.shape = new ShapedStrings(stringShape);
    int longest = shape.longest();
    // Every position past the modelled ones has at least two characters, so this many more always suffice.
    int maxLength = longest + 64;
    alphabets = new char[maxLength][];
    for (int p = 0; p < maxLength; p++) {
      alphabets[p] = alphabet(p);
    }
    encodedPositions = new int[maxLength + 1];
    capacity = new long[maxLength + 1];
    permutations = new FeistelPermutation[maxLength + 1];
    for (int length = 0; length <= maxLength; length++) {
      long keys = 1;
      int encoded = 0;
      for (int p = length - 1; p >= 0 && keys <= TARGET_CAPACITY / alphabets[p].length; p--) {
        keys *= alphabets[p].length;
        encoded++;
      }
      encodedPositions[length] = encoded;
      capacity[length] = keys;
      permutations[length] = new FeistelPermutation(keys, CounterRng.subKey(columnKey, length));
    }
  }

  private char[] alphabet(int position) {
    char[] alphabet = shape.alphabetAt(position);
    boolean modelled = shape.literalAt(position) != 0 || position < shape.modelledPositions();
    return alphabet.length > 1 || (modelled && alphabet.length == 1) ? alphabet : CharTable.DIGITS.toCharArray();
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    int length = shape.length(CounterRng.uniform(key, SPECIAL_DRAW));
    while (length < capacity.length - 1 && capacity[length] <= row) {
      length++;
    }
    byte[] bytes = keyOf(row, length, key);
    sink.putString(position, bytes, bytes.length);
  }

  private byte[] keyOf(long row, int length, long key) {
    byte[] bytes = new byte[length];
    char[][] positions = alphabets;
    long code = permutations[length].apply(row % capacity[length]);
    int firstEncoded = length - encodedPositions[length];
    for (int p = length - 1; p >= firstEncoded; p--) {
      char[] alphabet = positions[p];
      bytes[p] = (byte) alphabet[(int) (code % alphabet.length)];
      code /= alphabet.length;
    }
    long charKey = CounterRng.subKey(key, VALUE_DRAW);
    for (int p = 0; p < firstEncoded; p++) {
      char[] alphabet = positions[p];
      bytes[p] = (byte) alphabet[(int) (CounterRng.uniform(charKey, p) * alphabet.length)];
    }
    return bytes;
  }
}
