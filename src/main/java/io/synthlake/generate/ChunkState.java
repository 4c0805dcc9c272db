package io.synthlake.generate;

/**
 * What the rules of a chunk's later columns read from its earlier ones, per sampler column: whether each row is
 * null, and where asked, the slot of its label (-1 when null) or its number as written (NaN when null or not
 * finite). Allocated per {@code sample} call, so a sampler stays safe to share between threads.
 */
final class ChunkState {
  private final boolean[][] nulls;
  private final int[][] slots;
  private final double[][] numbers;

  ChunkState(int columns, int rows, boolean[] keepSlots, boolean[] keepNumbers) {
    nulls = new boolean[columns][rows];
    slots = new int[columns][];
    numbers = new double[columns][];
    for (int c = 0; c < columns; c++) {
      slots[c] = keepSlots[c] ? new int[rows] : null;
      numbers[c] = keepNumbers[c] ? new double[rows] : null;
    }
  }

  boolean[] nulls(int column) {
    return nulls[column];
  }

  /** The column's slots, or null when no rule reads them. */
  int[] slots(int column) {
    return slots[column];
  }

  /** The column's numbers, or null when no rule reads them. */
  double[] numbers(int column) {
    return numbers[column];
  }
}
