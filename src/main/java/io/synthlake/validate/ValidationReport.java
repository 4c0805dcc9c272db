package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Everything validate measured, written as report.json (kebab-case keys; documented in the README). Scores follow
 * SDMetrics 0.29; "classic" counts every column pair, "current" only the pairs that SDMetrics' relevance rules keep.
 * {@code rules} holds the rules found on the source and the synthetic rows' adherence to them; {@code text} whether
 * made-up strings are made of real words; {@code ml-utility} (with a target) how models trained on the synthetic rows
 * do on real rows the model never saw.
 */
@JsonPropertyOrder({"format-version", "tool", "table", "source", "synthetic", "source-rows", "synthetic-rows",
    "classic", "current", "privacy", "rules", "text", "ml-utility", "columns", "pairs", "notes", "gate-breaches"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationReport(int formatVersion, String tool, String table, String source, String synthetic,
    long sourceRows, long syntheticRows, QualitySummary classic, QualitySummary current, Privacy privacy,
    RuleReport rules, TextReport text, MlUtility mlUtility, List<ColumnResult> columns, List<PairResult> pairs,
    List<String> notes, List<String> gateBreaches) {
  public static final int FORMAT_VERSION = 1;

  /**
   * Privacy statistics.
   *
   * @param exactCopies synthetic rows equal to a source row on every scored column
   * @param exactCopyShare their share of the synthetic rows (1 - SDMetrics' NewRowSynthesis, without tolerance)
   * @param distanceToClosestRecord DCR of a synthetic sample and a random baseline (null when switched off)
   * @param rareCategories source categories below fit's minimum count that appear in the output
   * @param beyondBounds synthetic values beyond the source's protected bounds
   * @param holdout DCR share and membership inference against the rows the fit held out (null without a holdout)
   */
  @JsonPropertyOrder({"exact-copies", "exact-copy-share", "distance-to-closest-record", "rare-categories",
      "beyond-bounds", "holdout"})
  public record Privacy(long exactCopies, double exactCopyShare, ClosestRecordSummary distanceToClosestRecord,
      PrivacyChecks.RareCategories rareCategories, PrivacyChecks.BeyondBounds beyondBounds,
      HoldoutPrivacy holdout) {}

  /** Both tables' value of a statistic, and synthetic minus source. */
  public record Delta(Double source, Double synthetic, Double difference) {
    public static Delta of(Double source, Double synthetic) {
      return new Delta(source, synthetic, source == null || synthetic == null ? null : synthetic - source);
    }
  }

  /**
   * A scored column: its Column Shapes metric and score (null with an error when the metric cannot be computed)
   * and diagnostics.
   *
   * @param boundaryAdherence share of synthetic values inside the source's [min, max] (continuous columns)
   * @param categoryAdherence share of synthetic values whose category the source has (discrete columns)
   * @param distribution both tables' histogram or category shares, for charts (null for a column without values)
   */
  @JsonPropertyOrder({"column", "sdtype", "metric", "score", "error", "missing-value-similarity", "null-share",
      "boundary-adherence", "category-adherence", "mean", "std", "quartile-1", "median", "quartile-3",
      "distribution"})
  public record ColumnResult(String column, Sdtype sdtype, ColumnMetric metric, Double score, String error,
      double missingValueSimilarity, Delta nullShare, Double boundaryAdherence, Double categoryAdherence,
      Delta mean, Delta std, @JsonProperty("quartile-1") Delta quartile1, Delta median,
      @JsonProperty("quartile-3") Delta quartile3, ColumnDistribution distribution) {
    public static Builder builder(String column, Sdtype sdtype, ColumnMetric metric) {
      return new Builder(column, sdtype, metric);
    }

    /** Names each optional statistic, so a new component cannot shift the others; unset ones stay null. */
    public static final class Builder {
      private final String column;
      private final Sdtype sdtype;
      private final ColumnMetric metric;
      private Double score;
      private String error;
      private double missingValueSimilarity;
      private Delta nullShare;
      private Double boundaryAdherence;
      private Double categoryAdherence;
      private Delta mean;
      private Delta std;
      private Delta quartile1;
      private Delta median;
      private Delta quartile3;
      private ColumnDistribution distribution;

      private Builder(String column, Sdtype sdtype, ColumnMetric metric) {
        this.column = column;
        this.sdtype = sdtype;
        this.metric = metric;
      }

      public Builder score(Double value) {
        score = value;
        return this;
      }

      public Builder error(String value) {
        error = value;
        return this;
      }

      public Builder missingValueSimilarity(double value) {
        missingValueSimilarity = value;
        return this;
      }

      public Builder nullShare(Delta value) {
        nullShare = value;
        return this;
      }

      public Builder boundaryAdherence(Double value) {
        boundaryAdherence = value;
        return this;
      }

      public Builder categoryAdherence(Double value) {
        categoryAdherence = value;
        return this;
      }

      public Builder mean(Delta value) {
        mean = value;
        return this;
      }

      public Builder std(Delta value) {
        std = value;
        return this;
      }

      /** The first quartile, median and third quartile. */
      public Builder quartiles(Delta first, Delta second, Delta third) {
        quartile1 = first;
        median = second;
        quartile3 = third;
        return this;
      }

      public Builder distribution(ColumnDistribution value) {
        distribution = value;
        return this;
      }

      public ColumnResult build() {
        return new ColumnResult(column, sdtype, metric, score, error, missingValueSimilarity, nullShare,
            boundaryAdherence, categoryAdherence, mean, std, quartile1, median, quartile3, distribution);
      }
    }
  }

  /**
   * A column pair: its metric, score in each mode (null when not scored), both tables' Pearson correlation (two
   * continuous columns) or Cramér's V of the contingency table (other pairs; the source's decides the "current"
   * mode), and the score of a table with the source's marginals and no relationships.
   */
  @JsonPropertyOrder({"column-1", "column-2", "metric", "classic", "current", "source-correlation",
      "synthetic-correlation", "source-association", "synthetic-association", "independence", "error"})
  public record PairResult(@JsonProperty("column-1") String column1, @JsonProperty("column-2") String column2,
      PairMetric metric, Double classic, Double current, Double sourceCorrelation, Double syntheticCorrelation,
      Double sourceAssociation, Double syntheticAssociation, Double independence, String error) {
    public static Builder builder(String column1, String column2, PairMetric metric) {
      return new Builder(column1, column2, metric);
    }

    /** A pair that could not be measured at all: only the error. */
    public static PairResult failed(String column1, String column2, PairMetric metric, String error) {
      return builder(column1, column2, metric).error(error).build();
    }

    /** Names each optional statistic, so a new component cannot shift the others; unset ones stay null. */
    public static final class Builder {
      private final String column1;
      private final String column2;
      private final PairMetric metric;
      private Double classic;
      private Double current;
      private Double sourceCorrelation;
      private Double syntheticCorrelation;
      private Double sourceAssociation;
      private Double syntheticAssociation;
      private Double independence;
      private String error;

      private Builder(String column1, String column2, PairMetric metric) {
        this.column1 = column1;
        this.column2 = column2;
        this.metric = metric;
      }

      /** The score in each mode: classic (every pair) and current (null when SDMetrics would skip the pair). */
      public Builder scores(Double classicScore, Double currentScore) {
        classic = classicScore;
        current = currentScore;
        return this;
      }

      public Builder correlations(Double source, Double synthetic) {
        sourceCorrelation = source;
        syntheticCorrelation = synthetic;
        return this;
      }

      public Builder associations(Double source, Double synthetic) {
        sourceAssociation = source;
        syntheticAssociation = synthetic;
        return this;
      }

      public Builder independence(Double value) {
        independence = value;
        return this;
      }

      public Builder error(String value) {
        error = value;
        return this;
      }

      public PairResult build() {
        return new PairResult(column1, column2, metric, classic, current, sourceCorrelation, syntheticCorrelation,
            sourceAssociation, syntheticAssociation, independence, error);
      }
    }
  }

  /** The job's thresholds that this report breached, one line each (empty: every gate passed or none is set). */
  public ValidationReport withBreaches(List<String> breaches) {
    return new ValidationReport(formatVersion, tool, table, source, synthetic, sourceRows, syntheticRows, classic,
        current, privacy, rules, text, mlUtility, columns, pairs, notes, List.copyOf(breaches));
  }
}
