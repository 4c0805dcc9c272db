package io.synthlake.generate;

import io.synthlake.model.TextMarginal;
import io.synthlake.stats.CounterRng;

/** Free text: made-up values of the column's semantic type, words or shape (see {@link TextMaker}). */
final class TextGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final TextMaker maker;

  TextGenerator(double nullFraction, TextMarginal marginal) {
    super(nullFraction);
    this.maker = TextMaker.of(marginal.shape(), marginal.words(), marginal.semantic());
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    byte[] text = maker.makeBytes(CounterRng.subKey(key, SPECIAL_DRAW));
    sink.putString(position, text, text.length);
  }
}
