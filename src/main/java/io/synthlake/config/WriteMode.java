package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What generate does when the output exists. */
public enum WriteMode {
  /** Refuse to touch an existing output (the default). */
  ERROR,
  /** Replace it: one Delta commit, or a complete Parquet/CSV directory moved into place. */
  OVERWRITE,
  /** Add rows; their indices continue after the rows already written, so keys stay unique. */
  APPEND;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static WriteMode fromConfigName(String text) {
    return ConfigEnum.parse(WriteMode.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(WriteMode.class);
  }
}
