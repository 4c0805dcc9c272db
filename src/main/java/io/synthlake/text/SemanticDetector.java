package io.synthlake.text;

import io.synthlake.model.SemanticText;
import io.synthlake.pii.PiiDetector;
import io.synthlake.profile.TextShapeSummary;
import io.synthlake.profile.WordSummary;
import java.util.List;
import java.util.Map;

/**
 * Finds what a string column's values are, from its name and from the shape of its values, as personal data is
 * found. The last word of a name (or the one before a last "name") says the kind (city, country, state, company,
 * ...), and the values must agree: places and organisations are written capitalised, states and countries must be
 * words the generator knows, and codes (at most three characters, mostly capitals) take the code form
 * (state_code, country_code, else code). Without a telling name, values with no space and many digits are codes, and
 * multi-word capitalised values are titles. What is found is recorded in the model's notes; a job file sets or
 * clears it with {@code fit.columns.NAME.semantic}.
 */
public final class SemanticDetector {
  /** Share of words written capitalised (or upper case) for a name-detected place or organisation. */
  static final double MIN_CAPITALISED = 0.8;
  /** Share of values of at most three characters, upper case, with no space, for a code form. */
  static final double MIN_CODE_SHARE = 0.9;
  /** Share of characters that are digits, in values without spaces, for a code. */
  static final double MIN_CODE_DIGITS = 0.2;
  /** Share of characters that are digits for a code whatever its spaces (dates and times written as text). */
  static final double MIN_NUMERIC_DIGITS = 0.5;
  /** Share of values of two or more tokens for a title. */
  static final double MIN_TITLE_MULTIWORD = 0.5;
  /** Share of a closed-list column's common words (by rows) that its generator must make. */
  static final double MIN_GENERATOR_OVERLAP = 0.3;
  /** Values drawn from a generator to learn its words. */
  static final int GENERATOR_SAMPLE = 500;
  /** Share of letter case kept as upper or lower for all generated values. */
  static final double CASE_SHARE = 0.9;

  private static final Map<String, SemanticType> NAME_WORDS = Map.ofEntries(
      Map.entry("city", SemanticType.CITY), Map.entry("town", SemanticType.CITY),
      Map.entry("municipality", SemanticType.CITY), Map.entry("village", SemanticType.CITY),
      Map.entry("country", SemanticType.COUNTRY), Map.entry("nation", SemanticType.COUNTRY),
      Map.entry("nationality", SemanticType.COUNTRY), Map.entry("state", SemanticType.STATE),
      Map.entry("province", SemanticType.STATE), Map.entry("region", SemanticType.STATE),
      Map.entry("street", SemanticType.STREET), Map.entry("zip", SemanticType.POSTCODE),
      Map.entry("postcode", SemanticType.POSTCODE), Map.entry("postal", SemanticType.POSTCODE),
      Map.entry("company", SemanticType.COMPANY), Map.entry("organisation", SemanticType.COMPANY),
      Map.entry("organization", SemanticType.COMPANY), Map.entry("employer", SemanticType.COMPANY),
      Map.entry("firm", SemanticType.COMPANY), Map.entry("distributor", SemanticType.COMPANY),
      Map.entry("publisher", SemanticType.COMPANY), Map.entry("manufacturer", SemanticType.COMPANY),
      Map.entry("brand", SemanticType.COMPANY), Map.entry("vendor", SemanticType.COMPANY),
      Map.entry("supplier", SemanticType.COMPANY), Map.entry("airline", SemanticType.COMPANY),
      Map.entry("carrier", SemanticType.COMPANY), Map.entry("agency", SemanticType.COMPANY),
      Map.entry("studio", SemanticType.COMPANY), Map.entry("product", SemanticType.PRODUCT),
      Map.entry("title", SemanticType.TITLE));

  private SemanticDetector() {}

  /**
   * The column's semantic type, or null for none (its word model serves).
   *
   * @param declared the type set in the job file (NONE clears detection), or null
   */
  public static SemanticText detect(String column, SemanticType declared, TextShapeSummary shape,
      WordSummary words, String locale, int minCount) {
    Style style = style(shape, words, minCount);
    if (declared != null) {
      return declared == SemanticType.NONE ? null
          : new SemanticText(declared, locale, style.letterCase, style.space, "declared");
    }
    double capitalised = capitalisedShare(words);
    boolean codes = codeShare(shape) >= MIN_CODE_SHARE;
    String nameWord = typeWord(PiiDetector.words(column));
    SemanticType named = nameWord == null ? null : NAME_WORDS.get(nameWord);
    if (named != null) {
      String why = "its name (" + nameWord + ")";
      if (named == SemanticType.TITLE) {
        return multiword(words) >= MIN_TITLE_MULTIWORD && capitalised >= MIN_CAPITALISED
            ? new SemanticText(SemanticType.TITLE, locale, style.letterCase, style.space, why) : null;
      }
      if (codes) {
        SemanticType code = named == SemanticType.STATE ? SemanticType.STATE_CODE
            : named == SemanticType.COUNTRY ? SemanticType.COUNTRY_CODE : SemanticType.CODE;
        // Codes are codes: a state or country column of codes takes the generator's codes without a word check.
        return new SemanticText(code, locale, SemanticText.LetterCase.AS_IS, " ",
            why + " and codes of at most three capitals");
      }
      boolean closedList = named == SemanticType.STATE || named == SemanticType.COUNTRY;
      if (named == SemanticType.POSTCODE
          || capitalised >= MIN_CAPITALISED && (!closedList || knownToGenerator(named, words, locale, minCount))) {
        return new SemanticText(named, locale, style.letterCase, style.space, why);
      }
      return null;
    }
    if (shape.valuesWithWhitespace() == 0 && digitShare(shape) >= MIN_CODE_DIGITS
        || digitShare(shape) >= MIN_NUMERIC_DIGITS) {
      return new SemanticText(SemanticType.CODE, locale, SemanticText.LetterCase.AS_IS, " ",
          "values: mostly digits, or no spaces and many digits");
    }
    if (multiword(words) >= MIN_TITLE_MULTIWORD && capitalised >= MIN_CAPITALISED) {
      return new SemanticText(SemanticType.TITLE, locale, style.letterCase, style.space,
          "values: several capitalised words");
    }
    return null;
  }

  /**
   * The word of a column name that may say its type: the last one, or the one before a last "name" (city_name);
   * none when the name ends in a qualifier (city_code, product_type, company_size are not cities, products or
   * companies).
   */
  static String typeWord(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    String last = words.get(words.size() - 1);
    return last.equals("name") && words.size() >= 2 ? words.get(words.size() - 2) : last;
  }

  /**
   * Whether the column's common words are the generator's: a closed list (states, countries) is taken only when
   * at least {@link #MIN_GENERATOR_OVERLAP} of the common words' rows hold one the generator makes ("Active" and
   * "Closed" are states of a record, not of a country).
   */
  private static boolean knownToGenerator(SemanticType type, WordSummary words, String locale, int minCount) {
    io.synthlake.pii.FakeValues fakes = new io.synthlake.pii.FakeValues(locale);
    java.util.Set<String> vocabulary = new java.util.HashSet<>();
    for (long key = 0; key < GENERATOR_SAMPLE; key++) {
      for (String token : Tokenizer.split(fakes.fake(type, key)).tokens()) {
        vocabulary.add(token.toLowerCase(java.util.Locale.ROOT));
      }
    }
    long common = 0;
    long known = 0;
    for (io.synthlake.profile.FrequentValues.Item<String> item : words.tokens().items()) {
      if (item.lowerBound() >= minCount && Tokenizer.kindOf(item.value()) == Tokenizer.TokenKind.WORD) {
        common += item.lowerBound();
        if (vocabulary.contains(item.value().toLowerCase(java.util.Locale.ROOT))) {
          known += item.lowerBound();
        }
      }
    }
    return common > 0 && known >= MIN_GENERATOR_OVERLAP * common;
  }

  private record Style(SemanticText.LetterCase letterCase, String space) {}

  /** Upper or lower case when nearly every word is; the separator between words when it is never a space. */
  private static Style style(TextShapeSummary shape, WordSummary words, int minCount) {
    long[] cases = words.cases();
    long total = sum(cases);
    SemanticText.LetterCase letterCase = SemanticText.LetterCase.AS_IS;
    if (total > 0 && cases[Tokenizer.Case.UPPER.ordinal()] >= CASE_SHARE * total) {
      letterCase = SemanticText.LetterCase.UPPER;
    } else if (total > 0 && cases[Tokenizer.Case.LOWER.ordinal()] >= CASE_SHARE * total) {
      letterCase = SemanticText.LetterCase.LOWER;
    }
    String space = " ";
    boolean spaces = shape.valuesWithWhitespace() >= minCount;
    if (!spaces) {
      String top = words.separators().items().stream()
          .filter(item -> item.lowerBound() >= minCount && !item.value().isBlank())
          .max(java.util.Comparator.comparingLong(io.synthlake.profile.FrequentValues.Item<String>::estimate))
          .map(io.synthlake.profile.FrequentValues.Item::value).orElse(null);
      if (top != null) {
        space = top;
      }
    }
    return new Style(letterCase, space);
  }

  private static double capitalisedShare(WordSummary words) {
    long[] cases = words.cases();
    long total = sum(cases);
    long capitalised = cases[Tokenizer.Case.TITLE.ordinal()] + cases[Tokenizer.Case.UPPER.ordinal()]
        + cases[Tokenizer.Case.MIXED.ordinal()];
    return total == 0 ? 0 : (double) capitalised / total;
  }

  /** Share of values with at least two tokens. */
  private static double multiword(WordSummary words) {
    return share(words.tokenCounts(), 2, Integer.MAX_VALUE);
  }

  /** Share of values that could be codes of at most three capitals: at most 3 characters, few lower-case. */
  private static double codeShare(TextShapeSummary shape) {
    double shortValues = share(shape.lengthCounts(), 0, 3);
    long characters = shape.characters();
    boolean capitals = characters > 0 && shape.characters('a', 'z') * 10 <= characters;
    return capitals ? shortValues : 0;
  }

  private static double digitShare(TextShapeSummary shape) {
    long all = shape.characters();
    return all == 0 ? 0 : (double) shape.characters('0', '9') / all;
  }

  /** The share of the counts (index = a count of tokens or characters) at indices from..to. */
  private static double share(long[] counts, int from, int to) {
    long total = sum(counts);
    long inside = 0;
    for (int i = from; i < counts.length && i <= to; i++) {
      inside += counts[i];
    }
    return total == 0 ? 0 : (double) inside / total;
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  /** For notes: "city (its name (city))". */
  public static String describe(SemanticText semantic) {
    return semantic.type().configName() + " (" + semantic.detectedBy() + ")";
  }
}
