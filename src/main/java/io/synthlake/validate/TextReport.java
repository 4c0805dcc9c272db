package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * report.json's {@code text} section: for each column whose values are made up (free text, and the folded rare
 * labels of categorical columns), whether they are made of real words. For a categorical column only the values
 * that are not labels the model stores count, in both tables: the made-up labels, and the source's own rare
 * tail. A word is known when it is in the source column's common vocabulary (seen in at least {@code min-count}
 * rows), in the dictionary of the locale's language (datafaker's general word lists), or in the vocabulary of the
 * column's semantic generator. Character soup scores near 0; real values near the source's own share. The lowest
 * share is taken over the columns of words: made up by a semantic generator or a word model (codes keep their
 * character shape by design), or, without a model, whose source has a share of at least {@link #WORD_COLUMN}.
 *
 * @param minCount m: the common vocabulary's support
 * @param lowestShare the smallest synthetic share of known words over the columns of words (null when none)
 * @param lowest the column of the smallest share
 * @param columns one entry per checked column
 */
@JsonPropertyOrder({"min-count", "lowest-share", "lowest", "columns"})
public record TextReport(int minCount, Double lowestShare, String lowest, List<TextColumn> columns) {
  /** Without a model, a column counts as words when at least this share of its source words is known. */
  public static final double WORD_COLUMN = 0.5;

  public TextReport {
    columns = List.copyOf(columns);
  }

  /**
   * One column's plausibility.
   *
   * @param column its name
   * @param madeUpBy what made its values, from the model (semantic type, word model or shape; null without one)
   * @param syntheticShare share of the synthetic words that are known
   * @param sourceShare the same share of the source's own words (rare words count unless a dictionary has them;
   *     for a categorical column, the words of its labels the model does not store)
   * @param syntheticWithoutKnownWord share of synthetic values that have words but none known
   * @param vocabulary words in the source's common vocabulary
   * @param syntheticSample a few synthetic values
   * @param commonSourceValues the source's most frequent values, each seen in at least min-count rows
   */
  @JsonPropertyOrder({"column", "made-up-by", "synthetic-share", "source-share", "synthetic-without-known-word",
      "vocabulary", "synthetic-sample", "common-source-values"})
  public record TextColumn(String column, String madeUpBy, Double syntheticShare, Double sourceShare,
      Double syntheticWithoutKnownWord, int vocabulary, List<String> syntheticSample,
      List<String> commonSourceValues) {
    public TextColumn {
      syntheticSample = List.copyOf(syntheticSample);
      commonSourceValues = List.copyOf(commonSourceValues);
    }
  }

  /** The report of these columns, with the lowest synthetic share. */
  public static TextReport of(int minCount, List<TextColumn> columns) {
    TextColumn lowest = null;
    for (TextColumn column : columns) {
      boolean words = column.madeUpBy() != null ? !column.madeUpBy().equals(SHAPE)
          : column.sourceShare() != null && column.sourceShare() >= WORD_COLUMN;
      if (words && column.syntheticShare() != null
          && (lowest == null || column.syntheticShare() < lowest.syntheticShare())) {
        lowest = column;
      }
    }
    return new TextReport(minCount, lowest == null ? null : lowest.syntheticShare(),
        lowest == null ? null : lowest.column(), columns);
  }

  /** {@code made-up-by} of a column whose values keep their character shape (codes). */
  public static final String SHAPE = "shape";

  /** A share of two counts, or null when there is nothing to divide. */
  public static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
