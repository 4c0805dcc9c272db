package io.synthlake.spark;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wall-clock time of a job and its phases, taken one way: {@link System#nanoTime()} differences, shown in seconds
 * or rounded to hundredths of a second (what results and logs print).
 */
public final class PhaseTimer {
  private PhaseTimer() {}

  /** Time elapsed, in nanoseconds. */
  public record Elapsed(long nanos) {
    public double seconds() {
      return nanos / 1e9;
    }

    /** Seconds rounded to hundredths. */
    public double hundredths() {
      return Math.round(nanos / 1e7) / 100.0;
    }
  }

  /** The time since a {@link System#nanoTime()} start. */
  public static Elapsed since(long startedNanos) {
    return new Elapsed(System.nanoTime() - startedNanos);
  }

  /** Runs one phase and hands its time to done; a phase that fails is not timed (its job fails with it). */
  public static <T> T timed(Supplier<T> work, Consumer<Elapsed> done) {
    long started = System.nanoTime();
    T result = work.get();
    done.accept(since(started));
    return result;
  }
}
