package io.synthlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to categories seen fewer than min-category-count times. */
public enum RareCategoryPolicy {
  /** Folded into one other bucket whose labels generate makes up from the column's shape. */
  FOLD,
  /** Dropped; the remaining shares are renormalised. */
  DROP;

  @JsonValue
  public String configName() {
    return ConfigEnum.nameOf(this);
  }

  @JsonCreator
  public static RareCategoryPolicy fromConfigName(String text) {
    return ConfigEnum.parse(RareCategoryPolicy.class, text);
  }

  public static String choices() {
    return ConfigEnum.choices(RareCategoryPolicy.class);
  }
}
