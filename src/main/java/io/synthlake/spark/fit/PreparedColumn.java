package io.synthlake.spark.fit;

import io.synthlake.config.NonFinitePolicy;
import io.synthlake.fit.ColumnSpec;
import io.synthlake.fit.SourceType;
import io.synthlake.spark.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * A source column in the form every fit pass reads: a double for numbers (dates as days since the epoch,
 * timestamps as microseconds since the epoch) or a string for text, booleans and columns modelled as categories.
 * All passes read the same projection, so their values agree exactly.
 */
public record PreparedColumn(int index, ColumnSpec spec) {
  public String alias() {
    return "c" + index;
  }

  public boolean text() {
    return spec.profiledAsText();
  }

  Column expression(NonFinitePolicy nonFinite) {
    Column source = Columns.named(spec.name());
    if (text()) {
      return source.cast("string").alias(alias());
    }
    Column value = switch (spec.type()) {
      case DATE -> functions.unix_date(source).cast("double");
      case TIMESTAMP -> functions.unix_micros(source).cast("double");
      case TIMESTAMP_NTZ -> functions.unix_micros(source.cast("timestamp")).cast("double");
      default -> source.cast("double");
    };
    if (nonFinite == NonFinitePolicy.NULL && (spec.type() == SourceType.DOUBLE || spec.type() == SourceType.FLOAT)) {
      value = functions.when(functions.isnan(value).or(functions.abs(value).equalTo(Double.POSITIVE_INFINITY)),
          functions.lit(null).cast("double")).otherwise(value);
    }
    return value.alias(alias());
  }
}
