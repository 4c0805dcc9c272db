package io.synthlake.pii;

import java.io.Serializable;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import net.datafaker.Faker;

/**
 * Fake personal data from datafaker, as a pure function of (type, locale, key): the faker's random source is
 * reseeded with the key before every value, so a value never depends on the values made before it, the thread,
 * the partition or a retry. The key comes from (seed, table, column, row) or, for pseudonyms, from a keyed hash
 * of the source value.
 */
public final class FakeValues implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String localeTag;
  /** A faker per thread: datafaker's objects are not thread-safe, and each keeps its own random source. */
  private transient ThreadLocal<Seeded> seeded;

  private record Seeded(Random random, Faker faker) {}

  /** @param localeTag an IETF language tag such as en-US or de-DE */
  public FakeValues(String localeTag) {
    locale(localeTag);
    this.localeTag = localeTag;
  }

  /** The locale of a tag, or an error naming the tag. */
  public static Locale locale(String tag) {
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag).build();
      if (locale.getLanguage().isEmpty()) {
        throw new IllegalArgumentException("locale '" + tag + "' has no language (expected a tag such as en-US)");
      }
      return locale;
    } catch (IllformedLocaleException e) {
      throw new IllegalArgumentException("locale '" + tag + "' is not a language tag (expected one such as en-US "
          + "or de-DE)", e);
    }
  }

  public String localeTag() {
    return localeTag;
  }

  /** The fake value of this type for this key. */
  public String fake(PiiType type, long key) {
    return seeded(key, type::fake);
  }

  /** A value of a semantic type (a city, a company, ...) for this key. */
  public String fake(io.synthlake.text.SemanticType type, long key) {
    return seeded(key, type::fake);
  }

  /** The maker's value with the faker's random source reseeded with the key. */
  private String seeded(long key, java.util.function.Function<Faker, String> maker) {
    Seeded state = state();
    state.random().setSeed(key);
    return maker.apply(state.faker());
  }

  /**
   * The fake value for this key unless {@code taken} holds for it (it equals a source value, or might): then
   * further draws for the key, and at last numbered variants of the first one, until one is free. Deterministic,
   * since every draw is keyed.
   */
  public String fakeAvoiding(PiiType type, long key, Predicate<String> taken) {
    return io.synthlake.text.Redraws.avoiding(k -> fake(type, k), key, type.ordinal(), taken,
        "fake " + type.configName() + " value");
  }

  private Seeded state() {
    if (seeded == null) {
      seeded = ThreadLocal.withInitial(() -> {
        Random random = new Random(0);
        return new Seeded(random, new Faker(locale(localeTag), random));
      });
    }
    return seeded.get();
  }
}
