package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.synthlake.validate.Sdtype;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A column that validate scores, with how its values enter the metrics: continuous columns as doubles (NaN
 * counted as missing, as pandas does; dates and timestamps as nanoseconds since 1970, pandas' unit, so equal-width
 * bins fall exactly where SDMetrics puts them), discrete ones as their text.
 */
record ScoredColumn(String name, Sdtype sdtype, DataType type) {
  private static final double NANOS_PER_DAY = 86_400e9;

  Column column() {
    return io.synthlake.spark.Columns.named(name);
  }

  /** The value as a double (continuous) or a string (discrete); null when missing. */
  Column value() {
    Column c = column();
    if (sdtype.discrete()) {
      return c.cast(DataTypes.StringType);
    }
    if (type instanceof DateType) {
      return unix_date(c).cast(DataTypes.DoubleType).multiply(lit(NANOS_PER_DAY));
    }
    if (type instanceof TimestampType) {
      return unix_micros(c).cast(DataTypes.DoubleType).multiply(lit(1000.0));
    }
    if (type instanceof TimestampNTZType) {
      return unix_micros(c.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType).multiply(lit(1000.0));
    }
    Column number = c.cast(DataTypes.DoubleType);
    return when(isnan(number), lit(null).cast(DataTypes.DoubleType)).otherwise(number);
  }
}
