package io.synthlake.validate;

import io.synthlake.validate.SourceRuleFinder.Found;
import io.synthlake.validate.SourceRuleFinder.FoundRule;
import io.synthlake.validate.RuleReport.KindCounts;
import io.synthlake.validate.RuleReport.RuleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of synthetic rows that obey each rule found on the source, among the rows it applies to:
 *
 * <ul>
 *   <li>a -> b: rows with both; b is the source's b for a's label (one seen at least m times), or, for a label the
 *       source lacks or had fewer than m times, the synthetic table's own most frequent b for it;
 *   <li>a <= b, a < b: rows with both; c = a ± b: rows with all three, within the sum's tolerance;
 *   <li>a is null <-> b is null: every row; a is null -> b is null: rows where a is null;
 *   <li>a = 'x' -> b = 'y' and a = 'x' -> b != 'y': rows with a = 'x' and a value of b.
 * </ul>
 *
 * A rule that applies to no synthetic row has no adherence (null), not a perfect one.
 */
public final class RuleAdherence {
  private RuleAdherence() {}

  /** Synthetic rows a rule applies to, and those that break it. */
  public record Observed(long rows, long broken) {
    public Observed {
      if (rows < 0 || broken < 0 || broken > rows) {
        throw new IllegalArgumentException("observed " + broken + " broken of " + rows + " rows");
      }
    }

    public Observed plus(Observed other) {
      return new Observed(rows + other.rows, broken + other.broken);
    }
  }

  /** @param synthetic per rule of {@code found}, in its order */
  public static RuleReport report(Found found, List<Observed> synthetic) {
    if (synthetic.size() != found.rules().size()) {
      throw new IllegalArgumentException(found.rules().size() + " rules, " + synthetic.size() + " observations");
    }
    List<RuleResult> results = new ArrayList<>();
    int[] byKind = new int[RuleKind.values().length];
    Double lowest = null;
    String lowestRule = null;
    long rows = 0;
    long obeying = 0;
    for (int i = 0; i < synthetic.size(); i++) {
      FoundRule rule = found.rules().get(i);
      Observed observed = synthetic.get(i);
      Double adherence = observed.rows() == 0 ? null
          : (observed.rows() - observed.broken()) / (double) observed.rows();
      results.add(new RuleResult(rule.rule().text(), rule.kind(), rule.sourceRows(), rule.sourceExceptions(),
          observed.rows(), observed.broken(), adherence));
      byKind[rule.kind().ordinal()]++;
      if (adherence != null && (lowest == null || adherence < lowest)) {
        lowest = adherence;
        lowestRule = rule.rule().text();
      }
      rows += observed.rows();
      obeying += observed.rows() - observed.broken();
    }
    return new RuleReport(found.minCount(), lowest, rows == 0 ? null : obeying / (double) rows, lowestRule,
        KindCounts.of(byKind), found.tested(), found.ordersImpliedByRanges(), found.leftOut(),
        List.copyOf(results));
  }
}
