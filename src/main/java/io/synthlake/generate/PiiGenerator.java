package io.synthlake.generate;

import io.synthlake.model.PiiMarginal;
import io.synthlake.pii.FakeValues;
import io.synthlake.pii.PiiType;
import io.synthlake.stats.CounterRng;
import java.nio.charset.StandardCharsets;

/** Personal data: a realistic fake value per row from datafaker, keyed by the column's stream for the row. */
final class PiiGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final PiiType type;
  private final FakeValues fakes;

  PiiGenerator(double nullFraction, PiiMarginal marginal) {
    super(nullFraction);
    this.type = marginal.fake();
    this.fakes = new FakeValues(marginal.locale());
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    byte[] value = fakes.fake(type, CounterRng.subKey(key, SPECIAL_DRAW)).getBytes(StandardCharsets.UTF_8);
    sink.putString(position, value, value.length);
  }
}
