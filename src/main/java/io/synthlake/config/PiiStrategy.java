package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a masked table's personal data is replaced. */
public enum PiiStrategy {
  /** A fresh fake value per row, keyed by the seed and the row's other columns. */
  FAKE,
  /**
   * The same fake value for the same source value, in every table and run: keyed by a secret (HMAC-SHA256), so
   * joins on the column still work and nobody without the key can test a guess.
   */
  PSEUDONYMIZE;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static PiiStrategy fromConfigName(String text) {
    return ConfigEnum.parse(PiiStrategy.class, text);
  }
}
