package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthlake.rules.RuleSpec;
import io.synthlake.spark.Columns;
import io.synthlake.spark.JavaBytes;
import io.synthlake.spark.SparkTypes;
import io.synthlake.validate.PairTable;
import io.synthlake.validate.RuleAdherence;
import io.synthlake.validate.RuleAdherence.Observed;
import io.synthlake.validate.RuleCandidates;
import io.synthlake.validate.RuleCandidates.Facts;
import io.synthlake.validate.RuleCandidates.Family;
import io.synthlake.validate.RuleCandidates.Pair;
import io.synthlake.validate.RuleCandidates.Plan;
import io.synthlake.validate.RuleCandidates.SumCandidate;
import io.synthlake.validate.RuleCandidates.Tolerance;
import io.synthlake.validate.SourceRuleFinder;
import io.synthlake.validate.SourceRuleFinder.FoundRule;
import io.synthlake.validate.RuleReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rules check on the cluster: aggregates only, every decision in {@link RuleCandidates} and
 * {@link SourceRuleFinder}.
 * Three passes over the source (a profile that also counts the orders of column pairs; the values of the label
 * columns; contingency tables, null pairs and sums in one aggregate) and two over the synthetic table (one
 * aggregate of every rule's counts; a grouped count for the dependency labels the source's map lacks). Labels enter
 * the plans as literals of Column expressions, never as SQL text.
 */
final class RuleScan {
  private RuleScan() {}

  static RuleReport measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> scored, int minCount) {
    List<RuleCandidates.Column> columns = scored.stream()
        .map(c -> new RuleCandidates.Column(c.name(), family(c.type()), SparkTypes.decimalScale(c.type()))).toList();
    RuleCandidates.Capped<Pair> orderPairs = RuleCandidates.orderPairs(columns);
    Map<Pair, SourceRuleFinder.OrderCounts> orders = new HashMap<>();
    Profile profile = profile(real, columns, orderPairs.kept(), orders);
    Map<String, Column> counted = new LinkedHashMap<>();
    for (String name : RuleCandidates.countedColumns(columns, profile.facts())) {
      counted.put(name, label(name));
    }
    Plan plan = RuleCandidates.plan(profile.rows(), minCount, columns, profile.facts(),
        Frequencies.of(real, counted), orderPairs);
    Map<String, Family> families = new HashMap<>();
    columns.forEach(c -> families.put(c.name(), c.family()));
    List<PairTable> tables = new ArrayList<>();
    Map<Pair, SourceRuleFinder.NullCounts> nulls = new HashMap<>();
    List<SourceRuleFinder.SumCounts> sums = new ArrayList<>();
    countSource(real, plan, families, tables, nulls, sums);
    SourceRuleFinder.Found found = SourceRuleFinder.find(plan, orders, tables, nulls, sums);
    return RuleAdherence.report(found, observe(synthetic, found.rules(), families));
  }

  private record Profile(long rows, Map<String, Facts> facts) {}

  /** Row and value counts, estimated distinct labels, ranges, means and the order counts of the pairs. */
  private static Profile profile(Dataset<Row> frame, List<RuleCandidates.Column> columns, List<Pair> pairs,
      Map<Pair, SourceRuleFinder.OrderCounts> orders) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (RuleCandidates.Column column : columns) {
      Column c = Columns.named(column.name());
      aggregates.add(count(c));
      if (column.family().labelled()) {
        aggregates.add(approx_count_distinct(c));
      }
      if (column.family().ordered()) {
        Column key = rangeKey(c, column.family());
        aggregates.add(min(key));
        aggregates.add(max(key));
      }
      if (column.family().numeric()) {
        aggregates.add(avg(c.cast(DataTypes.DoubleType)));
        aggregates.add(stddev_samp(c.cast(DataTypes.DoubleType)));
      }
    }
    // Per pair: 1 below, 2 equal, 3 above, 0 a value missing.
    List<Column> codes = new ArrayList<>();
    for (Pair pair : pairs) {
      Column a = Columns.named(pair.first());
      Column b = Columns.named(pair.second());
      codes.add(when(a.lt(b), 1).when(a.equalTo(b), 2).when(a.gt(b), 3).otherwise(0));
    }
    if (!codes.isEmpty()) {
      aggregates.add(CodeCounter.of(codes, sizes(codes.size(), 4)));
    }
    Row row = frame.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    int i = 1;
    Map<String, Facts> facts = new LinkedHashMap<>();
    for (RuleCandidates.Column column : columns) {
      long values = row.getLong(i++);
      Long labels = column.family().labelled() ? row.getLong(i++) : null;
      Double low = null;
      Double high = null;
      if (column.family().ordered()) {
        low = number(row, i++);
        high = number(row, i++);
      }
      Double mean = null;
      Double std = null;
      if (column.family().numeric()) {
        mean = number(row, i++);
        std = number(row, i++);
      }
      facts.put(column.name(), new Facts(values, labels, low, high, mean, std));
    }
    if (!codes.isEmpty()) {
      long[][] counts = CodeCounter.read(row.get(i));
      for (int p = 0; p < pairs.size(); p++) {
        orders.put(pairs.get(p), new SourceRuleFinder.OrderCounts(counts[p][1], counts[p][2], counts[p][3]));
      }
    }
    return new Profile(row.getLong(0), facts);
  }

  private static int[] sizes(int slots, int codes) {
    int[] sizes = new int[slots];
    Arrays.fill(sizes, codes);
    return sizes;
  }

  /**
   * One aggregate for the rest of the source's evidence: the contingency tables (dense, through the same
   * aggregator as Column Pair Trends), the null counts of the pairs and each sum's rows and exceptions.
   */
  private static void countSource(Dataset<Row> frame, Plan plan, Map<String, Family> families,
      List<PairTable> tables, Map<Pair, SourceRuleFinder.NullCounts> nulls, List<SourceRuleFinder.SumCounts> sums) {
    List<Column> aggregates = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<List<String>> dictionaries = new ArrayList<>();
    if (!plan.tables().isEmpty()) {
      for (Pair pair : plan.tables()) {
        for (String name : List.of(pair.first(), pair.second())) {
          if (!index.containsKey(name)) {
            index.put(name, index.size());
            dictionaries.add(plan.labels().get(name).keySet().stream().sorted().toList());
          }
        }
      }
      aggregates.add(contingency(plan.tables(), index, dictionaries));
    }
    // Null pairs: 1 only the first null, 2 only the second, 3 both, 0 neither. Sums: 1 holds, 2 breaks, 0 a part
    // missing.
    List<Column> codes = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Pair pair : plan.nullPairs().kept()) {
      codes.add(when(Columns.named(pair.first()).isNull(), 1).otherwise(0)
          .plus(when(Columns.named(pair.second()).isNull(), 2).otherwise(0)));
      sizes.add(4);
    }
    Inputs direct = Inputs.direct();
    for (SumCandidate candidate : plan.sums().kept()) {
      codes.add(when(sumBroken(candidate.rule(), candidate.tolerance(), families, direct), 2)
          .when(present(candidate.rule(), direct), 1).otherwise(0));
      sizes.add(3);
    }
    if (!codes.isEmpty()) {
      aggregates.add(CodeCounter.of(codes, sizes.stream().mapToInt(Integer::intValue).toArray()));
    }
    if (aggregates.isEmpty()) {
      return;
    }
    Row row = frame.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    if (!plan.tables().isEmpty()) {
      long[][] counts = JavaBytes.read((byte[]) row.get(0), ContingencyAggregator.Buffer.class).tables;
      for (int p = 0; p < plan.tables().size(); p++) {
        Pair pair = plan.tables().get(p);
        List<String> first = dictionaries.get(index.get(pair.first()));
        List<String> second = dictionaries.get(index.get(pair.second()));
        // The aggregator's last code of each side is the missing value: rules read rows with both values.
        long[] cells = new long[first.size() * second.size()];
        for (int a = 0; a < first.size(); a++) {
          System.arraycopy(counts[p], a * (second.size() + 1), cells, a * second.size(), second.size());
        }
        tables.add(new PairTable(pair.first(), pair.second(), first, second, cells));
      }
    }
    if (codes.isEmpty()) {
      return;
    }
    long[][] counts = CodeCounter.read(row.get(row.length() - 1));
    int slot = 0;
    for (Pair pair : plan.nullPairs().kept()) {
      nulls.put(pair, new SourceRuleFinder.NullCounts(counts[slot][1], counts[slot][2], counts[slot][3]));
      slot++;
    }
    for (int s = 0; s < plan.sums().kept().size(); s++) {
      sums.add(new SourceRuleFinder.SumCounts(counts[slot][1] + counts[slot][2], counts[slot][2]));
      slot++;
    }
  }

  private static Column contingency(List<Pair> pairs, Map<String, Integer> index, List<List<String>> labels) {
    int inputs = index.size();
    boolean[] binned = new boolean[inputs];
    int[] sizes = new int[inputs];
    List<Map<String, Integer>> dictionaries = new ArrayList<>();
    StructType schema = new StructType();
    Column[] keys = new Column[inputs];
    for (Map.Entry<String, Integer> entry : index.entrySet()) {
      int c = entry.getValue();
      List<String> known = labels.get(c);
      Map<String, Integer> codes = new HashMap<>();
      for (int k = 0; k < known.size(); k++) {
        codes.put(known.get(k), k);
      }
      dictionaries.add(codes);
      sizes[c] = known.size() + 1;
      keys[c] = label(entry.getKey());
      schema = schema.add("k" + c, DataTypes.StringType, true);
    }
    int[][] pairIndex = new int[pairs.size()][];
    for (int p = 0; p < pairs.size(); p++) {
      pairIndex[p] = new int[] {index.get(pairs.get(p).first()), index.get(pairs.get(p).second())};
    }
    UserDefinedFunction udaf = functions.udaf(new ContingencyAggregator(binned, dictionaries, sizes, pairIndex),
        Encoders.row(schema));
    return udaf.apply(keys);
  }

  /**
   * Each rule's applicable and breaking synthetic rows: one aggregate for all of them, plus, when there are
   * dependencies, a grouped count of the rows whose first label the source's map lacks (those obey the synthetic
   * table's own most frequent second label for it).
   */
  private static List<Observed> observe(Dataset<Row> frame, List<FoundRule> rules, Map<String, Family> families) {
    List<Observed> observed = new ArrayList<>();
    if (rules.isEmpty()) {
      return observed;
    }
    Inputs inputs = Inputs.projected();
    // Per rule: 1 applies and holds, 2 applies and breaks, 0 does not apply.
    List<Column> codes = new ArrayList<>();
    List<Column> unmapped = new ArrayList<>();
    List<Integer> dependencies = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      FoundRule rule = rules.get(r);
      Column[] conditions = conditions(rule, families, inputs);
      codes.add(when(conditions[1], 2).when(conditions[0], 1).otherwise(0));
      if (rule.rule() instanceof RuleSpec.Dependency dependency) {
        unmapped.add(struct(lit(dependencies.size()).as("r"), when(inputs.mapped(rule).isNull(),
            inputs.label(dependency.from())).as("a"), inputs.label(dependency.to()).as("b")));
        dependencies.add(r);
      }
    }
    Dataset<Row> projected = inputs.project(frame);
    long[][] counts = CodeCounter.read(projected.agg(CodeCounter.of(codes, sizes(codes.size(), 3))).first().get(0));
    for (long[] rule : counts) {
      observed.add(new Observed(rule[1] + rule[2], rule[2]));
    }
    if (!unmapped.isEmpty()) {
      List<Row> groups = projected.select(explode(functions.array(unmapped.toArray(Column[]::new))).as("e"))
          .where(col("e.a").isNotNull().and(col("e.b").isNotNull()))
          .groupBy(col("e.r").as("r"), col("e.a").as("a"), col("e.b").as("b")).count()
          .groupBy(col("r"), col("a")).agg(sum(col("count")).as("rows"), max(col("count")).as("top"))
          .groupBy(col("r")).agg(sum(col("rows")), sum(col("top"))).collectAsList();
      for (Row group : groups) {
        int r = dependencies.get(group.getInt(0));
        long rows = group.getLong(1);
        observed.set(r, observed.get(r).plus(new Observed(rows, rows - group.getLong(2))));
      }
    }
    return observed;
  }

  /**
   * What the rules read, each computed once per row under a generated name: a column's value, its label text, and
   * a dependency's mapped label (dozens of rules may read one column's label).
   */
  private static final class Inputs {
    private final Map<String, Column> projected = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<RuleSpec, String> mapped = new HashMap<>();
    private final boolean direct;

    private Inputs(boolean direct) {
      this.direct = direct;
    }

    /** Inputs projected before the aggregate (the synthetic pass). */
    static Inputs projected() {
      return new Inputs(false);
    }

    /** Inputs read in place (the source's sums, each of whose columns is read once or twice). */
    static Inputs direct() {
      return new Inputs(true);
    }

    Column value(String name) {
      return direct ? Columns.named(name) : col(values.computeIfAbsent(name, n -> add(Columns.named(n))));
    }

    Column label(String name) {
      return direct ? RuleScan.label(name) : col(labels.computeIfAbsent(name, n -> add(RuleScan.label(n))));
    }

    /** The source's second label for the row's first label, null where its map has none. */
    Column mapped(FoundRule found) {
      RuleSpec.Dependency dependency = (RuleSpec.Dependency) found.rule();
      if (found.mapping().isEmpty()) {
        return lit(null).cast(DataTypes.StringType);
      }
      Column keys = functions.array(found.mapping().keySet().stream().map(functions::lit).toArray(Column[]::new));
      Column targets = functions.array(found.mapping().values().stream().map(functions::lit)
          .toArray(Column[]::new));
      Column lookup = functions.try_element_at(functions.map_from_arrays(keys, targets),
          RuleScan.label(dependency.from()));
      return direct ? lookup : col(mapped.computeIfAbsent(found.rule(), r -> add(lookup)));
    }

    private String add(Column expression) {
      String name = "i" + projected.size();
      projected.put(name, expression.as(name));
      return name;
    }

    Dataset<Row> project(Dataset<Row> frame) {
      return direct || projected.isEmpty() ? frame : frame.select(projected.values().toArray(Column[]::new));
    }
  }

  /** The rows a rule applies to and those that break it (a dependency: only the labels its map has). */
  private static Column[] conditions(FoundRule found, Map<String, Family> families, Inputs in) {
    RuleSpec rule = found.rule();
    if (rule instanceof RuleSpec.Dependency dependency) {
      Column mapped = in.mapped(found);
      Column second = in.label(dependency.to());
      Column applies = in.label(dependency.from()).isNotNull().and(second.isNotNull()).and(mapped.isNotNull());
      return new Column[] {applies, applies.and(second.notEqual(mapped))};
    }
    if (rule instanceof RuleSpec.Order order) {
      Column low = in.value(order.low());
      Column high = in.value(order.high());
      Column applies = low.isNotNull().and(high.isNotNull());
      return new Column[] {applies, applies.and(order.strict() ? low.geq(high) : low.gt(high))};
    }
    if (rule instanceof RuleSpec.Sum sum) {
      return new Column[] {present(sum, in), sumBroken(sum, found.tolerance(), families, in)};
    }
    if (rule instanceof RuleSpec.NullPattern pattern) {
      Column when = in.value(pattern.when()).isNull();
      Column then = in.value(pattern.column()).isNull();
      return pattern.exactly() ? new Column[] {lit(true), when.notEqual(then)}
          : new Column[] {when, when.and(functions.not(then))};
    }
    if (rule instanceof RuleSpec.Implication implication) {
      Column second = in.label(implication.thenColumn());
      Column applies = in.label(implication.column()).equalTo(lit(implication.label())).and(second.isNotNull());
      return new Column[] {applies, applies.and(second.notEqual(lit(implication.thenLabel())))};
    }
    RuleSpec.Exclusion exclusion = (RuleSpec.Exclusion) rule;
    Column second = in.label(exclusion.thenColumn());
    Column applies = in.label(exclusion.column()).equalTo(lit(exclusion.label())).and(second.isNotNull());
    return new Column[] {applies, applies.and(second.equalTo(lit(exclusion.thenLabel())))};
  }

  private static Column present(RuleSpec.Sum sum, Inputs in) {
    return in.value(sum.total()).isNotNull().and(in.value(sum.left()).isNotNull())
        .and(in.value(sum.right()).isNotNull());
  }

  /**
   * Rows with all three values where total - (left ± right) is off by more than the tolerance. Whole numbers are
   * added as longs and decimals as decimals, both with try_ arithmetic (an overflow is a null, so a break, not a
   * failed job); as soon as a double or float takes part, in doubles.
   */
  private static Column sumBroken(RuleSpec.Sum sum, Tolerance tolerance, Map<String, Family> families, Inputs in) {
    boolean floating = false;
    boolean integral = true;
    for (String name : sum.columns()) {
      floating |= families.get(name) == Family.FLOAT || families.get(name) == Family.DOUBLE;
      integral &= families.get(name) == Family.INTEGRAL;
    }
    DataType type = floating ? DataTypes.DoubleType : integral ? DataTypes.LongType : null;
    Column total = type == null ? in.value(sum.total()) : in.value(sum.total()).cast(type);
    Column left = type == null ? in.value(sum.left()) : in.value(sum.left()).cast(type);
    Column right = type == null ? in.value(sum.right()) : in.value(sum.right()).cast(type);
    Column difference;
    if (floating) {
      difference = total.minus(sum.minus() ? left.minus(right) : left.plus(right));
    } else {
      Column parts = sum.minus() ? functions.try_subtract(left, right) : functions.try_add(left, right);
      difference = functions.try_subtract(total, parts);
    }
    Column allowed = tolerance.relative() == 0 ? lit(tolerance.absolute())
        : lit(tolerance.absolute()).plus(lit(tolerance.relative()).multiply(functions.greatest(lit(1.0),
            abs(total))));
    return present(sum, in).and(difference.isNull().or(abs(difference).gt(allowed)));
  }

  /** A value as a label: its text, as the value counts, the tables and the rules hold it. */
  private static Column label(String name) {
    return Columns.named(name).cast(DataTypes.StringType);
  }

  /** A range in one unit per family: numbers as doubles, dates as days, timestamps as microseconds. */
  private static Column rangeKey(Column c, Family family) {
    return switch (family) {
      case DATE -> functions.unix_date(c).cast(DataTypes.DoubleType);
      case TIMESTAMP -> functions.unix_micros(c).cast(DataTypes.DoubleType);
      case TIMESTAMP_NTZ -> functions.unix_micros(c.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType);
      default -> c.cast(DataTypes.DoubleType);
    };
  }

  private static Double number(Row row, int i) {
    return row.isNullAt(i) ? null : ((Number) row.get(i)).doubleValue();
  }

  static Family family(DataType type) {
    return switch (SparkTypes.of(type)) {
      case STRING -> Family.STRING;
      case BOOLEAN -> Family.BOOLEAN;
      case BYTE, SHORT, INT, LONG -> Family.INTEGRAL;
      case DECIMAL -> Family.DECIMAL;
      case FLOAT -> Family.FLOAT;
      case DOUBLE -> Family.DOUBLE;
      case DATE -> Family.DATE;
      case TIMESTAMP -> Family.TIMESTAMP;
      case TIMESTAMP_NTZ -> Family.TIMESTAMP_NTZ;
      case UNSUPPORTED -> Family.OTHER;
    };
  }
}
