package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * report.json's {@code rules} section: the rules validate found on the source, and the share of synthetic rows
 * that obey each. A rule names only columns and labels the source holds at least {@code min-count} times.
 *
 * @param minCount m: a rule is broken by fewer than m source rows and followed by at least m
 * @param ruleAdherence the smallest adherence over the rules: one broken rule is a defect however many others
 *     hold, so a mean would hide it (null when no rule applies to any synthetic row)
 * @param rowWeightedAdherence obeying rows over applicable rows, summed over the rules
 * @param lowest the rule of the smallest adherence (its canonical text)
 * @param found rules reported per kind
 * @param tested candidates tested per kind
 * @param ordersImpliedByRanges orders that hold only because one column's range lies below the other's, not listed
 * @param leftOut candidates not tested, or rules not listed, because of a cap
 * @param rules one entry per rule
 */
@JsonPropertyOrder({"min-count", "rule-adherence", "row-weighted-adherence", "lowest", "found", "tested",
    "orders-implied-by-ranges", "left-out", "rules"})
public record RuleReport(int minCount, Double ruleAdherence, Double rowWeightedAdherence, String lowest,
    KindCounts found, KindCounts tested, long ordersImpliedByRanges, LeftOut leftOut, List<RuleResult> rules) {

  /** A count per kind of rule. */
  @JsonPropertyOrder({"dependency", "order", "sum", "null-pattern", "implication", "exclusion"})
  public record KindCounts(int dependency, int order, int sum, int nullPattern, int implication, int exclusion) {
    public int total() {
      return dependency + order + sum + nullPattern + implication + exclusion;
    }

    public int of(RuleKind kind) {
      return switch (kind) {
        case DEPENDENCY -> dependency;
        case ORDER -> order;
        case SUM -> sum;
        case NULL_PATTERN -> nullPattern;
        case IMPLICATION -> implication;
        case EXCLUSION -> exclusion;
      };
    }

    /** The counts of the kinds in {@link RuleKind} order. */
    public static KindCounts of(int[] byKind) {
      return new KindCounts(byKind[0], byKind[1], byKind[2], byKind[3], byKind[4], byKind[5]);
    }
  }

  /**
   * What the caps left out, so a reader knows the search was bounded.
   *
   * @param highCardinalityColumns label and number columns with more than 1,000 values: no dependency,
   *     implication or exclusion
   * @param pairsOverCellBudget pairs of such columns whose counts did not fit the budget of cells
   * @param orderPairs column pairs beyond the cap of order candidates, not tested
   * @param nullPatternPairs column pairs beyond the cap of null-pattern candidates, not tested
   * @param sumCandidates sums that passed the means' test beyond the cap, not tested
   * @param dependencies dependencies found beyond their cap, not listed
   * @param implications implications found beyond their cap, not listed
   * @param exclusions exclusions found beyond their cap, not listed
   */
  @JsonPropertyOrder({"high-cardinality-columns", "pairs-over-cell-budget", "order-pairs", "null-pattern-pairs",
      "sum-candidates", "dependencies", "implications", "exclusions"})
  public record LeftOut(int highCardinalityColumns, int pairsOverCellBudget, int orderPairs, int nullPatternPairs,
      int sumCandidates, int dependencies, int implications, int exclusions) {
    public int total() {
      return highCardinalityColumns + pairsOverCellBudget + orderPairs + nullPatternPairs + sumCandidates
          + dependencies + implications + exclusions;
    }
  }

  /**
   * One rule: the rows it applies to and the rows that break it, in each table.
   *
   * @param rule the canonical text ({@code RuleSpec.text()})
   * @param adherence obeying synthetic rows over applicable ones; null when it applies to none
   */
  @JsonPropertyOrder({"rule", "kind", "source-rows", "source-exceptions", "synthetic-rows", "synthetic-exceptions",
      "adherence"})
  public record RuleResult(String rule, RuleKind kind, long sourceRows, long sourceExceptions, long syntheticRows,
      long syntheticExceptions, Double adherence) {}
}
