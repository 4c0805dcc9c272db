package io.synthlake.errors;

/**
 * The process exit codes of every synthlake command. Schedulers (Airflow, cron) act on these, so the numbers are
 * part of the public interface: never renumber, only add.
 */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "unexpected failure (a bug, or a Spark failure synthlake could not classify); rerun with --verbose"),
  USAGE(2, "bad command line: unknown option, missing or malformed argument"),
  CONFIG(3, "invalid job configuration: unknown key, wrong value type, override for a missing column"),
  INPUT(4, "unusable source: missing path, no data files, empty table, corrupt file, unsupported or non-finite values"),
  OUTPUT(5, "output cannot be written, or exists and overwriting was not requested"),
  MODEL(6, "unreadable model: missing, corrupt, or written by a newer synthlake");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
