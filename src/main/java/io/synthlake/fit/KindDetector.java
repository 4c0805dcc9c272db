package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.model.ColumnKind;
import io.synthlake.profile.FrequentValues;
import io.synthlake.profile.NumericSummary;
import io.synthlake.profile.StringSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses how each column is modelled from its type and profile. Every decision comes with a reason, which the
 * model's notes record.
 */
public final class KindDetector {
  /** Keys longer than this are not plausible identifiers. */
  static final int MAX_IDENTIFIER_LENGTH = 64;
  /** A high-cardinality string stays categorical when its most frequent labels cover this share of rows. */
  static final double MIN_CATEGORICAL_COVERAGE = 0.5;
  private static final Set<String> KEY_WORDS = Set.of("id", "key", "uuid", "guid", "pk", "code", "number", "no",
      "nr", "num", "sk");
  private static final Pattern WORD_BOUNDARY = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

  private final FitConfig fit;

  public KindDetector(FitConfig fit) {
    this.fit = fit;
  }

  public record Decision(ColumnKind kind, String reason) {}

  public Decision forNumeric(ColumnSpec spec, NumericSummary s) {
    if (spec.forcedKind() != null) {
      return new Decision(spec.forcedKind(), "kind set in the configuration");
    }
    if (s.nonNull() == 0) {
      return new Decision(ColumnKind.CONSTANT, "null in every row");
    }
    if (s.frequent().exact() && s.frequent().items().size() == 1 && s.nonFinite() == 0) {
      return new Decision(ColumnKind.CONSTANT, "one distinct value");
    }
    if (s.finite() == 0) {
      return new Decision(kindOfType(spec), "only non-finite values");
    }
    double ratio = distinctRatio(s.frequent(), s.distinctEstimate(), s.finite());
    if (spec.integral() && ratio >= fit.identifierMinDistinctRatio() && looksLikeKeyName(spec.name())
        && s.finite() >= 2L * fit.minCategoryCount()) {
      return new Decision(ColumnKind.IDENTIFIER, String.format(Locale.ROOT,
          "integer key: name looks like a key and %.1f%% of values are distinct", 100 * ratio));
    }
    ColumnKind kind = kindOfType(spec);
    return new Decision(kind, kind.configName() + " type " + spec.sparkType());
  }

  public Decision forText(ColumnSpec spec, StringSummary s) {
    if (spec.forcedKind() != null) {
      return new Decision(spec.forcedKind(), "kind set in the configuration");
    }
    if (s.nonNull() == 0) {
      return new Decision(ColumnKind.CONSTANT, "null in every row");
    }
    FrequentValues<String> frequent = s.frequent();
    if (frequent.exact() && frequent.items().size() == 1) {
      return new Decision(ColumnKind.CONSTANT, "one distinct value");
    }
    if (spec.type() == SourceType.BOOLEAN) {
      return new Decision(ColumnKind.BOOLEAN, "boolean type");
    }
    double ratio = distinctRatio(frequent, s.distinctEstimate(), s.nonNull());
    if (ratio >= fit.identifierMinDistinctRatio() && s.nonNull() >= 2L * fit.minCategoryCount()) {
      boolean tokenLike = s.shape().valuesWithWhitespace() == 0 && s.shape().maxLength() <= MAX_IDENTIFIER_LENGTH
          && (looksLikeKeyName(spec.name()) || !wordLike(s.shape()));
      return tokenLike
          ? new Decision(ColumnKind.IDENTIFIER, String.format(Locale.ROOT,
              "%.1f%% of values distinct, no whitespace, at most %d characters", 100 * ratio, s.shape().maxLength()))
          : new Decision(ColumnKind.TEXT, String.format(Locale.ROOT,
              "%.1f%% of values distinct, and words rather than keys (spaces, long values or mostly lower-case "
                  + "letters)", 100 * ratio));
    }
    if (frequent.exact() && frequent.items().size() <= fit.maxCategories()) {
      return new Decision(ColumnKind.CATEGORICAL, frequent.items().size() + " distinct values");
    }
    double coverage = topCoverage(frequent, s.nonNull());
    if (coverage >= MIN_CATEGORICAL_COVERAGE) {
      return new Decision(ColumnKind.CATEGORICAL, String.format(Locale.ROOT,
          "about %.0f distinct values; the %d most frequent cover %.1f%% of rows", s.distinctEstimate(),
          fit.maxCategories(), 100 * coverage));
    }
    return new Decision(ColumnKind.TEXT, String.format(Locale.ROOT,
        "about %.0f distinct values; the %d most frequent cover only %.1f%% of rows", s.distinctEstimate(),
        fit.maxCategories(), 100 * coverage));
  }

  private static ColumnKind kindOfType(ColumnSpec spec) {
    return switch (spec.type()) {
      case DATE -> ColumnKind.DATE;
      case TIMESTAMP, TIMESTAMP_NTZ -> ColumnKind.TIMESTAMP;
      default -> spec.integral() ? ColumnKind.INTEGER : ColumnKind.CONTINUOUS;
    };
  }

  /** Distinct values over values: exact when the frequent-items sketch saw every value. */
  private static double distinctRatio(FrequentValues<?> frequent, double estimate, long values) {
    if (values <= 0) {
      return 0;
    }
    double distinct = frequent.exact() ? frequent.items().size() : estimate;
    return Math.min(1.0, distinct / values);
  }

  /** The share of values covered by the most frequent labels that are frequent enough to keep. */
  private double topCoverage(FrequentValues<String> frequent, long values) {
    List<FrequentValues.Item<String>> items = frequent.items().stream()
        .filter(item -> item.lowerBound() >= fit.minCategoryCount())
        .sorted(Comparator.comparingLong(FrequentValues.Item<String>::lowerBound).reversed())
        .limit(fit.maxCategories())
        .toList();
    long covered = 0;
    for (FrequentValues.Item<String> item : items) {
      covered += item.lowerBound();
    }
    return values == 0 ? 0 : (double) covered / values;
  }

  /**
   * Values mostly of lower-case letters (surnames, single-word places): words, not keys, unless the name says key.
   * Keys are digits, capitals or hex (a UUID's letters are a-f among many digits), or letters among many digits.
   */
  static boolean wordLike(io.synthlake.profile.TextShapeSummary shape) {
    long all = shape.characters();
    return all > 0 && shape.characters('g', 'z') >= 0.5 * all && shape.characters('0', '9') < 0.2 * all;
  }

  /** customer_id, CustomerID, orderKey, id, sku_code, ... */
  static boolean looksLikeKeyName(String name) {
    String[] words = WORD_BOUNDARY.split(name);
    if (words.length == 0) {
      return false;
    }
    return KEY_WORDS.contains(words[words.length - 1].toLowerCase(Locale.ROOT));
  }
}
