package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Formats generate writes. */
public enum OutputFormat {
  PARQUET, DELTA, CSV;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static OutputFormat fromConfigName(String text) {
    return ConfigEnum.parse(OutputFormat.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(OutputFormat.class);
  }
}
