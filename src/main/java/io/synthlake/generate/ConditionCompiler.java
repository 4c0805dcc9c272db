package io.synthlake.generate;

import io.synthlake.condition.ColumnCondition;
import io.synthlake.condition.GenerateConditions;
import io.synthlake.condition.TargetShares;
import io.synthlake.config.Suggestions;
import io.synthlake.errors.SynthException;
import io.synthlake.fit.SourceType;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.DependencyRule;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.OrderRule;
import io.synthlake.model.Rule;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.Cholesky;
import io.synthlake.stats.CounterRng;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a generate condition (and target shares) into {@link ConditionalDraws} for one model, or fails with a
 * one-line error before any row is drawn: an unknown column or label, a value of the wrong type, a column
 * synthlake cannot condition on, or a condition no row of the model satisfies.
 *
 * <p>Each condition becomes either allowed labels of a categorical column or intervals of a numeric one (in the
 * model's units: days for dates, microseconds for timestamps). Columns the model computes from others pass their
 * condition on: a label mapped from a determinant allows the determinant's labels that map to an allowed one. A
 * label drawn from its parent's row of a label table weights the parent's labels by the share of allowed labels in
 * their rows, and a number with per-label marginals weights its labels by the probability of its intervals. These
 * weights travel up the tree (children multiply, as they are independent given their parent: the model's own
 * assumption), which is the Bayesian update of the parents given the condition.
 */
final class ConditionCompiler {
  /** Normal scores beyond ±this give the distribution's extremes: Φ is 0 or 1 in doubles there. */
  private static final double REACH = 38;
  private static final int BISECTIONS = 200;
  private static final int LABELS_SHOWN = 12;

  /** An interval of values in the model's units; an infinite end is open. */
  record Interval(double low, boolean lowIn, double high, boolean highIn) {
    boolean contains(double value) {
      return (lowIn ? value >= low : value > low) && (highIn ? value <= high : value < high);
    }

    Interval intersect(Interval other) {
      double lo = Math.max(low, other.low);
      boolean loIn = low == other.low ? lowIn && other.lowIn : low > other.low ? lowIn : other.lowIn;
      double hi = Math.min(high, other.high);
      boolean hiIn = high == other.high ? highIn && other.highIn : high < other.high ? highIn : other.highIn;
      return lo < hi || lo == hi && loIn && hiIn ? new Interval(lo, loIn, hi, hiIn) : null;
    }
  }

  /** One stratum: its share of the rows, its condition's text, and what it asks of each column. */
  private static final class Stratum {
    final double share;
    final String text;
    final Map<String, double[]> weights = new HashMap<>();
    final Map<String, List<Interval>> numbers = new HashMap<>();
    final Set<String> mapped = new HashSet<>();
    final Set<String> notNull = new HashSet<>();
    /** The columns a condition names (or their determinants): drawn as early as their parents allow. */
    final Set<String> direct = new HashSet<>();

    Stratum(double share, String text) {
      this.share = share;
      this.text = text;
    }
  }

  private final SynthModel model;
  private final Map<String, Rule> decidedBy;
  private final Map<String, LabelMarginals> byLabel;
  private final Map<String, NullPatternRule> nullsBy;
  private final List<String> fullOrder;
  private final List<Stratum> strata = new ArrayList<>();

  ConditionCompiler(SynthModel model, GenerateConditions conditions, Map<String, Rule> decidedBy,
      Map<String, LabelMarginals> byLabel, Map<String, NullPatternRule> nullsBy) {
    this.model = model;
    this.decidedBy = decidedBy;
    this.byLabel = byLabel;
    this.nullsBy = nullsBy;
    this.fullOrder = TableSampler.generationOrder(model, model.columns().stream().map(ColumnModel::name).toList(),
        decidedBy, nullsBy, byLabel);
    Map<String, Requirement> where = resolve(conditions.where());
    if (conditions.shares() == null) {
      strata.add(build(1.0, conditions.whereText(), where, false));
    } else {
      // Equal shares go to the labels the condition leaves possible (a Husband is never Female); shares the user
      // gave must all be possible.
      boolean equal = conditions.shares().isEqual();
      for (Map.Entry<String, Double> target : targets(conditions.shares(), where).entrySet()) {
        Map<String, Requirement> withLabel = new LinkedHashMap<>(where);
        ColumnCondition.OneOf label = new ColumnCondition.OneOf(conditions.shares().column(),
            List.of(new ColumnCondition.Literal(target.getKey(), true)));
        withLabel.merge(label.column(), requirement(label), Requirement::and);
        String text = conditions.where().isEmpty() ? label.text() : conditions.whereText() + " AND " + label.text();
        Stratum stratum = build(target.getValue(), text, withLabel, equal);
        if (stratum != null) {
          strata.add(stratum);
        }
      }
      if (strata.isEmpty()) {
        throw SynthException.config("generate.where: no row the model generates satisfies %s with any label of "
            + "column %s", conditions.whereText(), conditions.shares().column());
      }
    }
  }

  /** The columns the condition reads, which a sampler must generate even when they are not selected. */
  Set<String> columns() {
    Set<String> columns = new LinkedHashSet<>();
    for (Stratum stratum : strata) {
      columns.addAll(stratum.weights.keySet());
      columns.addAll(stratum.numbers.keySet());
      columns.addAll(stratum.mapped);
      columns.addAll(stratum.notNull);
    }
    return columns;
  }

  /** The numeric columns the condition bounds: their values must be finite. */
  Set<String> numberColumns() {
    Set<String> columns = new LinkedHashSet<>();
    strata.forEach(s -> columns.addAll(s.numbers.keySet()));
    return columns;
  }

  // ---- requirements: what a condition asks of one column ----

  /** Allowed labels (by slot of the column's scale) or allowed intervals of values. */
  private sealed interface Requirement permits Labels, Numbers {
    Requirement and(Requirement other);
  }

  private record Labels(String column, boolean[] allowed) implements Requirement {
    @Override
    public Requirement and(Requirement other) {
      boolean[] both = allowed.clone();
      for (int i = 0; i < both.length; i++) {
        both[i] &= ((Labels) other).allowed[i];
      }
      return new Labels(column, both);
    }
  }

  private record Numbers(String column, List<Interval> intervals) implements Requirement {
    @Override
    public Requirement and(Requirement other) {
      List<Interval> both = new ArrayList<>();
      for (Interval a : intervals) {
        for (Interval b : ((Numbers) other).intervals) {
          Interval common = a.intersect(b);
          if (common != null) {
            both.add(common);
          }
        }
      }
      return new Numbers(column, both);
    }
  }

  private Map<String, Requirement> resolve(List<ColumnCondition> conditions) {
    Map<String, Requirement> requirements = new LinkedHashMap<>();
    for (ColumnCondition condition : conditions) {
      requirements.merge(condition.column(), requirement(condition), Requirement::and);
    }
    return requirements;
  }

  private Requirement requirement(ColumnCondition condition) {
    ColumnModel column = column(condition.column(), "generate.where");
    OutputType type = OutputType.of(column, model.table());
    if (column.marginal() instanceof CategoricalMarginal categorical) {
      CategoricalScale scale = CategoricalScale.of(categorical);
      boolean[] allowed = new boolean[scale.size()];
      if (condition instanceof ColumnCondition.OneOf oneOf) {
        for (ColumnCondition.Literal literal : oneOf.values()) {
          int slot = LabelMatch.slot(scale, type, literal.value());
          if (slot < 0) {
            throw SynthException.config("generate.where: column %s of table %s has no label %s in the model; its "
                + "labels: %s", column.name(), model.table(), quote(literal.value()), labels(scale));
          }
          allowed[slot] = true;
        }
      } else {
        ColumnCondition.Within within = (ColumnCondition.Within) condition;
        if (type.type() == SourceType.STRING || type.type() == SourceType.BOOLEAN) {
          throw SynthException.config("generate.where: column %s of table %s holds labels, so '%s' cannot select "
              + "a range of it: list its labels with IN (...)", column.name(), model.table(), condition.text());
        }
        Interval interval = interval(column, type, within);
        for (int slot = 0; slot < scale.size(); slot++) {
          String label = scale.label(slot);
          allowed[slot] = label != null && interval.contains(value(column, type, label, false));
        }
      }
      return new Labels(column.name(), allowed);
    }
    if (column.marginal() instanceof NumericMarginal) {
      List<Interval> intervals = new ArrayList<>();
      if (condition instanceof ColumnCondition.OneOf oneOf) {
        for (ColumnCondition.Literal literal : oneOf.values()) {
          double value = value(column, type, literal.value(), true);
          intervals.add(new Interval(value, true, value, true));
        }
      } else {
        intervals.add(interval(column, type, (ColumnCondition.Within) condition));
      }
      return new Numbers(column.name(), intervals);
    }
    if (column.marginal() instanceof ConstantMarginal constant && constant.value() != null
        && holdsConstant(column, type, constant.value(), condition)) {
      // Always satisfied where not null: the column only has to be present.
      return new Labels(column.name(), new boolean[0]);
    }
    if (column.marginal() instanceof ConstantMarginal constant) {
      throw SynthException.config("generate.where: column %s of table %s always holds %s in the model, so no row "
          + "satisfies '%s'", column.name(), model.table(), quote(constant.value()), condition.text());
    }
    throw SynthException.config("generate.where: column %s of table %s is %s; conditions apply to label, boolean, "
        + "number and date columns", column.name(), model.table(), column.kind().configName());
  }

  private boolean holdsConstant(ColumnModel column, OutputType type, String constant, ColumnCondition condition) {
    if (condition instanceof ColumnCondition.OneOf oneOf) {
      return oneOf.values().stream().anyMatch(v -> LabelMatch.matches(constant, type, v.value()));
    }
    if (type.type() == SourceType.STRING || type.type() == SourceType.BOOLEAN) {
      return false;
    }
    double value = value(column, type, constant, false);
    return !Double.isNaN(value) && interval(column, type, (ColumnCondition.Within) condition).contains(value);
  }

  private ColumnModel column(String name, String what) {
    return model.column(name).orElseThrow(() -> SynthException.config("%s: table %s has no column '%s'%s", what,
        model.table(), name, Suggestions.hint(name, model.columns().stream().map(ColumnModel::name).toList())));
  }

  private Interval interval(ColumnModel column, OutputType type, ColumnCondition.Within within) {
    double low = within.low() == null ? Double.NEGATIVE_INFINITY : value(column, type, within.low().value(), true);
    double high = within.high() == null ? Double.POSITIVE_INFINITY
        : value(column, type, within.high().value(), true);
    Interval interval = new Interval(low, within.low() != null && within.lowInclusive(), high,
        within.high() != null && within.highInclusive());
    if (!(low < high || low == high && interval.lowIn() && interval.highIn())) {
      throw SynthException.config("generate.where: '%s' is an empty range", within.text());
    }
    return interval;
  }

  /** A literal in the model's units for the column's type: days for dates, microseconds for timestamps. */
  private double value(ColumnModel column, OutputType type, String text, boolean strict) {
    String trimmed = text.trim();
    try {
      return switch (type.type()) {
        case DATE -> LocalDate.parse(trimmed).toEpochDay();
        case TIMESTAMP, TIMESTAMP_NTZ -> timestamp(trimmed);
        default -> Double.parseDouble(trimmed);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      if (!strict) {
        return Double.NaN;
      }
      String expected = switch (type.type()) {
        case DATE -> "a date such as '2024-01-31'";
        case TIMESTAMP, TIMESTAMP_NTZ -> "a timestamp such as '2024-01-31 12:00:00' (UTC)";
        default -> "a number";
      };
      throw SynthException.config("generate.where: column %s of table %s is %s, so %s is not a value of it: give %s",
          column.name(), model.table(), column.sparkType(), quote(text), expected);
    }
  }

  private static double timestamp(String text) {
    LocalDateTime time = text.length() <= 10 ? LocalDate.parse(text).atStartOfDay()
        : LocalDateTime.parse(text.replace(' ', 'T'));
    return time.toEpochSecond(ZoneOffset.UTC) * 1e6 + time.getNano() / 1000;
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  private static String labels(CategoricalScale scale) {
    List<String> labels = new ArrayList<>();
    for (int slot = 0; slot < scale.size() && labels.size() < LABELS_SHOWN; slot++) {
      if (scale.label(slot) != null) {
        labels.add(scale.label(slot));
      }
    }
    int stored = scale.size() - (hasOther(scale) ? 1 : 0);
    return String.join(", ", labels) + (stored > labels.size() ? " and " + (stored - labels.size()) + " more" : "");
  }

  private static boolean hasOther(CategoricalScale scale) {
    for (int slot = 0; slot < scale.size(); slot++) {
      if (scale.label(slot) == null) {
        return true;
      }
    }
    return false;
  }

  /** The rebalanced column's labels and their shares: equal over its labels (those the condition allows). */
  private Map<String, Double> targets(TargetShares shares, Map<String, Requirement> where) {
    String what = shares.isEqual() ? "generate.rebalance" : "generate.shares";
    ColumnModel column = column(shares.column(), what);
    if (!(column.marginal() instanceof CategoricalMarginal categorical)) {
      throw SynthException.config("%s: column %s of table %s is %s; rebalancing needs a label or boolean column",
          what, column.name(), model.table(), column.kind().configName());
    }
    CategoricalScale scale = CategoricalScale.of(categorical);
    OutputType type = OutputType.of(column, model.table());
    Map<String, Double> targets = new LinkedHashMap<>();
    if (shares.isEqual()) {
      boolean[] allowed = where.get(column.name()) instanceof Labels labels ? labels.allowed() : null;
      for (int slot = 0; slot < scale.size(); slot++) {
        if (scale.label(slot) != null && (allowed == null || allowed[slot])) {
          targets.put(scale.label(slot), 1.0);
        }
      }
      targets.replaceAll((label, share) -> 1.0 / targets.size());
    } else {
      for (Map.Entry<String, Double> target : shares.shares().entrySet()) {
        int slot = LabelMatch.slot(scale, type, target.getKey());
        if (slot < 0) {
          throw SynthException.config("%s: column %s of table %s has no label %s in the model; its labels: %s",
              what, column.name(), model.table(), quote(target.getKey()), labels(scale));
        }
        if (targets.containsKey(scale.label(slot))) {
          throw SynthException.config("%s gives label %s of column %s twice", what, quote(scale.label(slot)),
              column.name());
        }
        if (target.getValue() > 0) {
          targets.put(scale.label(slot), target.getValue());
        }
      }
    }
    if (targets.isEmpty()) {
      throw SynthException.config("%s: column %s of table %s has no label to rebalance", what, column.name(),
          model.table());
    }
    return targets;
  }

  // ---- propagation: from each column's requirement to weights on the labels that drive it ----

  /** The stratum, or null when no row satisfies it and {@code optional}; else an impossible one fails. */
  private Stratum build(double share, String text, Map<String, Requirement> given, boolean optional) {
    Stratum stratum = new Stratum(share, text);
    Map<String, Requirement> requirements = withOrderLows(given);
    for (Requirement requirement : requirements.values()) {
      if (requirement instanceof Labels labels) {
        if (labels.allowed().length == 0) {
          notNull(stratum, labels.column());
          continue;
        }
        double[] weights = new double[labels.allowed().length];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = labels.allowed()[i] ? 1 : 0;
        }
        direct(stratum, labels.column());
        labels(stratum, labels.column(), weights, 0);
      } else {
        numbers(stratum, (Numbers) requirement);
      }
    }
    for (int i = fullOrder.size() - 1; i >= 0; i--) {
      String name = fullOrder.get(i);
      if (stratum.weights.containsKey(name) && decidedBy.get(name) instanceof LabelTableRule table) {
        toParent(stratum, name, table);
      }
    }
    if (!possible(stratum)) {
      if (optional) {
        return null;
      }
      throw SynthException.config("generate.where: no row the model generates satisfies %s", stratum.text);
    }
    return stratum;
  }

  /**
   * The requirements with what a range on the high column of an order asks of its lows. Generate keeps the high's
   * own draw unless a present low is above it, where the high takes that low (its grid's next value for a strict
   * order). So the high lies in its range when its own draw does and every low is at most the largest value whose
   * raised high still lies in it; the lows get that bound (and pass it on to theirs, for a chain a ≤ b ≤ c).
   */
  private Map<String, Requirement> withOrderLows(Map<String, Requirement> given) {
    Map<String, Requirement> requirements = new LinkedHashMap<>(given);
    List<String> pending = new ArrayList<>(requirements.keySet());
    while (!pending.isEmpty()) {
      String name = pending.remove(0);
      if (!(decidedBy.get(name) instanceof OrderRule order)
          || !(requirements.get(name) instanceof Numbers numbers)) {
        continue;
      }
      if (numbers.intervals().size() != 1) {
        throw SynthException.config("generate.where: column %s of table %s is the high end of the rule %s: give it "
            + "one range, not a list of values", name, model.table(), String.join(", ", order.holds()));
      }
      Interval range = numbers.intervals().get(0);
      if (range.high() == Double.POSITIVE_INFINITY) {
        continue;
      }
      for (String low : order.low()) {
        double bound = highestLow(model.column(name).orElseThrow(), order.isStrict(low), range);
        Numbers implied = new Numbers(low, List.of(new Interval(Double.NEGATIVE_INFINITY, false, bound, true)));
        requirements.merge(low, implied, Requirement::and);
        pending.add(low);
      }
    }
    return requirements;
  }

  /**
   * The largest low whose raised high (the low rounded up to the high's grid, and its next value for a strict
   * order, as generate writes it) stays inside the range's upper end: found by bisection on that very function.
   */
  private double highestLow(ColumnModel high, boolean strict, Interval range) {
    NumberWriter writer = writer(high);
    double top = range.high();
    double below = top - Math.max(1, Math.abs(top)) * 1e-3 - 4 * Math.max(((NumericMarginal) high.marginal())
        .resolution(), 0);
    for (int i = 0; i < 64 && !raisedWithin(writer, strict, range, below); i++) {
      below = top - 2 * (top - below);
    }
    double[] edge = bisect(v -> !raisedWithin(writer, strict, range, v), below, top);
    return raisedWithin(writer, strict, range, edge[1]) ? edge[1] : edge[0];
  }

  private static boolean raisedWithin(NumberWriter writer, boolean strict, Interval range, double low) {
    double raised = writer.restoreUp(low);
    if (strict && raised <= low) {
      raised = writer.nextAbove(raised);
    }
    double written = writer.written(raised);
    return range.highIn() ? written <= range.high() : written < range.high();
  }

  /** Weights on a categorical column's labels (null weight: for its null and its rows outside any label). */
  private void labels(Stratum stratum, String name, double[] weights, double nullWeight) {
    ColumnModel column = model.column(name).orElseThrow();
    if (nullWeight == 0) {
      notNull(stratum, name);
    }
    if (decidedBy.get(name) instanceof DependencyRule dependency) {
      CategoricalScale own = CategoricalScale.of((CategoricalMarginal) column.marginal());
      CategoricalScale from = CategoricalScale.of(TableSampler.fromLabels(model, dependency.from(), dependency));
      TableSampler.SlotMap map = TableSampler.SlotMap.of(from, dependency, OutputType.of(column, model.table()));
      double[] fromWeights = new double[from.size()];
      for (int slot = 0; slot < fromWeights.length; slot++) {
        int target = map.mapped()[slot] && map.labels()[slot] != null ? TableSampler.storedSlot(own,
            map.labels()[slot]) : -1;
        fromWeights[slot] = target >= 0 ? weights[target] : 0;
      }
      stratum.mapped.add(name);
      labels(stratum, dependency.from(), fromWeights, 0);
      return;
    }
    stratum.weights.merge(name, weights, (a, b) -> {
      double[] product = a.clone();
      for (int i = 0; i < product.length; i++) {
        product[i] *= b[i];
      }
      return product;
    });
  }

  private void numbers(Stratum stratum, Numbers numbers) {
    String name = numbers.column();
    ColumnModel column = model.column(name).orElseThrow();
    Rule rule = decidedBy.get(name);
    notNull(stratum, name);
    if (rule instanceof DependencyRule dependency) {
      CategoricalScale from = CategoricalScale.of(TableSampler.fromLabels(model, dependency.from(), dependency));
      TableSampler.SlotMap map = TableSampler.SlotMap.of(from, dependency, OutputType.of(column, model.table()));
      double[] fromWeights = new double[from.size()];
      for (int slot = 0; slot < fromWeights.length; slot++) {
        FixedValue value = map.values()[slot];
        fromWeights[slot] = map.mapped()[slot] && value != null && contains(numbers.intervals(), value.number())
            ? 1 : 0;
      }
      direct(stratum, dependency.from());
      labels(stratum, dependency.from(), fromWeights, 0);
      return;
    }
    if (rule != null && !(rule instanceof OrderRule)) {
      throw SynthException.config("generate.where: column %s of table %s is computed by the rule %s, so it cannot "
          + "be conditioned on; condition on the columns the rule reads instead", name, model.table(),
          String.join(", ", rule.holds()));
    }
    stratum.numbers.put(name, numbers.intervals());
    stratum.direct.add(name);
    LabelMarginals conditional = byLabel.get(name);
    NumberWriter writer = writer(column);
    if (conditional == null) {
      if (!(mass(NumericDistribution.of((NumericMarginal) column.marginal()), writer, numbers.intervals()) > 0)) {
        NumericDistribution own = NumericDistribution.of((NumericMarginal) column.marginal());
        throw SynthException.config("generate.where: no value of column %s of table %s in the model satisfies the "
            + "condition on it (its values run from %s to %s)", name, model.table(), shown(column, own.lowest()),
            shown(column, own.highest()));
      }
      return;
    }
    // A label's weight is its own marginal's mass of the intervals: the uncalibrated distributions, read at standard
    // normal scores (the calibrated ones read copula scores, whose spread among a label's rows is not N(0, 1)).
    NumericDistribution[] bySlot = distributions(conditional, false);
    double[] weights = new double[bySlot.length - 1];
    for (int slot = 0; slot < weights.length; slot++) {
      weights[slot] = mass(bySlot[slot + 1], writer, numbers.intervals());
    }
    labels(stratum, conditional.by(), weights, mass(bySlot[0], writer, numbers.intervals()));
  }

  private static String shown(ColumnModel column, double value) {
    OutputType type = OutputType.parse(column.sparkType());
    if (type != null && type.type() == SourceType.DATE) {
      return LocalDate.ofEpochDay((long) value).toString();
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.6g", value);
  }

  private static boolean contains(List<Interval> intervals, double value) {
    for (Interval interval : intervals) {
      if (interval.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** A column a condition names, or the column that determines it through dependencies. */
  private void direct(Stratum stratum, String name) {
    stratum.direct.add(name);
    if (decidedBy.get(name) instanceof DependencyRule dependency) {
      direct(stratum, dependency.from());
    }
  }

  /** A column that must not be null, with the columns whose nulls its null pattern copies. */
  private void notNull(Stratum stratum, String name) {
    if (!stratum.notNull.add(name)) {
      return;
    }
    NullPatternRule pattern = nullsBy.get(name);
    if (pattern != null) {
      pattern.when().forEach(when -> notNull(stratum, when));
    }
  }

  /** A label-table child's weights become its parent's: for each parent label, the weighted share of its row. */
  private void toParent(Stratum stratum, String child, LabelTableRule table) {
    double[] weights = stratum.weights.get(child);
    CategoricalScale[] rows = rowScales(table);
    double[] parentWeights = new double[rows.length - 1];
    for (int slot = 0; slot < parentWeights.length; slot++) {
      parentWeights[slot] = weightedShare(rows[slot + 1], weights);
    }
    labels(stratum, table.parent(), parentWeights, weightedShare(rows[0], weights));
  }

  private static double weightedShare(CategoricalScale scale, double[] weights) {
    double share = 0;
    for (int slot = 0; slot < scale.size(); slot++) {
      share += drawable(scale, slot) ? scale.probability(slot) * weights[slot] : 0;
    }
    return share;
  }

  /**
   * Whether a normal score can fall in the slot: a label of tiny probability can have an interval of normal scores
   * that rounding closed, which no draw reaches.
   */
  private static boolean drawable(CategoricalScale scale, int slot) {
    return scale.probability(slot) > 0
        && scale.normalLowerEdge(slot) <= Math.nextDown(scale.normalUpperEdge(slot));
  }

  /** The child's scale by parent slot + 1; index 0 (a null parent) and unlisted labels get the otherwise row. */
  private CategoricalScale[] rowScales(LabelTableRule table) {
    ColumnModel child = model.column(table.child()).orElseThrow();
    CategoricalMarginal own = (CategoricalMarginal) child.marginal();
    CategoricalScale parent = CategoricalScale.of(TableSampler.fromLabels(model, table.parent(), table));
    CategoricalScale otherwise = TableSampler.scaleWithShares(model, child, own, table.otherwise());
    CategoricalScale[] rows = new CategoricalScale[parent.size() + 1];
    Arrays.fill(rows, otherwise);
    for (LabelTableRule.LabelRow row : table.rows()) {
      int slot = TableSampler.storedSlot(parent, row.when());
      if (slot >= 0) {
        rows[slot + 1] = TableSampler.scaleWithShares(model, child, own, row.shares()).calibrated(row.calibration());
      }
    }
    return rows;
  }

  /**
   * A numeric column's distributions by label slot + 1 (index 0: null or unlisted labels): as generate reads them
   * (at calibrated copula scores) when {@code calibrated}, else each label's marginal at standard normal scores.
   */
  private NumericDistribution[] distributions(LabelMarginals conditional, boolean calibrated) {
    CategoricalScale labels = CategoricalScale.of((CategoricalMarginal) model.column(conditional.by()).orElseThrow()
        .marginal());
    NumericMarginal own = (NumericMarginal) model.column(conditional.column()).orElseThrow().marginal();
    NumericDistribution rest = NumericDistribution.of(conditional.rest() == null ? own : conditional.rest());
    NumericDistribution[] bySlot = new NumericDistribution[labels.size() + 1];
    Arrays.fill(bySlot, rest);
    for (LabelMarginals.ByLabel label : conditional.labels()) {
      int slot = TableSampler.storedSlot(labels, label.when());
      if (slot >= 0) {
        bySlot[slot + 1] = NumericDistribution.of(label.marginal())
            .calibrated(calibrated ? label.calibration() : null);
      }
    }
    return bySlot;
  }

  /** Whether a row can satisfy the stratum: every root column's weighted labels keep some probability. */
  private boolean possible(Stratum stratum) {
    for (Map.Entry<String, double[]> entry : stratum.weights.entrySet()) {
      if (decidedBy.get(entry.getKey()) instanceof LabelTableRule) {
        continue;
      }
      CategoricalScale scale = CategoricalScale.of((CategoricalMarginal) model.column(entry.getKey()).orElseThrow()
          .marginal());
      if (!(weightedShare(scale, entry.getValue()) > 0)) {
        return false;
      }
    }
    return true;
  }

  // ---- numbers: the normal scores that give a value inside the intervals ----

  private NumberWriter writer(ColumnModel column) {
    return new NumberWriter(OutputType.of(column, model.table()), ((NumericMarginal) column.marginal()).resolution());
  }

  private static double mass(NumericDistribution distribution, NumberWriter writer, List<Interval> intervals) {
    double mass = 0;
    for (Interval interval : intervals) {
      double[] range = normalRange(distribution, writer, interval);
      if (range != null) {
        mass += ConditionalDraws.probability(range[0], range[1]);
      }
    }
    return mass;
  }

  /**
   * The normal scores whose value (the distribution's quantile, restored to the column's resolution) lies in the
   * interval: one interval [low, high], as the value is non-decreasing in the score; null when empty. Found by
   * bisection on the very function generate evaluates, so every score inside gives a value inside.
   */
  static double[] normalRange(NumericDistribution distribution, NumberWriter writer, Interval interval) {
    double low;
    if (atLeast(distribution, writer, interval, -REACH)) {
      low = Double.NEGATIVE_INFINITY;
    } else if (!atLeast(distribution, writer, interval, REACH)) {
      return null;
    } else {
      low = bisect(z -> atLeast(distribution, writer, interval, z), -REACH, REACH)[1];
    }
    double high;
    if (atMost(distribution, writer, interval, REACH)) {
      high = Double.POSITIVE_INFINITY;
    } else if (!atMost(distribution, writer, interval, -REACH)) {
      return null;
    } else {
      high = bisect(z -> !atMost(distribution, writer, interval, z), -REACH, REACH)[0];
    }
    return low <= high ? new double[] {low, high} : null;
  }

  /**
   * For a test that is false at {@code a}, true at {@code b} and turns true once between them: the last point found
   * false and the first found true, adjacent doubles (or {@value #BISECTIONS} halvings apart).
   */
  private static double[] bisect(java.util.function.DoublePredicate turnsTrue, double a, double b) {
    double lo = a;
    double hi = b;
    for (int i = 0; i < BISECTIONS && Math.nextUp(lo) < hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (turnsTrue.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new double[] {lo, hi};
  }

  private static boolean atLeast(NumericDistribution distribution, NumberWriter writer, Interval interval, double z) {
    double value = writer.written(distribution.quantileOfNormal(z));
    return interval.lowIn() ? value >= interval.low() : value > interval.low();
  }

  private static boolean atMost(NumericDistribution distribution, NumberWriter writer, Interval interval, double z) {
    double value = writer.written(distribution.quantileOfNormal(z));
    return interval.highIn() ? value <= interval.high() : value < interval.high();
  }

  // ---- the plan ----

  /** What a sampler needs: the draws, and by stratum which of its columns the condition forbids to be null. */
  record Plan(ConditionalDraws draws, boolean[][] notNull, int[] copulaIndex) {}

  /**
   * The draws for a sampler's columns in generation order ({@code order}; every column of {@link #columns()} is
   * among them), whose copula positions are {@code copulaIndex} (-1 outside the copula) in a copula of
   * {@code correlation}. Conditioned columns outside the copula get dimensions of their own, independent of the
   * rest, in the returned copula positions.
   */
  Plan plan(List<String> order, int[] copulaIndex, double[][] correlation, long seed, long tableKey,
      long rowLimit) {
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      indexOf.put(order.get(i), i);
    }
    int[] positions = copulaIndex.clone();
    int copulaDims = correlation == null ? 0 : correlation.length;
    Set<String> touched = columns();
    List<ConditionalDraws.Entry> entries = new ArrayList<>();
    Map<String, Integer> entryOf = new HashMap<>();
    List<List<ConditionalDraws.Pieces[]>> pieces = new ArrayList<>();
    strata.forEach(s -> pieces.add(new ArrayList<>()));
    List<Integer> drawnDims = new ArrayList<>();
    int extra = 0;
    for (String name : entryOrder(touched)) {
      boolean categorical = model.column(name).orElseThrow().marginal() instanceof CategoricalMarginal;
      boolean mapped = strata.stream().anyMatch(s -> s.mapped.contains(name));
      boolean drawn = strata.stream().anyMatch(s -> s.weights.containsKey(name) || s.numbers.containsKey(name));
      if (!touched.contains(name) || !mapped && !drawn) {
        continue;
      }
      int column = indexOf.get(name);
      entryOf.put(name, entries.size());
      if (mapped && categorical) {
        DependencyRule dependency = (DependencyRule) decidedBy.get(name);
        entries.add(new ConditionalDraws.Entry(column, -1, -1, entryOf.get(dependency.from()), slotMap(name,
            dependency)));
        strata.forEach(s -> pieces.get(strata.indexOf(s)).add(null));
        continue;
      }
      if (positions[column] < 0) {
        positions[column] = copulaDims + extra++;
      }
      String parent = categorical && decidedBy.get(name) instanceof LabelTableRule table ? table.parent()
          : !categorical && byLabel.containsKey(name) ? byLabel.get(name).by() : null;
      entries.add(new ConditionalDraws.Entry(column, drawnDims.size(), parent == null ? -1 : entryOf.get(parent),
          -1, null));
      drawnDims.add(positions[column]);
      for (int s = 0; s < strata.size(); s++) {
        pieces.get(s).add(categorical ? labelPieces(strata.get(s), name) : numberPieces(strata.get(s), name));
      }
    }
    int dims = copulaDims + extra;
    int[] permutation = new int[dims];
    boolean[] placed = new boolean[dims];
    int next = 0;
    for (int dim : drawnDims) {
      permutation[next++] = dim;
      placed[dim] = true;
    }
    for (int dim = 0; dim < dims; dim++) {
      if (!placed[dim]) {
        permutation[next++] = dim;
      }
    }
    double[][] permuted = new double[dims][dims];
    for (int a = 0; a < dims; a++) {
      for (int b = 0; b < dims; b++) {
        int i = permutation[a];
        int j = permutation[b];
        permuted[a][b] = i == j ? 1.0 : i < copulaDims && j < copulaDims ? correlation[i][j] : 0.0;
      }
    }
    Cholesky factor = dims == 0 ? null : TableSampler.factor(permuted);
    ConditionalDraws.Pieces[][][] byStratum = new ConditionalDraws.Pieces[strata.size()][][];
    double[] cumulative = new double[strata.size()];
    double total = 0;
    for (int s = 0; s < strata.size(); s++) {
      byStratum[s] = pieces.get(s).toArray(new ConditionalDraws.Pieces[0][]);
      total += strata.get(s).share;
      cumulative[s] = total;
    }
    for (int s = 0; s < cumulative.length; s++) {
      cumulative[s] /= total;
    }
    boolean[][] notNull = new boolean[strata.size()][order.size()];
    for (int s = 0; s < strata.size(); s++) {
      for (String name : strata.get(s).notNull) {
        if (indexOf.containsKey(name)) {
          notNull[s][indexOf.get(name)] = true;
        }
      }
    }
    ConditionalDraws draws = new ConditionalDraws(dims, permutation, factor,
        entries.toArray(new ConditionalDraws.Entry[0]), byStratum, cumulative,
        CounterRng.hash(seed, tableKey, CounterRng.hashString("synthlake:strata")), rowLimit);
    return new Plan(draws, notNull, positions);
  }

  /**
   * The touched columns in the order their scores are drawn: each after the column it reads (its label-table parent,
   * its per-label marginals' labels, its determinant), and otherwise the columns a condition names first. The
   * sequential draw conditions each score on the ones before it only, so a score drawn early ignores the truncation
   * of later ones; drawing the named columns first lets the labels that are only weighted (their ancestors' other
   * children, ...) follow them through the copula.
   */
  private List<String> entryOrder(Set<String> touched) {
    Set<String> direct = new HashSet<>();
    strata.forEach(s -> direct.addAll(s.direct));
    // The model's whole order, not the sampler's: which columns are selected must not change the draws.
    List<String> pending = fullOrder.stream().filter(touched::contains).toList();
    List<String> placed = new ArrayList<>();
    while (placed.size() < pending.size()) {
      String next = null;
      for (String name : pending) {
        if (!placed.contains(name) && (reads(name) == null || placed.contains(reads(name))
            || !pending.contains(reads(name)))) {
          if (direct.contains(name)) {
            next = name;
            break;
          }
          next = next == null ? name : next;
        }
      }
      placed.add(next);
    }
    return placed;
  }

  /** The column whose label an entry's draw reads, or null. */
  private String reads(String name) {
    Rule rule = decidedBy.get(name);
    if (rule instanceof LabelTableRule table) {
      return table.parent();
    }
    if (rule instanceof DependencyRule dependency) {
      return dependency.from();
    }
    LabelMarginals conditional = byLabel.get(name);
    return conditional == null ? null : conditional.by();
  }

  /** A mapped column's slot by its determinant's slot; -1 where the determinant's label maps to no stored label. */
  private int[] slotMap(String name, DependencyRule dependency) {
    ColumnModel column = model.column(name).orElseThrow();
    CategoricalScale own = CategoricalScale.of((CategoricalMarginal) column.marginal());
    CategoricalScale from = CategoricalScale.of(TableSampler.fromLabels(model, dependency.from(), dependency));
    TableSampler.SlotMap map = TableSampler.SlotMap.of(from, dependency, OutputType.of(column, model.table()));
    int[] slots = new int[from.size()];
    for (int slot = 0; slot < slots.length; slot++) {
      slots[slot] = map.mapped()[slot] && map.labels()[slot] != null ? TableSampler.storedSlot(own,
          map.labels()[slot]) : -1;
    }
    return slots;
  }

  /** A categorical column's pieces: one set (no parent), or one per parent slot + 1 for a label-table child. */
  private ConditionalDraws.Pieces[] labelPieces(Stratum stratum, String name) {
    ColumnModel column = model.column(name).orElseThrow();
    CategoricalScale own = CategoricalScale.of((CategoricalMarginal) column.marginal());
    double[] weights = stratum.weights.get(name);
    if (weights == null) {
      weights = new double[own.size()];
      Arrays.fill(weights, 1.0);
    }
    CategoricalScale[] scales = decidedBy.get(name) instanceof LabelTableRule table ? rowScales(table)
        : new CategoricalScale[] {own};
    ConditionalDraws.Pieces[] sets = new ConditionalDraws.Pieces[scales.length];
    for (int p = 0; p < scales.length; p++) {
      sets[p] = slotPieces(scales[p], weights);
      if (sets[p].size() == 0) {
        // A parent label the condition gave no weight: never drawn; its own scale keeps the sampler total.
        double[] all = new double[weights.length];
        Arrays.fill(all, 1.0);
        sets[p] = slotPieces(scales[p], all);
      }
    }
    return sets;
  }

  private static ConditionalDraws.Pieces slotPieces(CategoricalScale scale, double[] weights) {
    List<Integer> kept = new ArrayList<>();
    for (int slot = 0; slot < scale.size(); slot++) {
      if (weights[slot] > 0 && drawable(scale, slot)) {
        kept.add(slot);
      }
    }
    int n = kept.size();
    ConditionalDraws.Pieces pieces = new ConditionalDraws.Pieces(new double[n], new double[n], new boolean[n],
        new double[n], new int[n]);
    for (int k = 0; k < n; k++) {
      int slot = kept.get(k);
      pieces.low()[k] = scale.normalLowerEdge(slot);
      pieces.high()[k] = scale.normalUpperEdge(slot);
      pieces.highOpen()[k] = true;
      pieces.weight()[k] = weights[slot];
      pieces.slot()[k] = slot;
    }
    return pieces;
  }

  /** A numeric column's pieces: its intervals' normal scores, per label slot + 1 with per-label marginals. */
  private ConditionalDraws.Pieces[] numberPieces(Stratum stratum, String name) {
    ColumnModel column = model.column(name).orElseThrow();
    List<Interval> intervals = stratum.numbers.getOrDefault(name, List.of(new Interval(Double.NEGATIVE_INFINITY,
        false, Double.POSITIVE_INFINITY, false)));
    NumberWriter writer = writer(column);
    LabelMarginals conditional = byLabel.get(name);
    NumericDistribution[] distributions = conditional == null
        ? new NumericDistribution[] {NumericDistribution.of((NumericMarginal) column.marginal())}
        : distributions(conditional, true);
    ConditionalDraws.Pieces[] sets = new ConditionalDraws.Pieces[distributions.length];
    for (int p = 0; p < distributions.length; p++) {
      List<double[]> ranges = new ArrayList<>();
      for (Interval interval : intervals) {
        double[] range = interval.low() == Double.NEGATIVE_INFINITY && interval.high() == Double.POSITIVE_INFINITY
            ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
            : normalRange(distributions[p], writer, interval);
        if (range != null) {
          ranges.add(range);
        }
      }
      if (ranges.isEmpty()) {
        // A label the condition gave no weight: never drawn.
        ranges.add(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
      }
      int n = ranges.size();
      ConditionalDraws.Pieces pieces = new ConditionalDraws.Pieces(new double[n], new double[n], new boolean[n],
          new double[n], new int[n]);
      for (int k = 0; k < n; k++) {
        pieces.low()[k] = ranges.get(k)[0];
        pieces.high()[k] = ranges.get(k)[1];
        pieces.weight()[k] = 1.0;
        pieces.slot()[k] = -1;
      }
      sets[p] = pieces;
    }
    return sets;
  }
}
