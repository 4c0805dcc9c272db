package io.synthlake.profile;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/** Creation, merging, serialisation and reading of the Apache DataSketches used by the profile. */
final class Sketches {
  /** 2^12 HLL buckets: about 1.6% relative standard error of the distinct count. */
  static final int HLL_LG_K = 12;
  private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

  private Sketches() {}

  static HllSketch mergeHll(HllSketch a, HllSketch b) {
    Union union = new Union(HLL_LG_K);
    union.update(a);
    union.update(b);
    return union.getResult();
  }

  /* The profile states' Java serialisation (Spark ships them between tasks): each sketch length-prefixed. */

  static void write(java.io.ObjectOutputStream out, LongsSketch sketch) throws java.io.IOException {
    writeBytes(out, sketch.toByteArray());
  }

  static LongsSketch readLongs(java.io.ObjectInputStream in) throws java.io.IOException {
    return LongsSketch.getInstance(Memory.wrap(readBytes(in)));
  }

  static void write(java.io.ObjectOutputStream out, ItemsSketch<String> sketch) throws java.io.IOException {
    writeBytes(out, sketch.toByteArray(STRINGS));
  }

  static ItemsSketch<String> readStrings(java.io.ObjectInputStream in) throws java.io.IOException {
    return ItemsSketch.getInstance(Memory.wrap(readBytes(in)), STRINGS);
  }

  static void write(java.io.ObjectOutputStream out, HllSketch sketch) throws java.io.IOException {
    writeBytes(out, sketch.toCompactByteArray());
  }

  static HllSketch readHll(java.io.ObjectInputStream in) throws java.io.IOException {
    return HllSketch.heapify(readBytes(in));
  }

  static FrequentValues<Double> frequentDoubles(LongsSketch sketch) {
    List<FrequentValues.Item<Double>> items = new ArrayList<>();
    for (LongsSketch.Row row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      items.add(new FrequentValues.Item<>(Double.longBitsToDouble(row.getItem()), row.getLowerBound(),
          row.getEstimate()));
    }
    return new FrequentValues<>(sketch.getMaximumError() == 0, sketch.getMaximumError(), items);
  }

  static FrequentValues<String> frequentStrings(ItemsSketch<String> sketch) {
    List<FrequentValues.Item<String>> items = new ArrayList<>();
    for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      items.add(new FrequentValues.Item<>(row.getItem(), row.getLowerBound(), row.getEstimate()));
    }
    return new FrequentValues<>(sketch.getMaximumError() == 0, sketch.getMaximumError(), items);
  }

  /** Writes a length-prefixed byte array (a serialised sketch) into a Java serialisation stream. */
  private static void writeBytes(java.io.ObjectOutputStream out, byte[] bytes) throws java.io.IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(java.io.ObjectInputStream in) throws java.io.IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }

  /** A power of two at least {@code 4/3 * exactItems}, so that many distinct items are counted exactly. */
  static int mapSizeFor(int exactItems) {
    int size = 16;
    while (size * 3L / 4 < exactItems) {
      size <<= 1;
    }
    return size;
  }
}
