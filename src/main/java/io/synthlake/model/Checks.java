package io.synthlake.model;

/** Argument checks for model records: a corrupt model fails at load with a message that names the field. */
final class Checks {
  static final double PROBABILITY_SUM_TOLERANCE = 1e-6;

  private Checks() {}

  static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  static void probability(double p, String what) {
    require(p >= 0.0 && p <= 1.0, "%s must be a probability in [0, 1], got %s", what, p);
  }

  static void finite(double value, String what) {
    require(Double.isFinite(value), "%s must be a finite number, got %s", what, value);
  }
}
