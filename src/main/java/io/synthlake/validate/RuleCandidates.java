package io.synthlake.validate;

import io.synthlake.rules.RuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which candidate rules validate counts on the source, decided from the column types and one profile pass, so
 * that each later pass is a bounded aggregate: pairs of label columns whose contingency tables fit a budget of
 * cells, pairs of columns with nulls, sums whose means agree, pairs of ordered columns. Every cap is counted, and
 * the report says what it left out.
 */
public final class RuleCandidates {
  /** A column with more distinct values than this takes part in no dependency, implication or exclusion. */
  public static final int MAX_LABELS = 1000;
  /** HLL estimates err by a few percent: a column estimated above this is not counted value by value. */
  public static final long MAX_ESTIMATED_LABELS = 1200;
  /** Cells of all contingency tables together (8 bytes each, held by every task). */
  public static final long CELL_BUDGET = 2_000_000;
  public static final int MAX_ORDER_PAIRS = 2000;
  public static final int MAX_NULL_PAIRS = 2000;
  /** Sum triples grow with the cube of the columns: only the first ones take part. */
  public static final int MAX_SUM_COLUMNS = 200;
  public static final int MAX_SUMS = 2000;
  /**
   * A sum whose total's mean is further than this many (summed) standard deviations from its parts' is not
   * tested. Means come from each column's own rows, so nulls move them a little; a true sum stays far inside.
   */
  public static final double SUM_MEAN_SLACK = 0.1;
  /** A double sum may differ from its total by rounding: this much relative to max(1, |total|). */
  static final double DOUBLE_RELATIVE_TOLERANCE = 1e-9;
  static final double FLOAT_RELATIVE_TOLERANCE = 1e-6;

  private RuleCandidates() {}

  /** How a column's values compare and add up, from its Spark type. */
  public enum Family {
    STRING, BOOLEAN, INTEGRAL, DECIMAL, FLOAT, DOUBLE, DATE, TIMESTAMP, TIMESTAMP_NTZ, OTHER;

    /** Values that can be labels of a dependency, implication or exclusion. */
    public boolean labelled() {
      return this == STRING || this == BOOLEAN || numeric();
    }

    public boolean numeric() {
      return this == INTEGRAL || this == DECIMAL || this == FLOAT || this == DOUBLE;
    }

    public boolean ordered() {
      return numeric() || this == DATE || this == TIMESTAMP || this == TIMESTAMP_NTZ;
    }

    /** Numbers with numbers; dates, timestamps and local timestamps each only with their own kind. */
    boolean comparableWith(Family other) {
      return numeric() ? other.numeric() : ordered() && this == other;
    }

    /** Whole numbers add up exactly with whole numbers; decimals and floating point go together. */
    boolean addsWith(Family other) {
      return this == INTEGRAL ? other == INTEGRAL : numeric() && other.numeric() && other != INTEGRAL;
    }
  }

  /** @param scale a decimal's digits after the point (0 for other types) */
  public record Column(String name, Family family, int scale) {}

  /**
   * One column's profile. Ranges are in one unit per family (days for dates, microseconds for timestamps).
   *
   * @param values its non-null rows
   * @param estimatedLabels the estimated distinct values (null for columns that cannot be labels)
   * @param min the smallest value (null for columns that are not ordered, or without values)
   * @param max the largest value
   * @param mean the mean, for numbers only (null otherwise)
   * @param std the standard deviation, for numbers only
   */
  public record Facts(long values, Long estimatedLabels, Double min, Double max, Double mean, Double std) {}

  /** Two columns, in column order. */
  public record Pair(String first, String second) {}

  /** What a cap kept, and how many it left out. */
  public record Capped<T>(List<T> kept, int leftOut) {
    static <T> Capped<T> of(List<T> all, int cap) {
      return new Capped<>(List.copyOf(all.subList(0, Math.min(cap, all.size()))), Math.max(0, all.size() - cap));
    }
  }

  /**
   * How far a sum may be off and still hold: |total - (left ± right)| &lt;= absolute + relative * max(1, |total|).
   * Half the resolution of the finest column for whole numbers and decimals (exact arithmetic), a relative
   * rounding allowance for floating point.
   */
  public record Tolerance(double absolute, double relative) {
    public boolean holds(double difference, double total) {
      return Math.abs(difference) <= absolute + relative * Math.max(1, Math.abs(total));
    }
  }

  /** A sum to confirm on the cluster; discrepancy is how far its means are apart, in standard deviations. */
  public record SumCandidate(RuleSpec.Sum rule, Tolerance tolerance, double discrepancy) {}

  /**
   * The passes after the profile, decided.
   *
   * @param labels value counts of the label columns (2 to 1,000 values), in column order
   * @param tables the label column pairs whose contingency tables are counted
   * @param nullPairs the column pairs whose nulls are counted together
   * @param sums the sums to confirm
   * @param orderPairs the ordered column pairs counted in the profile pass
   */
  public record Plan(long rows, int minCount, List<Column> columns, Map<String, Facts> facts,
      Map<String, Map<String, Long>> labels, List<Pair> tables, int pairsOverCellBudget, int highCardinalityColumns,
      Capped<Pair> nullPairs, Capped<SumCandidate> sums, Capped<Pair> orderPairs) {
    public Facts facts(String column) {
      return facts.get(column);
    }
  }

  /** The pairs whose order the profile pass counts: numbers with numbers, dates with dates, ... */
  public static Capped<Pair> orderPairs(List<Column> columns) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        if (columns.get(i).family().ordered() && columns.get(i).family().comparableWith(columns.get(j).family())) {
          pairs.add(new Pair(columns.get(i).name(), columns.get(j).name()));
        }
      }
    }
    return Capped.of(pairs, MAX_ORDER_PAIRS);
  }

  /** The columns whose values are counted one by one: label columns estimated to have few enough values. */
  public static List<String> countedColumns(List<Column> columns, Map<String, Facts> facts) {
    List<String> counted = new ArrayList<>();
    for (Column column : columns) {
      Facts f = facts.get(column.name());
      if (column.family().labelled() && f.values() > 0 && f.estimatedLabels() != null
          && f.estimatedLabels() <= MAX_ESTIMATED_LABELS) {
        counted.add(column.name());
      }
    }
    return counted;
  }

  /**
   * @param valueCounts per counted column (see {@link #countedColumns}), each non-null value's rows
   */
  public static Plan plan(long rows, int minCount, List<Column> columns, Map<String, Facts> facts,
      Map<String, Map<String, Long>> valueCounts, Capped<Pair> orderPairs) {
    Map<String, Map<String, Long>> labels = new LinkedHashMap<>();
    int highCardinality = 0;
    for (Column column : columns) {
      Map<String, Long> counts = valueCounts.get(column.name());
      if (counts != null && counts.size() >= 2 && counts.size() <= MAX_LABELS) {
        labels.put(column.name(), counts);
      } else if (column.family().labelled() && (counts == null ? facts.get(column.name()).values() > 0
          : counts.size() > MAX_LABELS)) {
        highCardinality++;
      }
    }
    List<Pair> all = new ArrayList<>();
    List<String> names = new ArrayList<>(labels.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        all.add(new Pair(names.get(i), names.get(j)));
      }
    }
    // Smallest tables first, so a budget that cannot take every pair takes as many as it can.
    List<Pair> bySize = new ArrayList<>(all);
    bySize.sort(Comparator.comparingLong(p -> cells(labels, p)));
    List<Pair> kept = new ArrayList<>();
    long cells = 0;
    for (Pair pair : bySize) {
      long more = cells(labels, pair);
      if (cells + more > CELL_BUDGET) {
        break;
      }
      cells += more;
      kept.add(pair);
    }
    Set<Pair> counted = new HashSet<>(kept);
    List<Pair> tables = all.stream().filter(counted::contains).toList();
    return new Plan(rows, minCount, List.copyOf(columns), facts, labels, tables, all.size() - tables.size(),
        highCardinality, nullPairs(rows, minCount, columns, facts), sums(minCount, columns, facts), orderPairs);
  }

  /** A dense table's cells: each side's labels and its missing value. */
  private static long cells(Map<String, Map<String, Long>> labels, Pair pair) {
    return (labels.get(pair.first()).size() + 1L) * (labels.get(pair.second()).size() + 1L);
  }

  private static Capped<Pair> nullPairs(long rows, int minCount, List<Column> columns, Map<String, Facts> facts) {
    List<String> withNulls = columns.stream().map(Column::name).filter(name -> {
      long values = facts.get(name).values();
      return values >= minCount && rows - values >= minCount;
    }).toList();
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < withNulls.size(); i++) {
      for (int j = i + 1; j < withNulls.size(); j++) {
        pairs.add(new Pair(withNulls.get(i), withNulls.get(j)));
      }
    }
    return Capped.of(pairs, MAX_NULL_PAIRS);
  }

  /**
   * Each triple of numeric columns of one family gives three sums, the last column being the total (derived
   * columns tend to follow their parts): z = x + y, z = x - y and z = y - x. Only those whose means agree are
   * tested, closest first.
   */
  private static Capped<SumCandidate> sums(int minCount, List<Column> columns, Map<String, Facts> facts) {
    List<Column> numbers = columns.stream().filter(c -> {
      Facts f = facts.get(c.name());
      return c.family().numeric() && f.values() >= minCount && f.min() != null && f.min() < f.max()
          && f.mean() != null && Double.isFinite(f.mean()) && f.std() != null && f.std() > 0
          && Double.isFinite(f.std());
    }).limit(MAX_SUM_COLUMNS).toList();
    List<SumCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      for (int j = i + 1; j < numbers.size(); j++) {
        if (!numbers.get(i).family().addsWith(numbers.get(j).family())) {
          continue;
        }
        for (int k = j + 1; k < numbers.size(); k++) {
          Column x = numbers.get(i);
          Column y = numbers.get(j);
          Column z = numbers.get(k);
          if (!x.family().addsWith(z.family())) {
            continue;
          }
          Facts fx = facts.get(x.name());
          Facts fy = facts.get(y.name());
          Facts fz = facts.get(z.name());
          double spread = fx.std() + fy.std() + fz.std();
          Tolerance tolerance = tolerance(x, y, z);
          add(candidates, new RuleSpec.Sum(z.name(), x.name(), y.name(), false),
              fz.mean() - (fx.mean() + fy.mean()), spread, tolerance);
          add(candidates, new RuleSpec.Sum(z.name(), x.name(), y.name(), true),
              fz.mean() - (fx.mean() - fy.mean()), spread, tolerance);
          add(candidates, new RuleSpec.Sum(z.name(), y.name(), x.name(), true),
              fz.mean() - (fy.mean() - fx.mean()), spread, tolerance);
        }
      }
    }
    candidates.sort(Comparator.comparingDouble(SumCandidate::discrepancy));
    return Capped.of(candidates, MAX_SUMS);
  }

  private static void add(List<SumCandidate> candidates, RuleSpec.Sum rule, double gap, double spread,
      Tolerance tolerance) {
    double discrepancy = Math.abs(gap) / spread;
    if (discrepancy <= SUM_MEAN_SLACK) {
      candidates.add(new SumCandidate(rule, tolerance, discrepancy));
    }
  }

  /** Half the finest resolution for exact arithmetic; a relative allowance once floating point is involved. */
  static Tolerance tolerance(Column... columns) {
    boolean floating = false;
    boolean single = false;
    int scale = 0;
    for (Column column : columns) {
      floating |= column.family() == Family.FLOAT || column.family() == Family.DOUBLE;
      single |= column.family() == Family.FLOAT;
      scale = Math.max(scale, column.family() == Family.DECIMAL ? column.scale() : 0);
    }
    if (floating) {
      return new Tolerance(0, single ? FLOAT_RELATIVE_TOLERANCE : DOUBLE_RELATIVE_TOLERANCE);
    }
    return new Tolerance(0.5 * Math.pow(10, -scale), 0);
  }
}
