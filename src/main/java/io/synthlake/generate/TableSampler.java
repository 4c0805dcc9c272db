package io.synthlake.generate;

import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.ForeignKeyMarginal;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.PiiMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.stats.Cholesky;
import io.synthlake.stats.CounterRng;
import io.synthlake.stats.NearestCorrelation;
import io.synthlake.stats.StandardNormal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples rows of one table from its model: every value is a pure function of (model, seed, row index), so any
 * row range can be generated alone, in any order, on any executor, after any retry, with the same result.
 *
 * <p>For row r the key hash(seed, table, r) starts the row's streams. The copula's normals are draws 0..k-1 of
 * that stream (g = Φ⁻¹ of each), correlated by the Cholesky factor (z = L·g) and mapped to uniforms (u = Φ(z));
 * each column then reads its own stream, keyed by the row key and the column's name, at fixed draw numbers for
 * its null, its value and any extra choice. Only the selected columns are computed.
 */
public final class TableSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The eigenvalue floor used when a (hand-edited) model's correlation has no Cholesky factor. */
  private static final double REPAIR_MIN_EIGENVALUE = 1e-6;
  /** Rows sampled per pass: for tables of tens of columns, the pass's independent normals fit the L1 cache. */
  private static final int CHUNK_ROWS = 256;

  private final long seed;
  private final long tableKey;
  private final Cholesky cholesky;
  private final List<String> columns;
  private final ColumnGenerator[] generators;
  /** Per selected column: the salt of its stream (a function of its name), so a row key is one mix away. */
  private final long[] columnSalts;
  private final int[] copulaIndex;
  private final int normals;

  private TableSampler(long seed, long tableKey, Cholesky cholesky, List<String> columns,
      ColumnGenerator[] generators, long[] columnSalts, int[] copulaIndex) {
    this.seed = seed;
    this.tableKey = tableKey;
    this.cholesky = cholesky;
    this.columns = List.copyOf(columns);
    this.generators = generators;
    this.columnSalts = columnSalts;
    this.copulaIndex = copulaIndex;
    int needed = 0;
    for (int index : copulaIndex) {
      needed = Math.max(needed, index + 1);
    }
    this.normals = needed;
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
    long tableKey = CounterRng.hashString(model.table());
    CopulaModel copula = model.copula();
    Map<String, Integer> copulaPosition = new HashMap<>();
    Cholesky cholesky = null;
    if (copula != null && !copula.columns().isEmpty()) {
      for (int i = 0; i < copula.columns().size(); i++) {
        copulaPosition.put(copula.columns().get(i), i);
      }
      cholesky = factor(copula.correlation());
    }
    List<String> names = new ArrayList<>();
    ColumnGenerator[] generators = new ColumnGenerator[selected.size()];
    long[] columnSalts = new long[selected.size()];
    int[] copulaIndex = new int[selected.size()];
    for (int i = 0; i < selected.size(); i++) {
      String name = selected.get(i);
      ColumnModel column = model.column(name).orElseThrow(() -> new IllegalArgumentException(
          "model of table " + model.table() + " has no column '" + name + "'"));
      long columnKey = CounterRng.hashString(name);
      columnSalts[i] = CounterRng.streamSalt(columnKey);
      long columnSeed = CounterRng.hash(seed, tableKey, columnKey);
      generators[i] = column.marginal() instanceof ForeignKeyMarginal key
          ? foreignKey(model, column, key, CounterRng.hash(seed, tableKey, CounterRng.hashString("key:" + key.key())),
              rowLimit, parents)
          : generator(model, column, columnSeed, rowLimit);
      copulaIndex[i] = copulaPosition.getOrDefault(name, -1);
      names.add(name);
    }
    return new TableSampler(seed, tableKey, cholesky, names, generators, columnSalts, copulaIndex);
  }

  private static Cholesky factor(double[][] correlation) {
    Cholesky factor = Cholesky.factor(correlation);
    if (factor == null) {
      factor = Cholesky.factor(NearestCorrelation.repair(correlation, REPAIR_MIN_EIGENVALUE).matrix());
    }
    if (factor == null) {
      throw new IllegalStateException("the copula's correlation matrix has no Cholesky factor, even repaired");
    }
    return factor;
  }

  private static ColumnGenerator generator(SynthModel model, ColumnModel column, long columnSeed, long rowLimit) {
    OutputType type = OutputType.of(column, model.table());
    double nulls = column.nullFraction();
    if (column.marginal() instanceof NumericMarginal numeric) {
      return new NumericGenerator(nulls, numeric, type);
    }
    if (column.marginal() instanceof CategoricalMarginal categorical) {
      return new CategoricalGenerator(nulls, categorical, type, otherPool(model, categorical), columnSeed);
    }
    if (column.marginal() instanceof ConstantMarginal constant) {
      return new FixedGenerator(nulls, constant.value() == null ? null : FixedValue.parse(constant.value(), type));
    }
    if (column.marginal() instanceof TextMarginal text) {
      return new TextGenerator(nulls, text.shape());
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
        parentColumnKey), parent.rows());
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
    int chunk = Math.min(CHUNK_ROWS, Math.max(count, 1));
    long[] rowKeys = new long[chunk];
    long[] columnKeys = new long[chunk];
    double[][] independent = new double[normals][chunk];
    double[] correlated = new double[chunk];
    double[] scratch = new double[chunk];
    for (int start = 0; start < count; start += chunk) {
      int n = Math.min(chunk, count - start);
      long chunkFirst = firstRow + start;
      for (int i = 0; i < n; i++) {
        rowKeys[i] = CounterRng.hash(seed, tableKey, chunkFirst + i);
      }
      for (int k = 0; k < normals; k++) {
        for (int i = 0; i < n; i++) {
          scratch[i] = CounterRng.uniform(rowKeys[i], k);
        }
        StandardNormal.inverseCdfs(scratch, independent[k], n);
      }
      for (int c = 0; c < generators.length; c++) {
        long salt = columnSalts[c];
        for (int i = 0; i < n; i++) {
          columnKeys[i] = CounterRng.saltedKey(rowKeys[i], salt);
        }
        int index = copulaIndex[c];
        if (index >= 0) {
          cholesky.apply(index, independent, correlated, n);
        }
        generators[c].generate(chunkFirst, columnKeys, index >= 0 ? correlated : null, n, sinks[c], start,
            scratch);
      }
    }
  }
}
