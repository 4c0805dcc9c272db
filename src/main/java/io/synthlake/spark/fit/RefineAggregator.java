package io.synthlake.spark.fit;

import io.synthlake.fit.NumericRefineTask;
import io.synthlake.fit.NumericRest;
import io.synthlake.fit.TextRefineTask;
import io.synthlake.spark.BinaryResultAggregator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Pass 2 of fit, for the columns the profile could not describe exactly: exact counts of the chosen atoms and
 * candidate categories, and for the other finite values of numeric columns their count, protected bounds and
 * moments. Runs in the same scan as Spark's percentile_approx of those values.
 */
final class RefineAggregator extends BinaryResultAggregator<RefineAggregator.Buffer> {
  private static final long serialVersionUID = 1L;

  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    final NumericRest[] numeric;
    final List<HashMap<String, Long>> text;

    Buffer(NumericRest[] numeric, List<HashMap<String, Long>> text) {
      this.numeric = numeric;
      this.text = text;
    }
  }

  private final NumericRefineTask[] numericTasks;
  private final TextRefineTask[] textTasks;
  private final int boundRank;

  RefineAggregator(List<NumericRefineTask> numericTasks, List<TextRefineTask> textTasks, int boundRank) {
    super(Buffer.class);
    this.numericTasks = numericTasks.toArray(new NumericRefineTask[0]);
    this.textTasks = textTasks.toArray(new TextRefineTask[0]);
    this.boundRank = boundRank;
  }

  @Override
  public Buffer zero() {
    NumericRest[] numeric = new NumericRest[numericTasks.length];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = new NumericRest(numericTasks[i].atoms(), boundRank);
    }
    List<HashMap<String, Long>> text = new ArrayList<>();
    for (TextRefineTask task : textTasks) {
      HashMap<String, Long> counts = new HashMap<>();
      for (String candidate : task.candidates()) {
        counts.put(candidate, 0L);
      }
      text.add(counts);
    }
    return new Buffer(numeric, text);
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    for (int t = 0; t < numericTasks.length; t++) {
      int column = numericTasks[t].column();
      if (!row.isNullAt(column)) {
        buffer.numeric[t].add(row.getDouble(column));
      }
    }
    for (int t = 0; t < textTasks.length; t++) {
      int column = textTasks[t].column();
      if (!row.isNullAt(column)) {
        buffer.text.get(t).computeIfPresent(row.getString(column), (k, count) -> count + 1);
      }
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (int t = 0; t < a.numeric.length; t++) {
      a.numeric[t].merge(b.numeric[t]);
    }
    for (int t = 0; t < a.text.size(); t++) {
      Map<String, Long> into = a.text.get(t);
      b.text.get(t).forEach((label, count) -> into.merge(label, count, Long::sum));
    }
    return a;
  }
}
