package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Disclosure checks on what a synthetic table contains: source categories too rare to be modelled (fit keeps only
 * categories seen at least min-category-count times, so a rarer one in the output points at a single person), and
 * numbers beyond the source's protected bounds. Reports give counts, never the values: a report travels further
 * than the source it describes.
 */
public final class PrivacyChecks {
  private PrivacyChecks() {}

  /** Source categories seen fewer than the minimum count that appear in the output, in total and per column. */
  @JsonPropertyOrder({"min-category-count", "categories", "rows", "columns"})
  public record RareCategories(int minCategoryCount, long categories, long rows, List<RareColumn> columns) {}

  /** One column's rare source categories that appear in the output, and the synthetic rows holding them. */
  public record RareColumn(String column, long categories, long rows) {}

  /** Synthetic values beyond the source's protected bounds, in total and per column. */
  @JsonPropertyOrder({"bound-rank", "values", "columns"})
  public record BeyondBounds(int boundRank, long values, List<BeyondColumn> columns) {}

  /** One column's synthetic values below the k-th smallest and above the k-th largest source value. */
  public record BeyondColumn(String column, long below, long above) {}

  /**
   * @param real per discrete column, the source's count of each category
   * @param synthetic the same for the synthetic table
   */
  public static RareCategories rareCategories(Map<String, Map<String, Long>> real,
      Map<String, Map<String, Long>> synthetic, int minCategoryCount) {
    List<RareColumn> columns = new ArrayList<>();
    long categories = 0;
    long rows = 0;
    for (Map.Entry<String, Map<String, Long>> column : real.entrySet()) {
      Map<String, Long> generated = synthetic.getOrDefault(column.getKey(), Map.of());
      long leaked = 0;
      long leakedRows = 0;
      for (Map.Entry<String, Long> category : column.getValue().entrySet()) {
        Long count = generated.get(category.getKey());
        if (category.getValue() < minCategoryCount && count != null && count > 0) {
          leaked++;
          leakedRows += count;
        }
      }
      if (leaked > 0) {
        columns.add(new RareColumn(column.getKey(), leaked, leakedRows));
        categories += leaked;
        rows += leakedRows;
      }
    }
    return new RareCategories(minCategoryCount, categories, rows, columns);
  }

  /** Totals the per-column counts; columns without any value beyond the bounds are left out. */
  public static BeyondBounds beyondBounds(int boundRank, List<BeyondColumn> perColumn) {
    List<BeyondColumn> columns = perColumn.stream().filter(c -> c.below() + c.above() > 0).toList();
    long values = columns.stream().mapToLong(c -> c.below() + c.above()).sum();
    return new BeyondBounds(boundRank, values, columns);
  }
}
