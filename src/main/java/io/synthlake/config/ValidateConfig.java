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
 * @param gates thresholds: a breach fails the command with exit code 7, after the report is written
 */
public record ValidateConfig(String synthetic, OutputFormat syntheticFormat, String report, String metadata,
    Gates gates) {
  public ValidateConfig {
    gates = gates == null ? Gates.none() : gates;
  }

  public static ValidateConfig defaults() {
    return new ValidateConfig(null, null, null, null, null);
  }

  void validate(List<ConfigProblem> problems) {
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
   */
  public record Gates(Double minOverall, Double minOverallCurrent, Double minColumnShapes, Double minPairTrends,
      Double maxExactCopyShare) {
    public static Gates none() {
      return new Gates(null, null, null, null, null);
    }

    void validate(List<ConfigProblem> problems) {
      share(problems, "min-overall", minOverall);
      share(problems, "min-overall-current", minOverallCurrent);
      share(problems, "min-column-shapes", minColumnShapes);
      share(problems, "min-pair-trends", minPairTrends);
      share(problems, "max-exact-copy-share", maxExactCopyShare);
    }

    private static void share(List<ConfigProblem> problems, String key, Double value) {
      if (value != null && !(value >= 0 && value <= 1)) {
        problems.add(new ConfigProblem("validate.gates." + key, key + " must be between 0 and 1, got " + value));
      }
    }
  }
}
