package io.synthlake.generate;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A label or constant from the model (always stored as text), parsed once into its column's type so that writing
 * it per row costs no parsing: strings keep their UTF-8 bytes, numbers, dates and timestamps become numbers.
 */
abstract class FixedValue implements Serializable {
  private static final long serialVersionUID = 1L;

  abstract void put(ColumnSink sink, int position);

  /** The value as a number in the model's units, as written (NaN for text and booleans). */
  double number() {
    return Double.NaN;
  }

  /** The value of a text in the column's type, or null when the text is not a value of that type. */
  static FixedValue parse(String text, OutputType type) {
    switch (type.type()) {
      case STRING -> {
        return new Text(text.getBytes(StandardCharsets.UTF_8));
      }
      case BOOLEAN -> {
        String t = text.trim();
        if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
          return null;
        }
        return new Flag(Boolean.parseBoolean(t));
      }
      default -> {
        double number = number(text.trim(), type);
        return Double.isNaN(number) ? null : new Number(new NumberWriter(type, 0), number);
      }
    }
  }

  /** A text as a number in the model's units (days, microseconds); NaN when it is not one. */
  private static double number(String text, OutputType type) {
    try {
      return switch (type.type()) {
        case DATE -> LocalDate.parse(text).toEpochDay();
        case TIMESTAMP -> timestampMicros(text);
        case TIMESTAMP_NTZ -> ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.parse(text.replace(' ', 'T')));
        default -> Double.parseDouble(text);
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double timestampMicros(String text) {
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      // Spark's string form of a timestamp, in the session's zone (UTC unless configured otherwise).
      instant = LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static final class Text extends FixedValue {
    private static final long serialVersionUID = 1L;
    private final byte[] utf8;

    Text(byte[] utf8) {
      this.utf8 = utf8;
    }

    @Override
    void put(ColumnSink sink, int position) {
      sink.putLabel(position, utf8);
    }
  }

  private static final class Flag extends FixedValue {
    private static final long serialVersionUID = 1L;
    private final boolean value;

    Flag(boolean value) {
      this.value = value;
    }

    @Override
    void put(ColumnSink sink, int position) {
      sink.putBoolean(position, value);
    }
  }

  private static final class Number extends FixedValue {
    private static final long serialVersionUID = 1L;
    private final NumberWriter writer;
    private final double value;

    Number(NumberWriter writer, double value) {
      this.writer = writer;
      this.value = value;
    }

    @Override
    void put(ColumnSink sink, int position) {
      writer.put(sink, position, value);
    }

    @Override
    double number() {
      return writer.restore(value);
    }
  }
}
