package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to NaN and infinite values in numeric columns. */
public enum NonFinitePolicy {
  /** Modelled as special values with their exact shares, outside the copula. */
  KEEP,
  /** Treated as nulls. */
  NULL,
  /** The fit fails naming the column and the counts. */
  ERROR;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static NonFinitePolicy fromConfigName(String text) {
    return ConfigEnum.parse(NonFinitePolicy.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(NonFinitePolicy.class);
  }
}
