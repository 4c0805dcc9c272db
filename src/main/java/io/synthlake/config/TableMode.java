package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a lake refresh does with one table. */
public enum TableMode {
  /** Fit a model of the source and generate a synthetic table from it (the default). */
  SYNTHESIZE,
  /** Copy the source as it is: small reference tables (country codes, calendars) that hold no personal data. */
  COPY,
  /** Keep the rows and replace the columns with personal data by fake values or keyed pseudonyms. */
  MASK,
  /** Leave the table out of this refresh. */
  SKIP;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static TableMode fromConfigName(String text) {
    return ConfigEnum.parse(TableMode.class, text);
  }
}
