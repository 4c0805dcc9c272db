package io.synthlake.config;

import java.util.List;

/**
 * How to compare a synthetic table with its source, and the thresholds that fail the job.
 *
 * @param synthetic the synthetic table's path (default: output.path)
 * @param syntheticFormat its format (default: output.format when the path is output.path, else detected)
 * @param report the directory for report.json (default: a sibling of the synthetic table named
 *     after it with "-report")
 * @param metadata an SDV single-table metadata JSON whose sdtypes decide which metric scores each column (default:
 *     the model's column kinds, else the Spark types)
 * @param dcrSampleRows synthetic rows whose distance to the closest source record is measured (0: none)
 * @param history a table to which every run appends a row of its scores (none by default)
 * @param historyFormat the format of a new history table: delta (default) or parquet
 * @param gates thresholds: a breach fails the command with exit code 7, after the report is written
 */
public record ValidateConfig(String synthetic, OutputFormat syntheticFormat, String report, String metadata,
    Integer dcrSampleRows, String history, OutputFormat historyFormat, Gates gates, String target) {
  /** Enough for a median within about ±0.03 in rank; the pass costs source rows x 2 x this x columns at most. */
  public static final int DEFAULT_DCR_SAMPLE_ROWS = 1000;
  static final int MAX_DCR_SAMPLE_ROWS = 100_000;

  public ValidateConfig {
    dcrSampleRows = dcrSampleRows == null ? DEFAULT_DCR_SAMPLE_ROWS : dcrSampleRows;
    gates = gates == null ? Gates.none() : gates;
  }

  public static ValidateConfig defaults() {
    return new ValidateConfig(null, null, null, null, null, null, null, null, null);
  }

  void validate(List<ConfigProblem> problems) {
    if (dcrSampleRows < 0 || dcrSampleRows > MAX_DCR_SAMPLE_ROWS) {
      problems.add(new ConfigProblem("validate.dcr-sample-rows", "dcr-sample-rows must be between 0 and "
          + MAX_DCR_SAMPLE_ROWS + ", got " + dcrSampleRows));
    }
    if (historyFormat == OutputFormat.CSV) {
      problems.add(new ConfigProblem("validate.history-format", "history-format must be delta or parquet, got csv"));
    }
    gates.validate(problems);
  }

  /**
   * Quality and privacy thresholds; an absent one is not checked.
   *
   * @param minOverall the lowest acceptable overall quality ("classic": every column pair)
   * @param minOverallCurrent the lowest acceptable overall quality with SDMetrics' current pair relevance rules
   * @param minColumnShapes the lowest acceptable Column Shapes score
   * @param minPairTrends the lowest acceptable Column Pair Trends score (classic)
   * @param maxExactCopyShare the highest acceptable share of synthetic rows equal to a source row
   * @param minDcrProtection the lowest acceptable DCRBaselineProtection
   * @param maxRareCategories the most source categories below fit's minimum count allowed in the output
   * @param maxBeyondBounds the most synthetic values allowed beyond the source's protected bounds
   * @param minRuleAdherence the lowest acceptable adherence of the synthetic rows to any rule found on the source
   * @param minTextPlausibility the lowest acceptable share of known words in any column of made-up strings
   * @param maxDcrShare the highest acceptable share of synthetic rows nearer to a training row than to a held-out
   *     one (0.5 is ideal; needs a model fitted with a holdout)
   * @param maxMiaAdvantage the highest acceptable advantage of a distance-based membership attack (2·AUC - 1)
   * @param minMlUtility the lowest acceptable TSTR/TRTR ratio of any model's main measure (AUC for two labels, F1
   *     for more, R² for numbers), with a target
   */
  public record Gates(Double minOverall, Double minOverallCurrent, Double minColumnShapes, Double minPairTrends,
      Double maxExactCopyShare, Double minDcrProtection, Long maxRareCategories, Long maxBeyondBounds,
      Double minRuleAdherence, Double minTextPlausibility, Double maxDcrShare, Double maxMiaAdvantage,
      Double minMlUtility) {
    public static Gates none() {
      return new Gates(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    void validate(List<ConfigProblem> problems) {
      share(problems, "min-overall", minOverall);
      share(problems, "min-overall-current", minOverallCurrent);
      share(problems, "min-column-shapes", minColumnShapes);
      share(problems, "min-pair-trends", minPairTrends);
      share(problems, "max-exact-copy-share", maxExactCopyShare);
      share(problems, "min-dcr-protection", minDcrProtection);
      count(problems, "max-rare-categories", maxRareCategories);
      count(problems, "max-beyond-bounds", maxBeyondBounds);
      share(problems, "min-rule-adherence", minRuleAdherence);
      share(problems, "min-text-plausibility", minTextPlausibility);
      share(problems, "max-dcr-share", maxDcrShare);
      share(problems, "max-mia-advantage", maxMiaAdvantage);
      if (minMlUtility != null && !(minMlUtility >= 0 && minMlUtility <= 2)) {
        problems.add(new ConfigProblem("validate.gates.min-ml-utility", "min-ml-utility must be between 0 and 2, "
            + "got " + minMlUtility));
      }
    }

    private static void count(List<ConfigProblem> problems, String key, Long value) {
      if (value != null && value < 0) {
        problems.add(new ConfigProblem("validate.gates." + key, key + " must be 0 or more, got " + value));
      }
    }

    private static void share(List<ConfigProblem> problems, String key, Double value) {
      if (value != null && !(value >= 0 && value <= 1)) {
        problems.add(new ConfigProblem("validate.gates." + key, key + " must be between 0 and 1, got " + value));
      }
    }
  }
}
