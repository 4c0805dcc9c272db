package io.synthlake.generate;

/** A constant column: the model's value (or null) in every row, with nulls at their share. */
final class FixedGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final FixedValue value;

  FixedGenerator(double nullFraction, FixedValue value) {
    super(value == null ? 1.0 : nullFraction);
    this.value = value;
  }

  @Override
  void write(long row, long key, double u, ColumnSink sink, int position) {
    value.put(sink, position);
  }
}
