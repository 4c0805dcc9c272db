package io.synthlake.generate;

import io.synthlake.condition.GenerateConditions;
import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.ForeignKeyMarginal;
import io.synthlake.model.DependencyRule;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.OrderRule;
import io.synthlake.model.OtherBucket;
import io.synthlake.model.PiiMarginal;
import io.synthlake.model.Rule;
import io.synthlake.model.SumRule;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.stats.Cholesky;
import io.synthlake.stats.CounterRng;
import io.synthlake.stats.NearestCorrelation;
import io.synthlake.stats.StandardNormal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples rows of one table from its model: every value is a pure function of (model, seed, row index) and of the
 * row limit (which sizes the last block of strata), so any row range can be generated alone, in any order, on any
 * executor, after any retry, with the same result.
 *
 * <p>For row r the key hash(seed, table, r) starts the row's streams. The copula's normals come from draws 0..k-1
 * of that stream, each placed in its Latin-hypercube stratum of r's block ({@link LatinStrata}; g = Φ⁻¹ of each),
 * correlated by the Cholesky factor (z = L·g) and mapped to uniforms (u = Φ(z));
 * each column then reads its own stream, keyed by the row key and the column's name, at fixed draw numbers for
 * its null, its value and any extra choice. Only the selected columns are computed, with the columns their rules
 * read (a pruned determinant is still generated, and discarded).
 *
 * <p>Rules hold by construction: columns are generated in an order where every column comes after those its rule
 * reads, a rule's column computes its value from theirs (a map, a sum, a high kept above its lows, a label from its
 * parent's row of a table), and a null pattern copies their nulls.
 */
public final class TableSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The eigenvalue floor used when a (hand-edited) model's correlation has no Cholesky factor. */
  private static final double REPAIR_MIN_EIGENVALUE = 1e-6;
  /**
   * Rows sampled per pass: for tables of tens of columns, the pass's independent normals fit the L1 cache. At
   * most {@link LatinStrata#BLOCK}, so a pass spans at most two blocks of strata.
   */
  private static final int CHUNK_ROWS = 256;

  private final long seed;
  private final long tableKey;
  /** The end of the rows this sampler makes: the last block of strata ends there. */
  private final long rowLimit;
  private final Cholesky cholesky;
  private final List<String> columns;
  /** In generation order: the selected columns and the columns their rules read. */
  private final ColumnGenerator[] generators;
  /** The generated columns' names, in generation order. */
  private final String[] names;
  /** Per generated column: its position among the selected columns' sinks, or -1 when it is only read. */
  private final int[] sinkOf;
  /** Per generated column: the columns any of whose nulls its null pattern copies, or null. */
  private final int[][] nullsFrom;
  private final boolean[] nullsExactly;
  private final double[] nullsOtherwise;
  /** Per generated column: the copula dimension of its presence, or -1 when its nulls are drawn on their own. */
  private final int[] presenceIndex;
  /** Per generated column with a presence: the normal score below which it is null, Φ⁻¹(null fraction). */
  private final double[] nullEdge;
  /**
   * Under a condition, per generated column: whether its nulls are drawn again after the conditioned scores, from
   * its presence's conditioned score or from columns whose nulls were (null without a condition, or when none is).
   */
  private final boolean[] nullsAfterDraws;
  private final boolean[] keepSlots;
  private final boolean[] keepNumbers;
  /** Generated-column indices in the order their nulls are drawn (after the columns their null patterns copy). */
  private final int[] nullOrder;
  /** Under a condition: the copula's scores, and the columns it forbids to be null; else null. */
  private final ConditionalDraws draws;
  /** By stratum and generated column: whether the condition forbids nulls (null without a condition). */
  private final boolean[][] notNull;
  /** Per selected column: the salt of its stream (a function of its name), so a row key is one mix away. */
  private final long[] columnSalts;
  private final int[] copulaIndex;
  private final int normals;

  private TableSampler(long seed, long tableKey, long rowLimit, Cholesky cholesky, List<String> columns,
      Wiring wiring) {
    this.seed = seed;
    this.rowLimit = rowLimit;
    this.tableKey = tableKey;
    this.cholesky = cholesky;
    this.columns = List.copyOf(columns);
    this.generators = wiring.generators;
    this.names = wiring.names;
    this.columnSalts = wiring.salts;
    this.copulaIndex = wiring.copulaIndex;
    this.sinkOf = wiring.sinkOf;
    this.nullsFrom = wiring.nullsFrom;
    this.nullsExactly = wiring.nullsExactly;
    this.nullsOtherwise = wiring.nullsOtherwise;
    this.presenceIndex = wiring.presenceIndex;
    this.nullEdge = wiring.nullEdge;
    this.nullsAfterDraws = wiring.draws == null ? null : nullsAfterDraws(wiring);
    this.keepSlots = wiring.keepSlots;
    this.keepNumbers = wiring.keepNumbers;
    this.nullOrder = wiring.nullOrder;
    this.draws = wiring.draws;
    this.notNull = wiring.notNull;
    int needed = 0;
    for (int index : copulaIndex) {
      needed = Math.max(needed, index + 1);
    }
    for (int index : presenceIndex) {
      needed = Math.max(needed, index + 1);
    }
    this.normals = draws != null ? draws.dims() : needed;
  }

  /** A sampler of every column of the model. */
  public static TableSampler of(SynthModel model, long seed, long rows) {
    return of(model, seed, model.columns().stream().map(ColumnModel::name).toList(), rows);
  }

  /**
   * A sampler of the given columns, for row indices below {@code rowLimit} (checked against the key ranges of
   * the columns' types).
   */
  public static TableSampler of(SynthModel model, long seed, List<String> selected, long rowLimit) {
    return of(model, seed, selected, rowLimit, Map.of());
  }

  /**
   * A generated parent table that foreign keys point at: its model, the seed and the number of rows it was
   * generated with.
   */
  public record Parent(SynthModel model, long seed, long rows) {}

  /** As above, with the parents of the model's foreign keys, by table name. */
  public static TableSampler of(SynthModel model, long seed, List<String> selected, long rowLimit,
      Map<String, Parent> parents) {
    return of(model, seed, selected, rowLimit, parents, GenerateConditions.NONE);
  }

  /**
   * As above, holding a condition (and target label shares) in every row ({@link ConditionalDraws}); an unknown
   * column or label, or a condition no row satisfies, fails here with exit 3.
   */
  public static TableSampler of(SynthModel model, long seed, List<String> selected, long rowLimit,
      Map<String, Parent> parents, GenerateConditions conditions) {
    long tableKey = CounterRng.hashString(model.table());
    CopulaModel copula = model.copula();
    Map<String, Integer> copulaPosition = new HashMap<>();
    Cholesky cholesky = null;
    if (copula != null && copula.dimensions() > 0) {
      for (int i = 0; i < copula.columns().size(); i++) {
        copulaPosition.put(copula.columns().get(i), i);
      }
      cholesky = factor(copula.correlation());
    }
    Map<String, Rule> decidedBy = new HashMap<>();
    Map<String, NullPatternRule> nullsBy = new HashMap<>();
    for (Rule rule : model.rules()) {
      if (rule instanceof NullPatternRule pattern) {
        nullsBy.put(pattern.column(), pattern);
      } else {
        decidedBy.put(rule.column(), rule);
      }
    }
    for (String name : selected) {
      if (model.column(name).isEmpty()) {
        throw new IllegalArgumentException("model of table " + model.table() + " has no column '" + name + "'");
      }
    }
    Map<String, LabelMarginals> byLabel = new HashMap<>();
    model.labelMarginals().forEach(c -> byLabel.put(c.column(), c));
    ConditionCompiler compiler = conditions.isEmpty() ? null
        : new ConditionCompiler(model, conditions, decidedBy, byLabel, nullsBy);
    List<String> generated = new ArrayList<>(selected);
    if (compiler != null) {
      // The columns a condition reads are generated (and discarded) even when pruned: pruning never changes rows.
      compiler.columns().stream().filter(c -> !generated.contains(c)).forEach(generated::add);
    }
    List<String> order = generationOrder(model, generated, decidedBy, nullsBy, byLabel);
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      indexOf.put(order.get(i), i);
    }
    Wiring wiring = new Wiring(order.size());
    for (Rule rule : decidedBy.values()) {
      if (!indexOf.containsKey(rule.column())) {
        continue;
      }
      for (String read : rule.reads()) {
        if (rule instanceof OrderRule || rule instanceof SumRule) {
          wiring.keepNumbers[indexOf.get(read)] = true;
        } else {
          wiring.keepSlots[indexOf.get(read)] = true;
        }
      }
    }
    for (LabelMarginals conditional : byLabel.values()) {
      if (indexOf.containsKey(conditional.column())) {
        wiring.keepSlots[indexOf.get(conditional.by())] = true;
      }
    }
    for (int i = 0; i < order.size(); i++) {
      String name = order.get(i);
      wiring.names[i] = name;
      ColumnModel column = model.column(name).orElseThrow();
      long columnKey = CounterRng.hashString(name);
      wiring.salts[i] = CounterRng.streamSalt(columnKey);
      long columnSeed = CounterRng.hash(seed, tableKey, columnKey);
      Rule rule = decidedBy.get(name);
      wiring.generators[i] = column.marginal() instanceof ForeignKeyMarginal key
          ? foreignKey(model, column, key, CounterRng.hash(seed, tableKey, CounterRng.hashString("key:" + key.key())),
              rowLimit, parents)
          : rule != null ? derived(model, column, rule, columnSeed, indexOf, byLabel.get(name))
          : generator(model, column, columnSeed, rowLimit, byLabel.get(name), indexOf);
      wiring.copulaIndex[i] = copulaPosition.getOrDefault(name, -1);
      wiring.sinkOf[i] = selected.indexOf(name);
      NullPatternRule pattern = nullsBy.get(name);
      wiring.nullsFrom[i] = pattern == null ? null : pattern.when().stream().mapToInt(indexOf::get).toArray();
      wiring.nullsExactly[i] = pattern != null && pattern.exactly();
      wiring.nullsOtherwise[i] = pattern == null ? 0 : pattern.nullFractionOtherwise();
      wiring.presenceIndex[i] = cholesky == null || pattern != null ? -1 : copula.presenceDimension(name);
      wiring.nullEdge[i] = wiring.presenceIndex[i] < 0 ? Double.NEGATIVE_INFINITY
          : StandardNormal.inverseCdf(column.nullFraction());
    }
    wiring.nullOrder = nullOrder(order, nullsBy);
    if (compiler != null) {
      ConditionCompiler.Plan plan = compiler.plan(order, wiring.copulaIndex,
          cholesky == null ? null : copula.correlation(), seed, tableKey, rowLimit);
      wiring.copulaIndex = plan.copulaIndex();
      wiring.notNull = plan.notNull();
      wiring.draws = plan.draws();
      for (String name : compiler.numberColumns()) {
        int c = indexOf.get(name);
        if (wiring.generators[c] instanceof NumericGenerator numbers) {
          wiring.generators[c] = numbers.finiteOnly();
        }
      }
    }
    return new TableSampler(seed, tableKey, rowLimit, cholesky, selected, wiring);
  }

  /** The per-column arrays of a sampler, in generation order. */
  private static final class Wiring {
    final ColumnGenerator[] generators;
    final long[] salts;
    final int[] sinkOf;
    final int[][] nullsFrom;
    final boolean[] nullsExactly;
    final double[] nullsOtherwise;
    final int[] presenceIndex;
    final double[] nullEdge;
    final boolean[] keepSlots;
    final boolean[] keepNumbers;
    final String[] names;
    int[] nullOrder;
    int[] copulaIndex;
    boolean[][] notNull;
    ConditionalDraws draws;

    Wiring(int size) {
      generators = new ColumnGenerator[size];
      salts = new long[size];
      copulaIndex = new int[size];
      sinkOf = new int[size];
      nullsFrom = new int[size][];
      nullsExactly = new boolean[size];
      nullsOtherwise = new double[size];
      presenceIndex = new int[size];
      nullEdge = new double[size];
      keepSlots = new boolean[size];
      keepNumbers = new boolean[size];
      names = new String[size];
    }
  }

  /**
   * The selected columns and every column their rules read, each after the columns it reads, otherwise in model
   * order (the model's rules form no cycle: {@link SynthModel} checks it on load).
   */
  static List<String> generationOrder(SynthModel model, List<String> selected, Map<String, Rule> decidedBy,
      Map<String, NullPatternRule> nullsBy, Map<String, LabelMarginals> byLabel) {
    Set<String> needed = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(selected);
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (!needed.add(name)) {
        continue;
      }
      pending.addAll(reads(name, decidedBy, nullsBy, byLabel));
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new java.util.HashSet<>();
    for (ColumnModel column : model.columns()) {
      place(column.name(), needed, decidedBy, Map.of(), byLabel, placed, order);
    }
    return order;
  }

  /**
   * Places a column after the ones it reads: its rule's ({@code decidedBy}) or its null pattern's
   * ({@code nullsBy}); the caller passes one of the two, as values and nulls are drawn in separate sweeps.
   */
  private static void place(String name, Set<String> needed, Map<String, Rule> decidedBy,
      Map<String, NullPatternRule> nullsBy, Map<String, LabelMarginals> byLabel, Set<String> placed,
      List<String> order) {
    if (!needed.contains(name) || placed.contains(name)) {
      return;
    }
    placed.add(name);
    for (String read : reads(name, decidedBy, nullsBy, byLabel)) {
      place(read, needed, decidedBy, nullsBy, byLabel, placed, order);
    }
    order.add(name);
  }

  /** Indices into {@code order}, each column after the columns its null pattern copies. */
  private static int[] nullOrder(List<String> order, Map<String, NullPatternRule> nullsBy) {
    List<String> sorted = new ArrayList<>();
    Set<String> placed = new java.util.HashSet<>();
    Set<String> needed = new java.util.HashSet<>(order);
    for (String name : order) {
      place(name, needed, Map.of(), nullsBy, Map.of(), placed, sorted);
    }
    return sorted.stream().mapToInt(order::indexOf).toArray();
  }

  private static List<String> reads(String name, Map<String, Rule> decidedBy, Map<String, NullPatternRule> nullsBy,
      Map<String, LabelMarginals> byLabel) {
    List<String> reads = new ArrayList<>();
    if (byLabel.containsKey(name)) {
      reads.add(byLabel.get(name).by());
    }
    if (decidedBy.containsKey(name)) {
      reads.addAll(decidedBy.get(name).reads());
    }
    if (nullsBy.containsKey(name)) {
      reads.addAll(nullsBy.get(name).when());
    }
    return reads;
  }

  /** The generator of a column a rule decides: its own marginal for the rows the rule cannot decide. */
  private static ColumnGenerator derived(SynthModel model, ColumnModel column, Rule rule, long columnSeed,
      Map<String, Integer> indexOf, LabelMarginals conditional) {
    OutputType type = OutputType.of(column, model.table());
    double nulls = column.nullFraction();
    if (column.marginal() instanceof NumericMarginal numeric) {
      NumericGenerator.Derivation derivation;
      if (rule instanceof OrderRule order) {
        boolean[] strict = new boolean[order.low().size()];
        for (int l = 0; l < strict.length; l++) {
          strict[l] = order.isStrict(order.low().get(l));
        }
        derivation = new NumericGenerator.AboveLows(order.low().stream().mapToInt(indexOf::get).toArray(), strict);
      } else if (rule instanceof SumRule sum) {
        derivation = new NumericGenerator.Total(indexOf.get(sum.left()), indexOf.get(sum.right()), sum.minus());
      } else if (rule instanceof DependencyRule dependency) {
        SlotMap map = SlotMap.of(CategoricalScale.of(fromLabels(model, dependency)), dependency, type);
        double[] numbers = new double[map.values().length];
        boolean[] isNull = new boolean[numbers.length];
        for (int slot = 0; slot < numbers.length; slot++) {
          numbers[slot] = map.values()[slot] == null ? Double.NaN : map.values()[slot].number();
          isNull[slot] = map.mapped()[slot] && map.labels()[slot] == null;
        }
        derivation = new NumericGenerator.Mapped(indexOf.get(dependency.from()), map.mapped(), numbers, isNull,
            columnSeed);
      } else {
        throw modelError(model, column, rule);
      }
      return new NumericGenerator(nulls, numeric, type, derivation, byLabel(model, conditional, indexOf));
    }
    if (column.marginal() instanceof CategoricalMarginal categorical) {
      CategoricalScale own = CategoricalScale.of(categorical);
      CategoricalGenerator.Derivation derivation;
      if (rule instanceof LabelTableRule table) {
        CategoricalMarginal parent = fromLabels(model, table.parent(), table);
        CategoricalScale parentScale = CategoricalScale.of(parent);
        CategoricalScale[] scales = new CategoricalScale[parentScale.size()];
        for (LabelTableRule.LabelRow row : table.rows()) {
          int slot = storedSlot(parentScale, row.when());
          if (slot >= 0) {
            scales[slot] = scaleWithShares(model, column, categorical, row.shares()).calibrated(row.calibration());
          }
        }
        derivation = new CategoricalGenerator.Table(indexOf.get(table.parent()), scales,
            scaleWithShares(model, column, categorical, table.otherwise()));
      } else if (rule instanceof DependencyRule dependency) {
        SlotMap map = SlotMap.of(CategoricalScale.of(fromLabels(model, dependency)), dependency, type);
        int[] slots = new int[map.values().length];
        for (int slot = 0; slot < slots.length; slot++) {
          slots[slot] = map.labels()[slot] == null ? -1 : storedSlot(own, map.labels()[slot]);
        }
        derivation = new CategoricalGenerator.Mapped(indexOf.get(dependency.from()), map.mapped(), map.values(),
            slots, columnSeed);
      } else {
        throw modelError(model, column, rule);
      }
      return new CategoricalGenerator(nulls, categorical, type, otherPool(model, categorical), columnSeed,
          derivation);
    }
    throw modelError(model, column, rule);
  }

  /**
   * A dependency's map by slot of its determinant's scale: whether the slot is mapped, its value's text (null for
   * a null target) and that text parsed in the column's type (null when null or not a value of the type, which
   * leaves the slot unmapped).
   */
  record SlotMap(boolean[] mapped, String[] labels, FixedValue[] values) {
    static SlotMap of(CategoricalScale from, DependencyRule dependency, OutputType type) {
      SlotMap map = new SlotMap(new boolean[from.size()], new String[from.size()], new FixedValue[from.size()]);
      for (DependencyRule.MappedValue value : dependency.values()) {
        int slot = storedSlot(from, value.when());
        if (slot < 0) {
          continue;
        }
        FixedValue parsed = value.then() == null ? null : FixedValue.parse(value.then(), type);
        map.mapped[slot] = value.then() == null || parsed != null;
        map.labels[slot] = value.then();
        map.values[slot] = parsed;
      }
      return map;
    }
  }

  private static SynthException modelError(SynthModel model, ColumnModel column, Rule rule) {
    return new SynthException(io.synthlake.errors.ExitCode.MODEL, "model of table " + model.table() + ": rule "
        + String.join(", ", rule.holds()) + " cannot decide column " + column.name() + " of kind "
        + column.kind().configName());
  }

  private static CategoricalMarginal fromLabels(SynthModel model, DependencyRule dependency) {
    return fromLabels(model, dependency.from(), dependency);
  }

  static CategoricalMarginal fromLabels(SynthModel model, String from, Rule rule) {
    ColumnModel column = model.column(from).orElseThrow();
    if (!(column.marginal() instanceof CategoricalMarginal labels)) {
      throw new SynthException(io.synthlake.errors.ExitCode.MODEL, "model of table " + model.table() + ": rule "
          + String.join(", ", rule.holds()) + " reads labels of column " + from + ", which is not categorical");
    }
    return labels;
  }

  /** The slot of a stored label (never the other bucket's), or -1. */
  static int storedSlot(CategoricalScale scale, String label) {
    int slot = scale.slotOf(label);
    return slot >= 0 && label.equals(scale.label(slot)) ? slot : -1;
  }

  /** The column's scale with other shares: the same slots, in the same order, with new widths. */
  static CategoricalScale scaleWithShares(SynthModel model, ColumnModel column, CategoricalMarginal own,
      double[] shares) {
    int slots = CategoricalScale.of(own).size();
    if (shares.length != slots) {
      throw new SynthException(io.synthlake.errors.ExitCode.MODEL, "model of table " + model.table()
          + ": a label table of column " + column.name() + " has " + shares.length + " shares, but the column has "
          + slots + " labels");
    }
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < own.categories().size(); i++) {
      categories.add(new Category(own.categories().get(i).value(), shares[i]));
    }
    OtherBucket other = own.other() == null ? null : own.other().withProbability(shares[slots - 1]);
    return CategoricalScale.of(new CategoricalMarginal(categories, other));
  }

  /** A column's per-label marginals by slot of its label column's scale (null where the rest serves), or null. */
  private static NumericGenerator.ByLabel byLabel(SynthModel model, LabelMarginals conditional,
      Map<String, Integer> indexOf) {
    if (conditional == null) {
      return null;
    }
    CategoricalMarginal labels = (CategoricalMarginal) model.column(conditional.by()).orElseThrow().marginal();
    CategoricalScale scale = CategoricalScale.of(labels);
    NumericDistribution[] bySlot = new NumericDistribution[scale.size()];
    for (LabelMarginals.ByLabel label : conditional.labels()) {
      int slot = storedSlot(scale, label.when());
      if (slot >= 0) {
        bySlot[slot] = NumericDistribution.of(label.marginal()).calibrated(label.calibration());
      }
    }
    NumericMarginal own = (NumericMarginal) model.column(conditional.column()).orElseThrow().marginal();
    return new NumericGenerator.ByLabel(indexOf.get(conditional.by()), bySlot,
        NumericDistribution.of(conditional.rest() == null ? own : conditional.rest()));
  }

  static Cholesky factor(double[][] correlation) {
    Cholesky factor = Cholesky.factor(correlation);
    if (factor == null) {
      factor = Cholesky.factor(NearestCorrelation.repair(correlation, REPAIR_MIN_EIGENVALUE).matrix());
    }
    if (factor == null) {
      throw new IllegalStateException("the copula's correlation matrix has no Cholesky factor, even repaired");
    }
    return factor;
  }

  private static ColumnGenerator generator(SynthModel model, ColumnModel column, long columnSeed, long rowLimit,
      LabelMarginals conditional, Map<String, Integer> indexOf) {
    OutputType type = OutputType.of(column, model.table());
    double nulls = column.nullFraction();
    if (column.marginal() instanceof NumericMarginal numeric) {
      return new NumericGenerator(nulls, numeric, type, null, byLabel(model, conditional, indexOf));
    }
    if (column.marginal() instanceof CategoricalMarginal categorical) {
      return new CategoricalGenerator(nulls, categorical, type, otherPool(model, categorical), columnSeed);
    }
    if (column.marginal() instanceof ConstantMarginal constant) {
      return new FixedGenerator(nulls, constant.value() == null ? null : FixedValue.parse(constant.value(), type));
    }
    if (column.marginal() instanceof TextMarginal text) {
      return new TextGenerator(nulls, text);
    }
    if (column.marginal() instanceof PiiMarginal pii) {
      return new PiiGenerator(nulls, pii);
    }
    IdentifierMarginal id = (IdentifierMarginal) column.marginal();
    return id.form() == IdentifierMarginal.Form.INTEGER
        ? integerKeys(model, column, id, columnSeed, type, rowLimit)
        : new StringKeyGenerator(nulls, id.shape(), columnSeed);
  }

  private static ForeignKeyGenerator foreignKey(SynthModel model, ColumnModel column, ForeignKeyMarginal key,
      long keySeed, long rowLimit, Map<String, Parent> parents) {
    Parent parent = parents.get(key.table());
    if (parent == null) {
      throw SynthException.config("column %s of table %s is a foreign key to table %s: generate it with synth lake, "
          + "which generates %s first", column.name(), model.table(), key.table(), key.table());
    }
    ColumnModel referenced = parent.model().column(key.column()).orElseThrow(() -> SynthException.config(
        "column %s of table %s references %s.%s, which the parent's model does not have", column.name(),
        model.table(), key.table(), key.column()));
    if (!referenced.sparkType().equals(column.sparkType())) {
      // The parent's key generator writes values of the parent column's type into the child's column.
      throw SynthException.config("column %s of table %s is %s, but the key it references, %s.%s, is %s: give both "
          + "the same type (cast one in its source)", column.name(), model.table(), column.sparkType(), key.table(),
          key.column(), referenced.sparkType());
    }
    long parentTableKey = CounterRng.hashString(parent.model().table());
    long parentColumnKey = CounterRng.hashString(referenced.name());
    ColumnGenerator parentKeys = generator(parent.model(), referenced, CounterRng.hash(parent.seed(), parentTableKey,
        parentColumnKey), parent.rows(), null, Map.of());
    if (!(referenced.marginal() instanceof IdentifierMarginal) || !(parentKeys instanceof RowGenerator keys)) {
      throw SynthException.config("column %s of table %s references %s.%s, which is not a key (kind identifier) in "
          + "the parent's model", column.name(), model.table(), key.table(), key.column());
    }
    return new ForeignKeyGenerator(column.nullFraction(), key.fanOut(), rowLimit, keySeed, parent.rows(), keys,
        parent.seed(), parentTableKey, CounterRng.streamSalt(parentColumnKey));
  }

  private static IntegerKeyGenerator integerKeys(SynthModel model, ColumnModel column, IdentifierMarginal id,
      long columnSeed, OutputType type, long rowLimit) {
    IntegerKeyGenerator keys = new IntegerKeyGenerator(column.nullFraction(), (long) Math.ceil(id.lower()),
        (long) Math.floor(id.upper()), columnSeed, type);
    if (rowLimit > 0 && keys.largestKey(rowLimit) > type.maximum()) {
      throw SynthException.config("column %s of table %s is %s, too small for the keys of %d rows (up to %d): "
          + "generate fewer rows, or widen the column's type in the model", column.name(), model.table(),
          column.sparkType(), rowLimit, keys.largestKey(rowLimit));
    }
    return keys;
  }

  /** About as many made-up labels as rare labels were folded: each had fewer than min-category-count rows. */
  private static long otherPool(SynthModel model, CategoricalMarginal marginal) {
    if (marginal.other() == null) {
      return 1;
    }
    int minCount = model.fit() == null ? 5 : Math.max(1, model.fit().minCategoryCount());
    double folded = marginal.other().probability() * model.source().rowCount();
    return (long) Math.ceil(folded / minCount);
  }

  public List<String> columns() {
    return columns;
  }

  /**
   * Writes rows [firstRow, firstRow + count) into the sinks (one per selected column), at positions 0..count-1.
   *
   * <p>Works column by column over chunks of rows: the row keys, then each independent normal for every row of
   * the chunk, then per column its correlated normals and its values. The chunk's normals stay in the L1 cache.
   */
  public void sample(long firstRow, int count, ColumnSink[] sinks) {
    sample(firstRow, count, sinks, null);
  }

  /** Sees each generated column's copula scores of a chunk, right after the column is generated. */
  interface ScoreObserver {
    /**
     * @param column the column's index in generation order
     * @param scores its copula scores of the chunk's first n rows
     */
    void scores(int column, double[] scores, int n, ChunkState state);
  }

  /** How many columns this sampler generates: the selected ones and those their rules read. */
  int generatedColumns() {
    return generators.length;
  }

  /** The index of a column in generation order, or -1 when this sampler does not generate it. */
  int generationIndex(String column) {
    return java.util.Arrays.asList(names).indexOf(column);
  }

  /** As {@link #sample(long, int, ColumnSink[])}, showing the observer every copula column's scores. */
  void sample(long firstRow, int count, ColumnSink[] sinks, ScoreObserver observer) {
    int chunk = Math.min(CHUNK_ROWS, Math.max(count, 1));
    long[] rowKeys = new long[chunk];
    long[] columnKeys = new long[chunk];
    double[][] independent = new double[normals][chunk];
    double[][] conditioned = draws == null ? null : new double[normals][chunk];
    int[] strata = draws == null ? null : new int[chunk];
    double[] correlated = new double[chunk];
    double[] scratch = new double[chunk];
    byte[] roundTables = new byte[2 * LatinStrata.TABLE_LENGTH];
    ChunkState state = new ChunkState(generators.length, chunk, keepSlots, keepNumbers);
    for (int start = 0; start < count; start += chunk) {
      int n = Math.min(chunk, count - start);
      long chunkFirst = firstRow + start;
      for (int i = 0; i < n; i++) {
        rowKeys[i] = CounterRng.hash(seed, tableKey, chunkFirst + i);
      }
      // Latin hypercube strata per block of rows; a chunk is no longer than a block, so it spans at most two.
      long lastRow = chunkFirst + n - 1;
      boolean straddles = (lastRow >>> LatinStrata.BLOCK_BITS) != (chunkFirst >>> LatinStrata.BLOCK_BITS);
      int split = straddles ? (int) (LatinStrata.BLOCK - (chunkFirst & (LatinStrata.BLOCK - 1))) : n;
      // Every row in a full block: the block of the last row ends within the row limit.
      boolean full = (lastRow | (LatinStrata.BLOCK - 1)) < rowLimit;
      long firstBlockKey = LatinStrata.blockKey(seed, tableKey, chunkFirst);
      long secondBlockKey = straddles ? LatinStrata.blockKey(seed, tableKey, lastRow) : 0;
      int firstPosition = (int) (chunkFirst & (LatinStrata.BLOCK - 1));
      for (int k = 0; k < normals; k++) {
        LatinStrata.roundTables(firstBlockKey, k, roundTables, 0);
        if (straddles) {
          LatinStrata.roundTables(secondBlockKey, k, roundTables, LatinStrata.TABLE_LENGTH);
        }
        if (full) {
          // Two runs of rows, one per block: the position and the block's round tables advance together.
          for (int i = 0; i < split; i++) {
            int stratum = LatinStrata.fullBlockStratum(firstPosition + i, roundTables, 0);
            scratch[i] = LatinStrata.fullBlockUniform(stratum, CounterRng.draw(rowKeys[i], k));
          }
          for (int i = split; i < n; i++) {
            int stratum = LatinStrata.fullBlockStratum(i - split, roundTables, LatinStrata.TABLE_LENGTH);
            scratch[i] = LatinStrata.fullBlockUniform(stratum, CounterRng.draw(rowKeys[i], k));
          }
        } else {
          for (int i = 0; i < n; i++) {
            long row = chunkFirst + i;
            int size = LatinStrata.blockSize(row, rowLimit);
            int stratum = LatinStrata.stratum((int) (row & (LatinStrata.BLOCK - 1)), size, roundTables,
                i < split ? 0 : LatinStrata.TABLE_LENGTH);
            scratch[i] = LatinStrata.uniform(stratum, size, CounterRng.draw(rowKeys[i], k));
          }
        }
        StandardNormal.inverseCdfs(scratch, independent[k], n);
      }
      // Every column's nulls first (a null pattern copies earlier columns'), then the values, each column
      // after the values its rule reads.
      if (draws != null) {
        draws.strata(chunkFirst, n, strata);
      }
      for (int c : nullOrder) {
        saltKeys(rowKeys, columnSalts[c], columnKeys, n);
        drawNulls(c, columnKeys, state.nulls(c), n, state, strata, presenceScores(c, independent, correlated, n));
      }
      if (draws != null) {
        draws.draw(n, rowKeys, independent, state, strata, conditioned);
        if (nullsAfterDraws != null) {
          // The presences the draws did not read follow the condition too: drawn again from their conditioned
          // scores, with the null patterns that copy them.
          for (int c : nullOrder) {
            if (nullsAfterDraws[c]) {
              saltKeys(rowKeys, columnSalts[c], columnKeys, n);
              drawNulls(c, columnKeys, state.nulls(c), n, state, strata,
                  presenceIndex[c] >= 0 ? conditioned[presenceIndex[c]] : null);
            }
          }
        }
      }
      for (int c = 0; c < generators.length; c++) {
        saltKeys(rowKeys, columnSalts[c], columnKeys, n);
        int index = copulaIndex[c];
        double[] scores = null;
        if (index >= 0 && draws != null) {
          scores = conditioned[index];
        } else if (index >= 0) {
          cholesky.apply(index, independent, correlated, n);
          scores = correlated;
        }
        int sink = sinkOf[c];
        generators[c].generate(chunkFirst, columnKeys, state.nulls(c), scores, n,
            sink >= 0 ? sinks[sink] : DiscardSink.INSTANCE, sink >= 0 ? start : 0, scratch, state, c);
        if (observer != null && scores != null) {
          observer.scores(c, scores, n, state);
        }
      }
    }
  }

  private static void saltKeys(long[] rowKeys, long salt, long[] columnKeys, int n) {
    for (int i = 0; i < n; i++) {
      columnKeys[i] = CounterRng.saltedKey(rowKeys[i], salt);
    }
  }

  /**
   * Which rows of column c are null: its own draw, or where a null pattern decides it, null wherever one of the
   * earlier columns it reads is and elsewhere its own draw at the otherwise fraction.
   */
  private void drawNulls(int c, long[] keys, boolean[] nulls, int n, ChunkState state, int[] strata,
      double[] presenceScores) {
    if (presenceScores != null) {
      // Its presence's copula score: null below the edge, so its nulls go with the other columns as in the source.
      double edge = nullEdge[c];
      for (int i = 0; i < n; i++) {
        nulls[i] = presenceScores[i] < edge;
      }
    } else {
      drawNulls(c, keys, nulls, n, state);
    }
    if (notNull != null) {
      for (int i = 0; i < n; i++) {
        nulls[i] &= !notNull[strata[i]][c];
      }
    }
  }

  /**
   * Column c's presence scores of the chunk (unconditioned: under a condition they stand only where the draws
   * read these nulls, the others are drawn again from the conditioned scores), into {@code out}; null when its
   * nulls are not a copula dimension.
   */
  private double[] presenceScores(int c, double[][] independent, double[] out, int n) {
    if (presenceIndex[c] < 0) {
      return null;
    }
    cholesky.apply(presenceIndex[c], independent, out, n);
    return out;
  }

  /**
   * Which columns' nulls are drawn again after a condition's draws: a presence the draws do not read, and every
   * column whose null pattern copies one, unless the draws read that column's nulls (it keeps its first draw, and
   * so do the presences it copies, so the rows stay consistent). Null when there is none.
   */
  private static boolean[] nullsAfterDraws(Wiring wiring) {
    int size = wiring.generators.length;
    boolean[] after = new boolean[size];
    boolean[] pinned = new boolean[size];
    // Pinned: read by the draws, or copied by a pinned column's pattern (walked back in reverse null order).
    for (int c = 0; c < size; c++) {
      pinned[c] = wiring.draws.readsNulls(c);
    }
    for (int k = wiring.nullOrder.length - 1; k >= 0; k--) {
      int c = wiring.nullOrder[k];
      if (pinned[c] && wiring.nullsFrom[c] != null) {
        for (int w : wiring.nullsFrom[c]) {
          pinned[w] = true;
        }
      }
    }
    boolean any = false;
    for (int c : wiring.nullOrder) {
      boolean fromAfter = false;
      if (wiring.nullsFrom[c] != null) {
        for (int w : wiring.nullsFrom[c]) {
          fromAfter |= after[w];
        }
      }
      after[c] = !pinned[c] && (wiring.presenceIndex[c] >= 0 || fromAfter);
      any |= after[c];
    }
    return any ? after : null;
  }

  private void drawNulls(int c, long[] keys, boolean[] nulls, int n, ChunkState state) {
    int[] from = nullsFrom[c];
    if (from == null) {
      ColumnGenerator generator = generators[c];
      for (int i = 0; i < n; i++) {
        nulls[i] = generator.drawsNull(keys[i]);
      }
      return;
    }
    double otherwise = nullsExactly[c] ? 0 : nullsOtherwise[c];
    for (int i = 0; i < n; i++) {
      nulls[i] = otherwise > 0 && CounterRng.uniform(keys[i], ColumnGenerator.NULL_DRAW) < otherwise;
    }
    for (int w : from) {
      boolean[] when = state.nulls(w);
      for (int i = 0; i < n; i++) {
        nulls[i] |= when[i];
      }
    }
  }
}
