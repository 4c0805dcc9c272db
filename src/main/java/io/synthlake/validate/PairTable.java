package io.synthlake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The source's counts of two label columns' value pairs, over the rows where both have a value: dense and
 * row-major (first label, second label), as the cluster counts them, so two million cells stay two million longs.
 */
public record PairTable(String first, String second, List<String> firstLabels, List<String> secondLabels,
    long[] counts) {
  public PairTable {
    firstLabels = List.copyOf(firstLabels);
    secondLabels = List.copyOf(secondLabels);
    if (counts.length != firstLabels.size() * secondLabels.size()) {
      throw new IllegalArgumentException("a " + firstLabels.size() + " x " + secondLabels.size() + " table needs "
          + firstLabels.size() * secondLabels.size() + " counts, got " + counts.length);
    }
  }

  /** From nested counts (first label → second label → rows), labels in their natural order: for tests and tools. */
  public static PairTable of(String first, String second, Map<String, Map<String, Long>> counts) {
    List<String> rows = new ArrayList<>(new TreeSet<>(counts.keySet()));
    TreeSet<String> columnSet = new TreeSet<>();
    counts.values().forEach(row -> columnSet.addAll(row.keySet()));
    List<String> columns = new ArrayList<>(columnSet);
    long[] cells = new long[rows.size() * columns.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < columns.size(); j++) {
        cells[i * columns.size() + j] = counts.get(rows.get(i)).getOrDefault(columns.get(j), 0L);
      }
    }
    return new PairTable(first, second, rows, columns, cells);
  }

  public long count(int row, int column) {
    return counts[row * secondLabels.size() + column];
  }

  /** The same counts seen from the second column. */
  public PairTable transposed() {
    int rows = firstLabels.size();
    int columns = secondLabels.size();
    long[] cells = new long[counts.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        cells[j * rows + i] = counts[i * columns + j];
      }
    }
    return new PairTable(second, first, secondLabels, firstLabels, cells);
  }
}
