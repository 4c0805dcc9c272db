package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.WordModel;
import io.synthlake.profile.FrequentValues;
import io.synthlake.profile.WordState;
import io.synthlake.profile.WordSummary;
import io.synthlake.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link WordModel} from a column's word statistics. A token, start, end, pair or separator is stored only
 * when the sketch's lower bound of its row count reaches {@code min-category-count}: a lower bound never exceeds
 * the true count, so every stored item occurs in at least that many rows. Shares are of the lower bounds too (exact
 * while the sketch holds every item; once it purges, the estimates carry an offset common to every item, which
 * would flatten the shares).
 */
public final class WordModelFit {
  /** At most this many tokens are stored per column (the most frequent); the rest count as rare. */
  public static final int MAX_TOKENS = 5_000;
  /** At most this many token pairs are stored per column. */
  public static final int MAX_PAIRS = 10_000;

  private WordModelFit() {}

  /** The word model, or null when the column has fewer than {@code min-category-count} values. */
  public static WordModel build(WordSummary words, FitConfig fit, String locale) {
    int min = fit.minCategoryCount();
    if (words.values() < min) {
      return null;
    }
    Map<String, Long> kept = supported(words.tokens(), min, MAX_TOKENS);
    long keptTotal = kept.values().stream().mapToLong(Long::longValue).sum();
    List<WordModel.Token> tokens = shares(kept);
    List<WordModel.Token> starts = shares(restricted(supported(words.starts(), min, MAX_TOKENS), kept));
    List<WordModel.Token> ends = shares(restricted(supported(words.ends(), min, MAX_TOKENS), kept));
    List<WordModel.Token> separators = shares(supported(words.separators(), min, Integer.MAX_VALUE));
    List<WordModel.TokenPair> pairs = new ArrayList<>();
    for (Map.Entry<String, Long> pair : supported(words.pairs(), min, MAX_PAIRS).entrySet()) {
      String[] parts = pair.getKey().split(String.valueOf(WordState.PAIR_JOIN), 3);
      String first = parts[0];
      String separator = parts[1];
      String second = parts[2];
      Long firstRows = kept.get(first);
      if (firstRows != null && kept.containsKey(second)) {
        // P(second follows | first): the rows holding the pair over the rows holding first (at most 1, since a
        // pair's rows hold first); the shares of first's pairs add up to at most 1, the rest is any token.
        pairs.add(new WordModel.TokenPair(first, separator, second,
            Math.min(1.0, (double) pair.getValue() / firstRows)));
      }
    }
    pairs.sort(Comparator.comparing(WordModel.TokenPair::first).thenComparing(WordModel.TokenPair::second)
        .thenComparing(WordModel.TokenPair::separator));
    normalisePairs(pairs);
    double rare = words.rowTokens() == 0 ? 1.0
        : Math.max(0.0, Math.min(1.0, 1.0 - (double) keptTotal / words.rowTokens()));
    return new WordModel(lengths(words.tokenCounts(), fit), tokens, starts, ends, pairs, separators, rare,
        rareCases(words, kept), locale);
  }

  /** Token counts per value: values with no token are left out when others have some. */
  private static NumericMarginal lengths(long[] tokenCounts, FitConfig fit) {
    long[] counts = tokenCounts.clone();
    long withTokens = 0;
    for (int i = 1; i < counts.length; i++) {
      withTokens += counts[i];
    }
    if (withTokens > 0 && counts.length > 0) {
      counts[0] = 0;
    }
    return ShapeBuilder.counts(counts, fit);
  }

  /** The items whose lower bound reaches min, the most frequent first, at most limit, with their estimates. */
  private static Map<String, Long> supported(FrequentValues<String> items, int min, int limit) {
    Map<String, Long> kept = new java.util.LinkedHashMap<>();
    items.items().stream()
        .filter(item -> item.lowerBound() >= min)
        .sorted(Comparator.comparingLong(FrequentValues.Item<String>::lowerBound).reversed()
            .thenComparing(FrequentValues.Item::value))
        .limit(limit)
        .forEach(item -> kept.put(item.value(), item.lowerBound()));
    return kept;
  }

  private static Map<String, Long> restricted(Map<String, Long> items, Map<String, Long> tokens) {
    Map<String, Long> kept = new java.util.LinkedHashMap<>();
    items.forEach((token, count) -> {
      if (tokens.containsKey(token)) {
        kept.put(token, count);
      }
    });
    return kept;
  }

  private static List<WordModel.Token> shares(Map<String, Long> counts) {
    double total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<WordModel.Token> shares = new ArrayList<>();
    counts.forEach((text, count) -> shares.add(new WordModel.Token(text, count / total)));
    return shares;
  }

  /** Estimates can make a token's pairs add up to a little over 1: scale them down to 1. */
  private static void normalisePairs(List<WordModel.TokenPair> pairs) {
    Map<String, Double> totals = new HashMap<>();
    pairs.forEach(pair -> totals.merge(pair.first(), pair.share(), Double::sum));
    for (int i = 0; i < pairs.size(); i++) {
      WordModel.TokenPair pair = pairs.get(i);
      double total = totals.get(pair.first());
      if (total > 1.0) {
        pairs.set(i, new WordModel.TokenPair(pair.first(), pair.separator(), pair.second(), pair.share() / total));
      }
    }
  }

  /** The letter case of the words that were not stored: every word's case count less the stored words'. */
  private static List<Double> rareCases(WordSummary words, Map<String, Long> kept) {
    double[] rare = new double[Tokenizer.Case.values().length];
    for (int i = 0; i < rare.length; i++) {
      rare[i] = words.cases()[i];
    }
    kept.forEach((token, count) -> {
      if (Tokenizer.kindOf(token) == Tokenizer.TokenKind.WORD) {
        rare[Tokenizer.Case.of(token).ordinal()] -= count;
      }
    });
    double total = 0;
    for (int i = 0; i < rare.length; i++) {
      rare[i] = Math.max(0, rare[i]);
      total += rare[i];
    }
    List<Double> shares = new ArrayList<>();
    if (total <= 0) {
      return shares;
    }
    for (double r : rare) {
      shares.add(r / total);
    }
    return shares;
  }
}
