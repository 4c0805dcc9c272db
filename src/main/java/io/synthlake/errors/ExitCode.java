package io.synthlake.errors;

/**
 * The process exit codes of every synthlake command. Schedulers (Airflow, cron) act on these, so the numbers are
 * part of the public interface: never renumber, only add.
 */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "unexpected failure (a bug or an unclassified Spark error); see --verbose"),
  USAGE(2, "bad command line: unknown option, missing or malformed argument"),
  CONFIG(3, "invalid job configuration: unknown key, wrong type, bad override"),
  INPUT(4, "unusable source: missing, empty, corrupt, unsupported or non-finite data"),
  OUTPUT(5, "output cannot be written, or exists and overwriting was not requested"),
  MODEL(6, "unreadable model: missing, corrupt, or from a newer synthlake"),
  QUALITY(7, "a validate.gates threshold was breached (the report is still written)");

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
