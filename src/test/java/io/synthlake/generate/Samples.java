package io.synthlake.generate;

import io.synthlake.model.SynthModel;
import java.util.ArrayList;
import java.util.List;

/** Runs a sampler into recording sinks: one list of values per column. */
final class Samples {
  private Samples() {}

  /**
   * Rows [0, rows) of the columns under the conditions, in batches of {@code batch} rows, by column name (decimals
   * at scale 2).
   */
  static java.util.Map<String, List<Object>> byColumn(SynthModel model, long seed, List<String> columns, int rows,
      int batch, io.synthlake.condition.GenerateConditions conditions) {
    TableSampler sampler = TableSampler.of(model, seed, columns, rows, java.util.Map.of(), conditions);
    java.util.Map<String, List<Object>> values = new java.util.HashMap<>();
    RecordingSink[] sinks = new RecordingSink[columns.size()];
    for (int c = 0; c < sinks.length; c++) {
      sinks[c] = new RecordingSink(2);
      values.put(columns.get(c), new ArrayList<>());
    }
    for (int first = 0; first < rows; first += batch) {
      int count = Math.min(batch, rows - first);
      for (RecordingSink sink : sinks) {
        sink.clear();
      }
      sampler.sample(first, count, sinks);
      for (int c = 0; c < sinks.length; c++) {
        values.get(columns.get(c)).addAll(sinks[c].values.subList(0, count));
      }
    }
    return values;
  }

  static List<List<Object>> draw(SynthModel model, long seed, List<String> columns, long firstRow, int rows,
      int batch) {
    TableSampler sampler = TableSampler.of(model, seed, columns, firstRow + rows);
    List<List<Object>> result = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      result.add(new ArrayList<>());
    }
    RecordingSink[] sinks = new RecordingSink[columns.size()];
    for (int c = 0; c < sinks.length; c++) {
      int scale = model.column(columns.get(c)).orElseThrow().sparkType().startsWith("decimal")
          ? OutputType.parse(model.column(columns.get(c)).orElseThrow().sparkType()).scale() : 0;
      sinks[c] = new RecordingSink(scale);
    }
    for (int start = 0; start < rows; start += batch) {
      int n = Math.min(batch, rows - start);
      for (RecordingSink sink : sinks) {
        sink.clear();
      }
      sampler.sample(firstRow + start, n, sinks);
      for (int c = 0; c < sinks.length; c++) {
        for (int i = 0; i < n; i++) {
          result.get(c).add(i < sinks[c].values.size() ? sinks[c].values.get(i) : null);
        }
      }
    }
    return result;
  }
}
