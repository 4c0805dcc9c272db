package io.synthlake.validate;

import io.synthlake.text.Dictionary;
import io.synthlake.text.Tokenizer;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a real word from character soup: a word is known when it is in the source column's common vocabulary
 * (words seen in at least min-category-count of its rows), in the language's dictionary, or in the vocabulary of
 * the column's semantic generator (for a city, a dictionary name joined to a place suffix, as datafaker makes).
 * Numbers are not words and are not counted. Case is ignored.
 */
public final class KnownWords implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Indices of {@link #count}'s counters. */
  public static final int WORDS = 0;
  public static final int KNOWN = 1;
  public static final int VALUES_WITH_WORDS = 2;
  public static final int VALUES_WITHOUT_KNOWN_WORD = 3;
  public static final int COUNTERS = 4;

  private final Set<String> vocabulary;
  private final String localeTag;
  private final boolean placeCompounds;
  private final Set<String> stored;
  private transient Dictionary dictionary;

  /**
   * @param vocabulary lower-case words known besides the dictionary's
   * @param placeCompounds whether a name joined to a place suffix counts (a city generator's words)
   * @param stored values left out of the count: the labels a model stores, which are not made up
   */
  public KnownWords(Set<String> vocabulary, String localeTag, boolean placeCompounds, Set<String> stored) {
    this.stored = Set.copyOf(stored);
    this.vocabulary = Set.copyOf(vocabulary);
    this.localeTag = localeTag;
    this.placeCompounds = placeCompounds;
  }

  public boolean known(String word) {
    if (dictionary == null) {
      dictionary = Dictionary.of(localeTag);
    }
    return vocabulary.contains(word.toLowerCase(Locale.ROOT)) || dictionary.contains(word)
        || placeCompounds && dictionary.isPlaceCompound(word);
  }

  /**
   * Adds a value's words, known words, and whether it has words but none known, to the counters; a stored value
   * counts nothing.
   */
  public void count(String value, long[] counters) {
    if (stored.contains(value)) {
      return;
    }
    int words = 0;
    int known = 0;
    for (String token : Tokenizer.split(value).tokens()) {
      if (Tokenizer.kindOf(token) == Tokenizer.TokenKind.WORD) {
        words++;
        if (known(token)) {
          known++;
        }
      }
    }
    counters[WORDS] += words;
    counters[KNOWN] += known;
    if (words > 0) {
      counters[VALUES_WITH_WORDS]++;
      if (known == 0) {
        counters[VALUES_WITHOUT_KNOWN_WORD]++;
      }
    }
  }
}
