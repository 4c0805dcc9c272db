package io.synthlake.errors;

/**
 * A failure the user can act on: its message is one line that says what was wrong, where, and how to fix it,
 * and it carries the exit code the command ends with.
 */
public final class SynthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public SynthException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  public SynthException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static SynthException config(String format, Object... args) {
    return new SynthException(ExitCode.CONFIG, String.format(format, args));
  }

  public static SynthException input(String format, Object... args) {
    return new SynthException(ExitCode.INPUT, String.format(format, args));
  }

  public static SynthException output(String format, Object... args) {
    return new SynthException(ExitCode.OUTPUT, String.format(format, args));
  }

  public static SynthException model(String format, Object... args) {
    return new SynthException(ExitCode.MODEL, String.format(format, args));
  }

  // The same with the failure that caused it, which --verbose prints below the one line.

  public static SynthException config(Throwable cause, String format, Object... args) {
    return new SynthException(ExitCode.CONFIG, String.format(format, args), cause);
  }

  public static SynthException input(Throwable cause, String format, Object... args) {
    return new SynthException(ExitCode.INPUT, String.format(format, args), cause);
  }

  public static SynthException output(Throwable cause, String format, Object... args) {
    return new SynthException(ExitCode.OUTPUT, String.format(format, args), cause);
  }

  public static SynthException model(Throwable cause, String format, Object... args) {
    return new SynthException(ExitCode.MODEL, String.format(format, args), cause);
  }
}
