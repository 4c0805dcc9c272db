package io.synthlake.config;

import io.synthlake.names.KebabCase;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Config enums are written in lower kebab-case in job files and on command lines ({@link KebabCase}, which PiiType
 * shares); this maps both ways and lists the choices.
 */
public final class ConfigEnum {
  private ConfigEnum() {}

  /** An enum constant as job files write it: NEAREST_RANK as nearest-rank. */
  public static String nameOf(Enum<?> value) {
    return KebabCase.of(value);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String text) {
    for (E value : type.getEnumConstants()) {
      if (nameOf(value).equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of " + choices(type));
  }

  static <E extends Enum<E>> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigEnum::nameOf).collect(Collectors.joining(", "));
  }
}
