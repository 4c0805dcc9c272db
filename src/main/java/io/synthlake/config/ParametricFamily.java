package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Parametric candidates for continuous parts. */
public enum ParametricFamily {
  NORMAL,
  LOGNORMAL,
  GAMMA,
  BETA,
  UNIFORM,
  EXPONENTIAL;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static ParametricFamily fromConfigName(String text) {
    return ConfigEnum.parse(ParametricFamily.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(ParametricFamily.class);
  }
}
