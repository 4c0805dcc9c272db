package io.synthlake.names;

import java.util.Locale;

/**
 * How enum constants are spelled in job files, lake files, on command lines and in personal-data declarations:
 * lower kebab-case, NEAREST_RANK as nearest-rank. A leaf package, so that config, pii and model can all use the
 * one rule without depending on each other.
 */
public final class KebabCase {
  private KebabCase() {}

  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
