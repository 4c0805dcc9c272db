package io.synthlake.generate;

import io.synthlake.model.SynthModel;
import java.util.ArrayList;
import java.util.List;

/** Runs a sampler into recording sinks: one list of values per column. */
final class Samples {
  private Samples() {}

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
