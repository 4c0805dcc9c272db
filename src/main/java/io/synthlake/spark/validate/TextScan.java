package io.synthlake.spark.validate;

import io.synthlake.generate.TextMaker;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.OtherBucket;
import io.synthlake.model.SemanticText;
import io.synthlake.model.StringShape;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.model.WordModel;
import io.synthlake.profile.FrequentValues;
import io.synthlake.profile.WordSummary;
import io.synthlake.spark.BinaryResultAggregator;
import io.synthlake.spark.Columns;
import io.synthlake.spark.JavaBytes;
import io.synthlake.spark.fit.WordAggregator;
import io.synthlake.text.TextChoice;
import io.synthlake.text.Tokenizer;
import io.synthlake.validate.KnownWords;
import io.synthlake.validate.TextReport;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Validate's plausibility check of made-up strings: one pass over the source for each column's common vocabulary
 * (the fit's word sketches), one pass over each table counting known words, and a few values of each. Columns: with
 * a model, the string columns that make up values (free text, folded rare labels); without one, every string
 * column. Common source values shown are each seen in at least min-count rows: no rare value reaches the report.
 */
final class TextScan {
  /** Values shown per column. */
  static final int SAMPLE = 8;
  /** Values drawn from a semantic generator to learn its vocabulary. */
  static final int GENERATOR_VALUES = 2_000;

  private TextScan() {}

  /**
   * A checked column: its name, what makes its values and the labels the model stores (which are not made up, so
   * neither table's share counts them); null and empty without a model.
   */
  private record Checked(String column, TextMaker maker, String madeUpBy, Set<String> stored) {}

  static TextReport measure(Dataset<Row> real, Dataset<Row> synthetic, SynthModel model, int minCount,
      String locale) {
    List<Checked> checked = columns(real, synthetic, model);
    if (checked.isEmpty()) {
      return TextReport.of(minCount, List.of());
    }
    Column[] strings = checked.stream().map(c -> Columns.named(c.column()).cast("string").alias(c.column()))
        .toArray(Column[]::new);
    Dataset<Row> realText = real.select(strings);
    Dataset<Row> syntheticText = synthetic.select(strings);
    int[] positions = new int[checked.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    UserDefinedFunction words = functions.udaf(new WordAggregator(positions), Encoders.row(realText.schema()));
    Row row = realText.agg(words.apply(strings(realText))).first();
    WordAggregator.Buffer counted = JavaBytes.read((byte[]) row.get(0), WordAggregator.Buffer.class);
    KnownWords[] known = new KnownWords[checked.size()];
    int[] vocabularies = new int[checked.size()];
    for (int i = 0; i < checked.size(); i++) {
      Set<String> vocabulary = commonWords(counted.states[i].summary(), minCount);
      vocabularies[i] = vocabulary.size();
      TextMaker maker = checked.get(i).maker();
      boolean city = false;
      if (maker instanceof TextMaker.Semantic semantic) {
        // A semantic generator's own words are words of that generator: a sample of them, and for a city the
        // names joined to place suffixes that datafaker's city grammar makes.
        city = semantic.semantic().type() == io.synthlake.text.SemanticType.CITY;
        for (long key = 0; key < GENERATOR_VALUES; key++) {
          for (String token : Tokenizer.split(maker.make(key)).tokens()) {
            vocabulary.add(token.toLowerCase(Locale.ROOT));
          }
        }
      }
      known[i] = new KnownWords(vocabulary, locale, city, checked.get(i).stored());
    }
    long[][] realCounts = count(realText, known);
    long[][] syntheticCounts = count(syntheticText, known);
    List<TextReport.TextColumn> columns = new ArrayList<>();
    for (int i = 0; i < checked.size(); i++) {
      String name = checked.get(i).column();
      columns.add(new TextReport.TextColumn(name, checked.get(i).madeUpBy(),
          TextReport.share(syntheticCounts[i][KnownWords.KNOWN], syntheticCounts[i][KnownWords.WORDS]),
          TextReport.share(realCounts[i][KnownWords.KNOWN], realCounts[i][KnownWords.WORDS]),
          TextReport.share(syntheticCounts[i][KnownWords.VALUES_WITHOUT_KNOWN_WORD],
              syntheticCounts[i][KnownWords.VALUES_WITH_WORDS]),
          vocabularies[i], sample(syntheticText, realText, name, checked.get(i).stored(), minCount),
          commonValues(realText, name, minCount)));
    }
    return TextReport.of(minCount, columns);
  }

  /** The columns to check: made-up string columns of the model, or every string column without one. */
  private static List<Checked> columns(Dataset<Row> real, Dataset<Row> synthetic, SynthModel model) {
    Set<String> inSynthetic = Set.of(synthetic.columns());
    List<Checked> checked = new ArrayList<>();
    for (StructField field : real.schema().fields()) {
      if (!inSynthetic.contains(field.name())) {
        continue;
      }
      if (model == null) {
        if (field.dataType().equals(DataTypes.StringType)) {
          checked.add(new Checked(field.name(), null, null, Set.of()));
        }
        continue;
      }
      ColumnModel column = model.column(field.name()).orElse(null);
      if (column == null || !"string".equals(column.sparkType())) {
        continue;
      }
      if (column.marginal() instanceof TextMarginal text) {
        checked.add(checked(field.name(), text.shape(), text.words(), text.semantic(), Set.of()));
      } else if (column.marginal() instanceof CategoricalMarginal labels && labels.other() != null) {
        OtherBucket other = labels.other();
        Set<String> stored = new HashSet<>();
        labels.categories().forEach(c -> stored.add(c.value()));
        checked.add(checked(field.name(), other.shape(), other.words(), other.semantic(), stored));
      }
    }
    return checked;
  }

  private static Checked checked(String column, StringShape shape, WordModel words, SemanticText semantic,
      Set<String> stored) {
    TextChoice choice = TextChoice.of(words, semantic);
    String by = switch (choice) {
      case SEMANTIC -> "semantic " + semantic.type().configName();
      case WORDS -> "word model";
      case SHAPE -> TextReport.SHAPE;
    };
    return new Checked(column, TextMaker.of(shape, words, semantic), by, stored);
  }

  /** The words of the source's common vocabulary: seen in at least minCount rows (the sketch's lower bound). */
  private static Set<String> commonWords(WordSummary summary, int minCount) {
    Set<String> words = new HashSet<>();
    for (FrequentValues.Item<String> item : summary.tokens().items()) {
      if (item.lowerBound() >= minCount && Tokenizer.kindOf(item.value()) == Tokenizer.TokenKind.WORD) {
        words.add(item.value().toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  private static long[][] count(Dataset<Row> frame, KnownWords[] known) {
    UserDefinedFunction udaf = functions.udaf(new KnownWordAggregator(known), Encoders.row(frame.schema()));
    Row row = frame.agg(udaf.apply(strings(frame))).first();
    return JavaBytes.read((byte[]) row.get(0), KnownWordAggregator.Buffer.class).counts;
  }

  /**
   * A few distinct made-up synthetic values (not a stored label): what the check is about. A value the source holds
   * fewer than minCount times is left out (an output made without the source check could hold one): the report
   * shows no rare source value.
   */
  private static List<String> sample(Dataset<Row> synthetic, Dataset<Row> real, String column, Set<String> stored,
      int minCount) {
    Column value = Columns.named(column);
    Dataset<Row> candidates = synthetic.select(value).where(value.isNotNull());
    if (!stored.isEmpty()) {
      candidates = candidates.where(functions.not(value.isin(stored.toArray())));
    }
    Set<String> values = new LinkedHashSet<>();
    for (Row row : candidates.limit(SAMPLE * 8).collectAsList()) {
      values.add(row.getString(0));
    }
    if (!values.isEmpty()) {
      for (Row row : real.where(value.isin(values.toArray())).groupBy(value).count()
          .where(functions.col("count").lt(minCount)).collectAsList()) {
        values.remove(row.getString(0));
      }
    }
    return values.stream().limit(SAMPLE).toList();
  }

  /** The source's most frequent values, each seen in at least minCount rows. */
  private static List<String> commonValues(Dataset<Row> real, String column, int minCount) {
    Column value = Columns.named(column);
    List<String> values = new ArrayList<>();
    for (Row row : real.where(value.isNotNull()).groupBy(value).count()
        .where(functions.col("count").geq(minCount))
        .orderBy(functions.col("count").desc(), value.asc()).limit(SAMPLE).collectAsList()) {
      values.add(row.getString(0));
    }
    return values;
  }

  private static Column[] strings(Dataset<Row> frame) {
    return java.util.Arrays.stream(frame.columns()).map(Columns::named).toArray(Column[]::new);
  }

  /** Known-word counters per column. */
  static final class KnownWordAggregator extends BinaryResultAggregator<KnownWordAggregator.Buffer> {
    private static final long serialVersionUID = 1L;
    private final KnownWords[] known;

    KnownWordAggregator(KnownWords[] known) {
      super(Buffer.class);
      this.known = known.clone();
    }

    /** {@link KnownWords}' counters, per column. */
    public static final class Buffer implements Serializable {
      private static final long serialVersionUID = 1L;
      final long[][] counts;

      Buffer(int columns) {
        counts = new long[columns][KnownWords.COUNTERS];
      }
    }

    @Override
    public Buffer zero() {
      return new Buffer(known.length);
    }

    @Override
    public Buffer reduce(Buffer buffer, Row row) {
      for (int i = 0; i < known.length; i++) {
        if (!row.isNullAt(i)) {
          known[i].count(row.getString(i), buffer.counts[i]);
        }
      }
      return buffer;
    }

    @Override
    public Buffer merge(Buffer a, Buffer b) {
      for (int i = 0; i < a.counts.length; i++) {
        for (int c = 0; c < KnownWords.COUNTERS; c++) {
          a.counts[i][c] += b.counts[i][c];
        }
      }
      return a;
    }
  }
}
