package io.synthlake.fit;

import io.synthlake.profile.StepLadder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The Spark types synthlake models, as seen by the Spark-free core. Numeric, date and timestamp values reach the
 * core as doubles (dates as days since 1970-01-01, timestamps as microseconds since the epoch); boolean and
 * string values as text.
 */
public enum SourceType {
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  DECIMAL,
  BOOLEAN,
  STRING,
  DATE,
  TIMESTAMP,
  TIMESTAMP_NTZ,
  /** map, array, struct, binary, interval, variant, ...: not modelled. */
  UNSUPPORTED;

  public boolean numeric() {
    return switch (this) {
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /** Numbers, dates and timestamps: profiled as doubles unless modelled as categorical. */
  public boolean numberValued() {
    return numeric() || this == DATE || this == TIMESTAMP || this == TIMESTAMP_NTZ;
  }


  public boolean integral(int decimalScale) {
    return switch (this) {
      case BYTE, SHORT, INT, LONG -> true;
      case DECIMAL -> decimalScale == 0;
      default -> false;
    };
  }

  public StepLadder ladder(int decimalScale) {
    return switch (this) {
      case DATE -> StepLadder.EPOCH_DAYS;
      case TIMESTAMP, TIMESTAMP_NTZ -> StepLadder.EPOCH_MICROS;
      default -> integral(decimalScale) ? StepLadder.INTEGER : StepLadder.DECIMAL;
    };
  }

  /** Floats carry about 7 significant digits; their double images need a looser test of divisibility. */
  public double stepTolerance() {
    return this == FLOAT ? 1e-6 : 1e-9;
  }

  /** The text of a profiled double in this type, as Spark casts it back from a string. */
  public String format(double value, int decimalScale) {
    return switch (this) {
      case BYTE, SHORT, INT, LONG -> Long.toString(Math.round(value));
      case DECIMAL -> BigDecimal.valueOf(value).setScale(decimalScale, java.math.RoundingMode.HALF_EVEN)
          .toPlainString();
      case FLOAT, DOUBLE -> Double.toString(value);
      case DATE -> LocalDate.ofEpochDay(Math.round(value)).toString();
      case TIMESTAMP -> Instant.EPOCH.plus(Math.round(value), ChronoUnit.MICROS).toString();
      case TIMESTAMP_NTZ -> LocalDateTime.ofInstant(Instant.EPOCH.plus(Math.round(value), ChronoUnit.MICROS),
          ZoneOffset.UTC).toString();
      default -> throw new IllegalStateException(this + " values are not numbers");
    };
  }
}
