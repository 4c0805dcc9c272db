package io.synthlake.generate;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Restores a number in the model's units (days for dates, microseconds for timestamps) to its column's type:
 * rounded to the column's resolution (whole numbers, cents, whole seconds), clamped to the type's range, and put
 * in Spark's physical form.
 */
final class NumberWriter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

  private final OutputType type;
  private final double step;
  /** 10^d when the step is 10^-d (cents, ...): dividing by it rounds to the nearest double of the decimal. */
  private final double decimalInverse;
  private final double minimum;
  private final double maximum;
  private final double scaleFactor;
  /**
   * The decimal type's exact largest value, (10^p - 1)·10^-s, unscaled (precision up to 18) or as a BigDecimal.
   * The double bounds above round it up (decimal(38,18)'s 10^20 - 10^-18 is the double 1e20), so a value clamped
   * only to them can still overflow the type; the writer clamps again in the decimal's own terms.
   */
  private final long maxUnscaled;
  private final BigDecimal maxDecimal;

  NumberWriter(OutputType type, double resolution) {
    this.type = type;
    this.step = resolution > 0 ? resolution : 0;
    this.decimalInverse = decimalInverse(step);
    this.minimum = type.minimum();
    this.maximum = type.maximum();
    this.scaleFactor = type.scale() < POWERS_OF_TEN.length ? POWERS_OF_TEN[type.scale()] : Math.pow(10, type.scale());
    boolean decimal = type.type() == io.synthlake.fit.SourceType.DECIMAL;
    this.maxUnscaled = decimal && type.precision() <= OutputType.MAX_LONG_DIGITS
        ? BigInteger.TEN.pow(type.precision()).longValueExact() - 1 : 0;
    this.maxDecimal = decimal ? new BigDecimal(BigInteger.TEN.pow(type.precision()).subtract(BigInteger.ONE),
        type.scale()) : null;
  }

  private static double decimalInverse(double step) {
    if (step <= 0 || step >= 1) {
      return 0;
    }
    double inverse = Math.rint(1.0 / step);
    return inverse <= 1e15 && Math.abs(inverse * step - 1.0) < 1e-12 && isPowerOfTen(inverse) ? inverse : 0;
  }

  private static boolean isPowerOfTen(double value) {
    for (double power : POWERS_OF_TEN) {
      if (power == value) {
        return true;
      }
    }
    return false;
  }

  /** The value rounded to the resolution and clamped to the type's range. */
  double restore(double value) {
    double rounded = value;
    if (decimalInverse > 0) {
      rounded = Math.rint(value * decimalInverse) / decimalInverse;
    } else if (step > 0) {
      rounded = Math.rint(value / step) * step;
    }
    return Math.max(minimum, Math.min(maximum, rounded));
  }

  /** The value as {@link #put} writes it, back as a double: rounded to the type (whole numbers, floats, scale). */
  double written(double value) {
    double v = restore(value);
    return switch (type.type()) {
      case BYTE, SHORT, INT, DATE, LONG, TIMESTAMP, TIMESTAMP_NTZ -> Math.rint(v);
      case FLOAT -> (float) v;
      case DECIMAL -> type.precision() <= OutputType.MAX_LONG_DIGITS ? unscaled(v) / scaleFactor
          : decimal(v).doubleValue();
      default -> v;
    };
  }

  /** The smallest value of the resolution's grid at or above the value, clamped to the type's range. */
  double restoreUp(double value) {
    double up = value;
    if (decimalInverse > 0) {
      up = Math.ceil(value * decimalInverse - 1e-9) / decimalInverse;
    } else if (step > 0) {
      up = Math.ceil(value / step - 1e-9) * step;
    }
    if (up < value && step > 0) {
      // The tolerance above let a value just over a grid point round down: take the next point.
      up += step;
    }
    return Math.max(minimum, Math.min(maximum, up));
  }

  /** The next value of the resolution's grid above a value on it (the next double when there is no grid). */
  double nextAbove(double value) {
    if (step > 0) {
      return Math.min(maximum, restore(value + step));
    }
    // A float column writes floats: the next double above a float rounds back to it.
    return type.type() == io.synthlake.fit.SourceType.FLOAT ? Math.nextUp((float) value) : Math.nextUp(value);
  }

  void put(ColumnSink sink, int position, double value) {
    double v = restore(value);
    switch (type.type()) {
      case BYTE -> sink.putByte(position, (byte) Math.rint(v));
      case SHORT -> sink.putShort(position, (short) Math.rint(v));
      case INT -> sink.putInt(position, (int) Math.rint(v));
      case DATE -> sink.putInt(position, (int) Math.rint(v));
      case LONG, TIMESTAMP, TIMESTAMP_NTZ -> sink.putLong(position, (long) Math.rint(v));
      case FLOAT -> sink.putFloat(position, (float) v);
      case DOUBLE -> sink.putDouble(position, v);
      case DECIMAL -> putDecimal(sink, position, v);
      default -> throw new IllegalStateException("not a numeric type: " + type);
    }
  }

  /** Non-finite values exist only in float and double columns. */
  void putNonFinite(ColumnSink sink, int position, double value) {
    if (type.type() == io.synthlake.fit.SourceType.FLOAT) {
      sink.putFloat(position, (float) value);
    } else {
      sink.putDouble(position, value);
    }
  }

  private void putDecimal(ColumnSink sink, int position, double value) {
    if (type.precision() <= OutputType.MAX_LONG_DIGITS) {
      sink.putUnscaledDecimal(position, unscaled(value));
    } else {
      sink.putBigDecimal(position, decimal(value));
    }
  }

  /** The unscaled value of a decimal of at most 18 digits, within ±(10^p - 1). */
  long unscaled(double value) {
    double scaled = value * scaleFactor;
    if (scaled >= maxUnscaled) {
      return maxUnscaled;
    }
    return scaled <= -maxUnscaled ? -maxUnscaled : Math.round(scaled);
  }

  /** The value as a decimal of the type's scale, within its exact bounds. */
  BigDecimal decimal(double value) {
    BigDecimal decimal = BigDecimal.valueOf(value).setScale(type.scale(), RoundingMode.HALF_EVEN);
    if (decimal.compareTo(maxDecimal) > 0) {
      return maxDecimal;
    }
    return decimal.compareTo(maxDecimal.negate()) < 0 ? maxDecimal.negate() : decimal;
  }
}
