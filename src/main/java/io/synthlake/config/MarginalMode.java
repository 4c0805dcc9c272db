package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How numeric continuous parts are chosen. */
public enum MarginalMode {
  /** Empirical quantile function (default). */
  EMPIRICAL,
  /** The parametric family with the smallest KS distance. */
  PARAMETRIC,
  /** The best parametric family when its KS distance is within parametric-max-ks, else empirical. */
  AUTO;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static MarginalMode fromConfigName(String text) {
    return ConfigEnum.parse(MarginalMode.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(MarginalMode.class);
  }
}
