package io.synthlake.generate;

import io.synthlake.model.NumericDistribution;
import io.synthlake.model.WordModel;
import io.synthlake.stats.CounterRng;
import io.synthlake.text.Dictionary;
import io.synthlake.text.Tokenizer;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values drawn from a {@link WordModel}: a number of tokens; the first from the start tokens; each next one from the
 * tokens that follow the previous (its stored pairs) or, for the rest of the previous token's rows, from all tokens;
 * the last from the end tokens (among the previous token's pairs where it has any); and the separators between
 * them. A token slot is, with the model's rare share, a dictionary word of a rare word's letter case instead, so
 * names keep a name where the source had one too rare to store. Numbers get random digits of their shape. Every
 * draw is keyed: a value is a pure function of its key.
 */
final class WordSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No generated value has more tokens, whatever a hand-edited model says. */
  static final int MAX_TOKENS = Tokenizer.MAX_TOKENS;
  /** Draws per token slot: rare or not, which table, which entry, the case of a rare word. */
  private static final int DRAWS_PER_TOKEN = 5;

  private final NumericDistribution lengths;
  private final String[] tokens;
  private final Table all;
  private final Table starts;
  private final Table ends;
  /** Per token index: its successors, and those of them that end values (null where it has none). */
  private final Table[] follows;
  private final Table[] followsToEnd;
  private final String[] separators;
  private final double[] separatorCumulative;
  private final double rare;
  private final double[] rareCaseCumulative;
  private final String[] names;
  private final String[] nouns;

  /**
   * A discrete distribution over token indices, with the total share it covers (the rest falls back), and for
   * pairs the separator before each entry (null for single tokens).
   */
  private record Table(int[] index, String[] separators, double[] cumulative, double total) implements Serializable {
    int position(double u) {
      double target = u * total;
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] <= target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    int sample(double u) {
      return index[position(u)];
    }
  }

  WordSampler(WordModel model) {
    this.lengths = NumericDistribution.of(model.lengths());
    Map<String, Integer> indexOf = new HashMap<>();
    this.tokens = new String[model.tokens().size()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = model.tokens().get(i).text();
      indexOf.put(tokens[i], i);
    }
    this.all = table(model.tokens(), indexOf);
    Table startTable = table(model.starts(), indexOf);
    Table endTable = table(model.ends(), indexOf);
    this.starts = startTable == null ? all : startTable;
    this.ends = endTable == null ? all : endTable;
    this.follows = new Table[tokens.length];
    this.followsToEnd = new Table[tokens.length];
    Map<String, Double> endShare = new HashMap<>();
    model.ends().forEach(end -> endShare.put(end.text(), end.share()));
    Map<String, List<WordModel.TokenPair>> byFirst = new HashMap<>();
    for (WordModel.TokenPair pair : model.pairs()) {
      byFirst.computeIfAbsent(pair.first(), k -> new java.util.ArrayList<>()).add(pair);
    }
    byFirst.forEach((first, pairs) -> {
      int i = indexOf.get(first);
      follows[i] = pairTable(pairs, indexOf, null);
      followsToEnd[i] = pairTable(pairs, indexOf, endShare);
    });
    // Tokens written together ("10th", "1st") follow each other only as a stored pair: between any other two
    // tokens an empty separator would glue words into non-words ("Doctorategrad").
    List<WordModel.Token> written = model.separators().stream().filter(t -> !t.text().isEmpty() && t.share() > 0)
        .toList();
    List<WordModel.Token> seps = written.isEmpty() ? List.of(new WordModel.Token(" ", 1.0)) : written;
    this.separators = new String[seps.size()];
    this.separatorCumulative = new double[seps.size()];
    double total = 0;
    for (int i = 0; i < seps.size(); i++) {
      separators[i] = seps.get(i).text();
      total += seps.get(i).share();
      separatorCumulative[i] = total;
    }
    this.rare = all == null ? 1.0 : model.rare();
    List<Double> cases = model.rareCases().stream().mapToDouble(Double::doubleValue).sum() <= 0
        ? List.of(1.0, 0.0, 0.0, 0.0) : model.rareCases();
    this.rareCaseCumulative = new double[cases.size()];
    double caseTotal = 0;
    for (int i = 0; i < cases.size(); i++) {
      caseTotal += cases.get(i);
      rareCaseCumulative[i] = caseTotal;
    }
    Dictionary dictionary = Dictionary.of(model.locale());
    this.names = dictionary.names().toArray(new String[0]);
    this.nouns = dictionary.nouns().toArray(new String[0]);
  }

  private static Table table(List<WordModel.Token> entries, Map<String, Integer> indexOf) {
    if (entries.isEmpty()) {
      return null;
    }
    int[] index = new int[entries.size()];
    double[] cumulative = new double[entries.size()];
    double total = 0;
    for (int i = 0; i < entries.size(); i++) {
      index[i] = indexOf.get(entries.get(i).text());
      total += entries.get(i).share();
      cumulative[i] = total;
    }
    return total > 0 ? new Table(index, null, cumulative, total) : null;
  }

  /** A token's successors (weights: pair shares; only end tokens when endShare is given), or null. */
  private static Table pairTable(List<WordModel.TokenPair> pairs, Map<String, Integer> indexOf,
      Map<String, Double> endShare) {
    List<WordModel.TokenPair> kept = endShare == null ? pairs
        : pairs.stream().filter(p -> endShare.containsKey(p.second())).toList();
    if (kept.isEmpty()) {
      return null;
    }
    int[] index = new int[kept.size()];
    String[] separators = new String[kept.size()];
    double[] cumulative = new double[kept.size()];
    double total = 0;
    for (int i = 0; i < kept.size(); i++) {
      index[i] = indexOf.get(kept.get(i).second());
      separators[i] = kept.get(i).separator();
      total += kept.get(i).share();
      cumulative[i] = total;
    }
    return total > 0 ? new Table(index, separators, cumulative, Math.min(1.0, total)) : null;
  }

  /** The value for a key. */
  String compose(long key) {
    int count = (int) Math.max(1, Math.min(MAX_TOKENS, Math.rint(lengths.quantile(CounterRng.uniform(key, 0)))));
    StringBuilder value = new StringBuilder(count * 8);
    int previous = -1;
    for (int t = 0; t < count; t++) {
      long base = 1 + (long) t * DRAWS_PER_TOKEN;
      boolean last = t == count - 1 && count > 1;
      if (CounterRng.uniform(key, base + 1) < rare) {
        if (t > 0) {
          value.append(separator(CounterRng.uniform(key, base)));
        }
        value.append(dictionaryWord(CounterRng.uniform(key, base + 2), CounterRng.uniform(key, base + 3)));
        previous = -1;
        continue;
      }
      double u = CounterRng.uniform(key, base + 3);
      Table pairs = t == 0 || previous < 0 ? null : last ? followsToEnd[previous] : follows[previous];
      int token;
      if (pairs != null && CounterRng.uniform(key, base + 2) < pairs.total()) {
        // A stored pair brings its own separator: "Perry-Warsaw", but "Runway 28 Strip".
        int position = pairs.position(u);
        token = pairs.index()[position];
        value.append(pairs.separators()[position]);
      } else {
        if (t > 0) {
          value.append(separator(CounterRng.uniform(key, base)));
        }
        token = (t == 0 ? starts : last ? ends : all).sample(u);
      }
      appendToken(value, tokens[token], key, base + 4);
      previous = token;
    }
    return value.toString();
  }

  private String separator(double u) {
    double target = u * separatorCumulative[separatorCumulative.length - 1];
    for (int i = 0; i < separators.length; i++) {
      if (target < separatorCumulative[i]) {
        return separators[i];
      }
    }
    return separators[separators.length - 1];
  }

  /** A dictionary word in a rare word's case: a name for a capitalised one, a noun for a lower-case one. */
  private String dictionaryWord(double caseDraw, double wordDraw) {
    double target = caseDraw * rareCaseCumulative[rareCaseCumulative.length - 1];
    int c = 0;
    while (c < rareCaseCumulative.length - 1 && target >= rareCaseCumulative[c]) {
      c++;
    }
    Tokenizer.Case letterCase = Tokenizer.Case.values()[c];
    String[] list = letterCase == Tokenizer.Case.LOWER ? nouns : names;
    String word = list[(int) Math.min(list.length - 1, (long) (wordDraw * list.length))];
    // Names are written capitalised already (McDermott keeps its inner capital); only upper case is applied.
    return letterCase == Tokenizer.Case.UPPER ? letterCase.apply(word) : word;
  }

  /** A word as it is; a number's shape with random digits (no leading zero in a number of several digits). */
  private static void appendToken(StringBuilder value, String token, long key, long draw) {
    if (Tokenizer.kindOf(token) != Tokenizer.TokenKind.NUMBER) {
      value.append(token);
      return;
    }
    long digits = CounterRng.subKey(key, draw);
    for (int d = 0; d < token.length(); d++) {
      int digit = d == 0 && token.length() > 1 ? 1 + (int) (CounterRng.uniform(digits, d) * 9)
          : (int) (CounterRng.uniform(digits, d) * 10);
      value.append((char) ('0' + digit));
    }
  }
}
