package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.PositionShape;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One table with a column of every kind, including the ones only the refine pass can describe. */
class ColumnKindsTest extends SparkTestBase {
  private static final int ROWS = 20_000;
  private static SynthModel model;
  private static CliRun run;

  @BeforeAll
  static void fitMixedTable() {
    SplittableRandom random = new SplittableRandom(8);
    List<Row> rows = new ArrayList<>();
    long base = Timestamp.valueOf("2025-01-01 00:00:00").getTime();
    for (int i = 0; i < ROWS; i++) {
      int zipf = (int) Math.floor(Math.pow(3000, random.nextDouble())); // 1..2999, heavy head
      rows.add(RowFactory.create(
          new BigDecimal(String.format("%.2f", random.nextDouble() * 500)),
          new Timestamp(base + i * 7_000L),
          Date.valueOf(java.time.LocalDate.of(2024, 1, 1).plusDays(i % 366)),
          i % 3 == 0,
          "FR",
          String.format("SKU-%06d", i),
          (long) (500_000 + i),
          "a comment with words number " + random.nextInt(1_000_000),
          null,
          List.of("x", "y"),
          Map.of("k", "v"),
          new byte[] {1, 2},
          i % 10 < 3 ? 0.0 : 1 + random.nextDouble() * 1000,
          "city-" + zipf,
          i % 50 == 0 ? null : (double) (i % 7)));
    }
    StructType schema = new StructType()
        .add("price", DataTypes.createDecimalType(10, 2))
        .add("created_at", DataTypes.TimestampType)
        .add("day", DataTypes.DateType)
        .add("active", DataTypes.BooleanType)
        .add("country", DataTypes.StringType)
        .add("sku", DataTypes.StringType)
        .add("customer_id", DataTypes.LongType)
        .add("description", DataTypes.StringType)
        .add("retired", DataTypes.StringType)
        .add("tags", DataTypes.createArrayType(DataTypes.StringType))
        .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("payload", DataTypes.BinaryType)
        .add("amount", DataTypes.DoubleType)
        .add("city", DataTypes.StringType)
        .add("weekday", DataTypes.DoubleType);
    spark.createDataFrame(rows, schema).repartition(4).write().parquet(path("mixed"));
    run = synth("fit", "--source", path("mixed"), "--model", path("mixed.json"), "--seed", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    model = readModel(Path.of(path("mixed.json")));
  }

  private static ColumnModel column(String name) {
    return model.column(name).orElseThrow();
  }

  @Test
  void everyKindIsDetectedAndUnsupportedTypesAreLeftOutWithANote() {
    assertThat(column("price").kind()).isEqualTo(ColumnKind.CONTINUOUS);
    assertThat(column("created_at").kind()).isEqualTo(ColumnKind.TIMESTAMP);
    assertThat(column("day").kind()).isEqualTo(ColumnKind.DATE);
    assertThat(column("active").kind()).isEqualTo(ColumnKind.BOOLEAN);
    assertThat(column("country").kind()).isEqualTo(ColumnKind.CONSTANT);
    assertThat(column("sku").kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(column("customer_id").kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(column("description").kind()).isEqualTo(ColumnKind.TEXT);
    assertThat(column("retired").kind()).isEqualTo(ColumnKind.CONSTANT);
    assertThat(column("amount").kind()).isEqualTo(ColumnKind.CONTINUOUS);
    assertThat(column("city").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(model.column("tags")).isEmpty();
    assertThat(model.column("attrs")).isEmpty();
    assertThat(model.column("payload")).isEmpty();
    assertThat(model.notes()).anyMatch(n -> "tags".equals(n.column())
        && n.message().equals("type array<string> is not supported (map, array, struct, binary, ...): column left "
            + "out of the model"));
    assertThat(column("price").sparkType()).isEqualTo("decimal(10,2)");
  }

  @Test
  void typesKeepTheirResolution() {
    assertThat(((NumericMarginal) column("price").marginal()).resolution()).isEqualTo(0.01);
    assertThat(((NumericMarginal) column("created_at").marginal()).resolution()).isEqualTo(1e6); // whole seconds
    assertThat(((NumericMarginal) column("day").marginal()).resolution()).isEqualTo(1.0);
    assertThat(((NumericMarginal) column("weekday").marginal()).resolution()).isEqualTo(1.0);
  }

  @Test
  void constantsIdentifiersAndTextKeepOnlyTheirShape() {
    assertThat(column("country").marginal()).isEqualTo(new ConstantMarginal("FR"));
    assertThat(column("retired").marginal()).isEqualTo(new ConstantMarginal(null));
    assertThat(column("retired").nullFraction()).isEqualTo(1.0);
    IdentifierMarginal sku = (IdentifierMarginal) column("sku").marginal();
    assertThat(sku.form()).isEqualTo(IdentifierMarginal.Form.STRING);
    assertThat(sku.shape().positions()).startsWith(PositionShape.literal('S'), PositionShape.literal('K'),
        PositionShape.literal('U'), PositionShape.literal('-'));
    assertThat(sku.shape().positions().get(4)).isEqualTo(PositionShape.literal('0')); // SKU-0xxxxx
    assertThat(sku.shape().positions().get(9).digit()).isEqualTo(1.0);
    assertThat(sku.shape().lengths().atoms()).containsExactly(new Atom(10, 1.0));
    IdentifierMarginal customer = (IdentifierMarginal) column("customer_id").marginal();
    assertThat(customer.lower()).isEqualTo(500_004.0);
    assertThat(customer.upper()).isEqualTo(500_000.0 + ROWS - 5);
    TextMarginal comment = (TextMarginal) column("description").marginal();
    assertThat(comment.shape().characters()).containsKey(" ");
    assertThat(model.toString()).doesNotContain("a comment with words");
  }

  @Test
  void highCardinalityColumnsAreDescribedByTheRefinePass() {
    NumericMarginal amount = (NumericMarginal) column("amount").marginal();
    assertThat(amount.atoms()).singleElement().satisfies(atom -> {
      assertThat(atom.value()).isEqualTo(0.0);
      assertThat(atom.probability()).isCloseTo(0.3, within(1e-12));
    });
    assertThat(amount.continuous()).isNotNull();
    CategoricalMarginal city = (CategoricalMarginal) column("city").marginal();
    assertThat(city.categories()).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(100);
    // Labels lie in copula order, not by frequency; the most frequent is still city-1.
    assertThat(city.categories().stream().max(java.util.Comparator.comparingDouble(
        io.synthlake.model.Category::probability)).orElseThrow().value()).isEqualTo("city-1");
    assertThat(city.other()).isNotNull();
    assertThat(run.out()).contains("mixed: 20000 rows profiled");
  }
}
