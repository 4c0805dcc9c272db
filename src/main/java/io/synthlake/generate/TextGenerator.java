package io.synthlake.generate;

import io.synthlake.model.StringShape;
import io.synthlake.stats.CounterRng;

/** Free text: strings of the column's length distribution and character frequencies, never its values. */
final class TextGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final ShapedStrings strings;

  TextGenerator(double nullFraction, StringShape shape) {
    super(nullFraction);
    this.strings = new ShapedStrings(shape);
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    byte[] text = strings.compose(CounterRng.subKey(key, SPECIAL_DRAW));
    sink.putString(position, text, text.length);
  }
}
