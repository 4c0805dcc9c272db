package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to columns of types synthlake cannot model (map, array, struct, binary, ...). */
public enum UnsupportedTypePolicy {
  /** Left out of the model, with a note. */
  SKIP,
  /** The fit fails naming the column and its type. */
  ERROR;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static UnsupportedTypePolicy fromConfigName(String text) {
    return ConfigEnum.parse(UnsupportedTypePolicy.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(UnsupportedTypePolicy.class);
  }
}
