package io.synthlake.profile;

/**
 * Candidate resolutions of a numeric domain, largest first, each a multiple of the next: the profile finds the
 * largest step that divides every value (whole thousands, cents, whole seconds), so generated values can be
 * rounded the same way.
 */
public enum StepLadder {
  DECIMAL(new double[] {1e6, 1e5, 1e4, 1e3, 100, 10, 1, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8}),
  INTEGER(new double[] {1e6, 1e5, 1e4, 1e3, 100, 10, 1}),
  EPOCH_DAYS(new double[] {1}),
  /** Microseconds: days, hours, minutes, seconds, milliseconds, microseconds. */
  EPOCH_MICROS(new double[] {86_400e6, 3_600e6, 60e6, 1e6, 1e3, 1});

  /** Quotients beyond this are integral in double arithmetic whatever the data: no evidence either way. */
  private static final double EXACT_LIMIT = 0x1.0p52;

  private final double[] steps;

  StepLadder(double[] steps) {
    this.steps = steps;
  }

  public int size() {
    return steps.length;
  }

  /** The step at an index; 0 (no resolution) past the end. */
  public double step(int index) {
    return index < steps.length ? steps[index] : 0.0;
  }

  /**
   * The first index at or after {@code from} whose step divides value, within a relative tolerance that absorbs
   * binary representation error (1e-9 for doubles; about 1e-6 for values that were floats).
   */
  public int firstDividing(int from, double value, double tolerance) {
    int index = from;
    while (index < steps.length && !divides(steps[index], value, tolerance)) {
      index++;
    }
    return index;
  }

  private static boolean divides(double step, double value, double tolerance) {
    double quotient = value / step;
    if (Math.abs(quotient) >= EXACT_LIMIT) {
      return true;
    }
    return Math.abs(quotient - Math.rint(quotient)) <= tolerance * Math.max(1.0, Math.abs(quotient));
  }
}
