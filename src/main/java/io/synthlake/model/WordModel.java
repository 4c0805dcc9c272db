package io.synthlake.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The word-level model of a string column's values, with no value in it: the tokens (words as written, numbers as
 * their shape {@code ###}) that occur in at least {@code min-category-count} rows, with their shares; the tokens
 * that start and end values; adjacent token pairs under the same support rule; the separators between tokens; the
 * number of tokens per value; and the share of tokens (each once per row) too rare to store, with the letter
 * case of those words, so that generate can put a dictionary word of the same case in their place.
 *
 * @param lengths the number of tokens per value (whole numbers)
 * @param tokens every stored token, with its share of the stored tokens' row counts
 * @param starts stored tokens that start values, with shares
 * @param ends stored tokens that end values, with shares
 * @param pairs stored token pairs (first, separator, second), each with the share of first's rows it follows
 * @param separators the separators between tokens, with shares (empty means a single space)
 * @param rare the share of tokens (each counted once per row) that are not stored
 * @param rareCases the letter case of the rare words: shares of title, lower, upper and mixed case
 * @param locale the language of the dictionary words that stand in for rare ones (pii.locale)
 */
public record WordModel(NumericMarginal lengths, List<Token> tokens, List<Token> starts, List<Token> ends,
    List<TokenPair> pairs, List<Token> separators, double rare, List<Double> rareCases, String locale) {

  /** A token (or separator) and its share. */
  public record Token(String text, double share) {
    public Token {
      Objects.requireNonNull(text, "a token needs its text");
      Checks.probability(share, "token share");
    }
  }

  /**
   * Two tokens that follow each other with this separator between them, and the share of the first's rows in which
   * the second follows it so.
   */
  public record TokenPair(String first, String separator, String second, double share) {
    public TokenPair {
      Objects.requireNonNull(first, "a token pair needs its first token");
      separator = separator == null ? " " : separator;
      Objects.requireNonNull(second, "a token pair needs its second token");
      Checks.probability(share, "token pair share");
    }
  }

  public WordModel {
    Objects.requireNonNull(lengths, "a word model needs its token counts (lengths)");
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    starts = starts == null ? List.of() : List.copyOf(starts);
    ends = ends == null ? List.of() : List.copyOf(ends);
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    separators = separators == null ? List.of() : List.copyOf(separators);
    rareCases = rareCases == null ? List.of() : List.copyOf(rareCases);
    locale = locale == null ? "en-US" : locale;
    Checks.probability(rare, "word model rare share");
    Checks.require(rareCases.isEmpty() || rareCases.size() == 4, "rare-cases holds four shares (title, lower, "
        + "upper, mixed), got %d", rareCases.size());
    for (Double share : rareCases) {
      Checks.probability(share == null ? -1 : share, "rare-cases share");
    }
    Checks.require(tokens.isEmpty() || tokens.stream().mapToDouble(Token::share).sum() > 0,
        "the shares of the stored tokens add up to 0");
    Set<String> stored = new HashSet<>();
    for (Token token : tokens) {
      Checks.require(!token.text().isEmpty(), "a stored token is not empty");
      Checks.require(stored.add(token.text()), "token '%s' appears twice", token.text());
    }
    for (Token token : starts) {
      Checks.require(stored.contains(token.text()), "start token '%s' is not a stored token", token.text());
    }
    for (Token token : ends) {
      Checks.require(stored.contains(token.text()), "end token '%s' is not a stored token", token.text());
    }
    for (TokenPair pair : pairs) {
      Checks.require(stored.contains(pair.first()) && stored.contains(pair.second()),
          "token pair '%s' '%s' joins tokens that are not stored", pair.first(), pair.second());
    }
  }
}
