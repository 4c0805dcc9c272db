package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Decimals at the very ends of their types: the doubles of the model round past them, generate must not. */
class DecimalBoundsTest extends SparkTestBase {
  private static final BigDecimal MAX_38_18 = new BigDecimal("99999999999999999999.999999999999999999");
  private static final BigDecimal MAX_18_2 = new BigDecimal("9999999999999999.99");

  @Test
  void extremeDecimalsFitAndGenerateWithinTheirTypes() {
    SplittableRandom random = new SplittableRandom(38);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int bucket = i % 4;
      BigDecimal middle = BigDecimal.valueOf(random.nextDouble() * 1e19).setScale(18, java.math.RoundingMode.DOWN);
      BigDecimal wide = bucket == 0 ? MAX_38_18 : bucket == 1 ? MAX_38_18.negate()
          : bucket == 2 ? MAX_38_18.subtract(middle) : middle.negate();
      BigDecimal narrow = bucket == 0 ? MAX_18_2 : bucket == 1 ? MAX_18_2.negate()
          : BigDecimal.valueOf(random.nextDouble() * 9e15).setScale(2, java.math.RoundingMode.DOWN);
      rows.add(RowFactory.create(wide, narrow));
    }
    StructType schema = new StructType().add("wide", DataTypes.createDecimalType(38, 18))
        .add("narrow", DataTypes.createDecimalType(18, 2));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path("decimals"));
    CliRun fit = synth("fit", "--source", path("decimals"), "--model", path("decimals.json"));
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    CliRun generate = synth("generate", "--model", path("decimals.json"), "--rows", "2000", "--output",
        path("decimals-out"));
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    Dataset<Row> out = spark.read().parquet(path("decimals-out"));
    assertThat(out.schema()).isEqualTo(schema);
    List<Row> values = out.collectAsList();
    assertThat(values).hasSize(2000);
    for (Row row : values) {
      BigDecimal wide = row.getDecimal(0);
      BigDecimal narrow = row.getDecimal(1);
      assertThat(wide.abs()).isLessThanOrEqualTo(MAX_38_18);
      assertThat(narrow.abs()).isLessThanOrEqualTo(MAX_18_2);
    }
    // The point masses at the ends come back as the types' exact extremes.
    assertThat(values.stream().filter(r -> r.getDecimal(0).compareTo(MAX_38_18) == 0).count()).isPositive();
    assertThat(values.stream().filter(r -> r.getDecimal(1).compareTo(MAX_18_2.negate()) == 0).count())
        .isPositive();
  }
}
