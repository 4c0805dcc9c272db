package io.synthlake.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Config enums are written in lower kebab-case in job files; this maps both ways and lists the choices. */
final class ConfigEnum {
  private ConfigEnum() {}

  static String nameOf(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
