package io.synthlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.LabelMarginals;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.NumericDistribution;
import io.synthlake.model.SynthModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conditional structure end to end on a crafted table: latitudes whose distribution depends on the region (three
 * regions with disjoint ranges and different shapes), and a segment associated with the region without any rule.
 * Fit gives the latitude a marginal per region and joins segment and region by a label table; generated rows stay
 * inside their region's range and keep each region's shape and the association, identically at 1 and 8
 * partitions; neither stores a raw extreme or a cell below min-category-count.
 */
class ConditionalStructureTest extends SparkTestBase {
  private static final String[] REGIONS = {"North", "Center", "South"};
  private static final double[] REGION_SHARES = {0.5, 0.3, 0.2};
  /** Segment shares per region: retail, business, public. */
  private static final double[][] SEGMENTS = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.2, 0.7}};
  private static final String[] SEGMENT_NAMES = {"retail", "business", "public"};
  private static final int ROWS = 6000;
  private static final int GENERATED = 20_000;
  private static final Map<String, double[]> SOURCE_LATITUDES = new HashMap<>();
  private static SynthModel model;
  private static Dataset<Row> source;
  private static Dataset<Row> one;
  private static Dataset<Row> eight;

  @BeforeAll
  static void fitAndGenerate() throws Exception {
    StructType schema = new StructType().add("region", DataTypes.StringType).add("lat", DataTypes.DoubleType)
        .add("segment", DataTypes.StringType).add("amount", DataTypes.DoubleType);
    Random random = new Random(17);
    List<Row> rows = new ArrayList<>();
    Map<String, List<Double>> latitudes = new HashMap<>();
    for (int i = 0; i < ROWS; i++) {
      int region = pick(random, REGION_SHARES);
      double lat = switch (region) {
        case 0 -> 50 + 10 * random.nextDouble();                                  // uniform on [50, 60]
        case 1 -> 40 + 5 * (random.nextDouble() + random.nextDouble());           // triangular on [40, 50]
        default -> Math.max(30, Math.min(40, 35 + 1.5 * random.nextGaussian()));  // normal, clipped to [30, 40]
      };
      int segment = pick(random, SEGMENTS[region]);
      double amount = Math.round(100 * (1 + segment) * -Math.log(1 - random.nextDouble())) / 100.0;
      rows.add(RowFactory.create(REGIONS[region], lat, SEGMENT_NAMES[segment], amount));
      latitudes.computeIfAbsent(REGIONS[region], k -> new ArrayList<>()).add(lat);
    }
    latitudes.forEach((region, values) -> SOURCE_LATITUDES.put(region,
        values.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
    source = spark.createDataFrame(rows, schema).cache();
    source.write().parquet(path("conditional-source"));
    Files.writeString(tmp.resolve("conditional.yaml"), """
        source: {path: %s, format: parquet}
        model: %s
        fit: {seed: 5}
        output: {format: parquet}
        """.formatted(path("conditional-source"), path("conditional.model.json")));
    CliRun fit = synth("fit", "--config", path("conditional.yaml"));
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    model = readModel(Path.of(path("conditional.model.json")));
    for (int partitions : new int[] {1, 8}) {
      CliRun generate = synth("generate", "--config", path("conditional.yaml"), "--output",
          path("conditional-" + partitions), "--partitions", String.valueOf(partitions), "--rows",
          String.valueOf(GENERATED));
      assertThat(generate.exitCode()).as(generate.err()).isZero();
    }
    one = spark.read().parquet(path("conditional-1")).cache();
    eight = spark.read().parquet(path("conditional-8")).cache();
  }

  private static int pick(Random random, double[] shares) {
    double u = random.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  @Test
  void fitGivesTheLatitudeAMarginalPerRegionAndJoinsSegmentToRegion() {
    LabelMarginals lat = model.labelMarginalsOf("lat").orElseThrow();
    assertThat(lat.by()).isEqualTo("region");
    assertThat(lat.labels()).extracting(LabelMarginals.ByLabel::when).containsExactlyInAnyOrder(REGIONS);
    assertThat(model.rules()).filteredOn(r -> r instanceof LabelTableRule).anySatisfy(r -> {
      LabelTableRule table = (LabelTableRule) r;
      assertThat(List.of(table.parent(), table.child())).containsExactlyInAnyOrder("region", "segment");
    });
  }

  @Test
  void generatedLatitudesStayInsideTheirRegionAndKeepItsShape() {
    assertThat(one.count()).isEqualTo(GENERATED);
    for (String region : REGIONS) {
      double[] real = SOURCE_LATITUDES.get(region);
      double[] synthetic = one.where(col("region").equalTo(region)).select("lat").collectAsList().stream()
          .mapToDouble(r -> r.getDouble(0)).sorted().toArray();
      long inside = Arrays.stream(synthetic).filter(v -> v >= real[0] && v <= real[real.length - 1]).count();
      assertThat((double) inside / synthetic.length).as(region).isGreaterThanOrEqualTo(0.99);
      assertThat(1 - RunAdultTest.ks(real, synthetic)).as(region).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void theSegmentKeepsItsAssociationWithTheRegion() {
    // Cramér's V of region x segment: within 0.05 of the source's (about 0.45 by construction).
    double real = cramersV(source);
    double synthetic = cramersV(one);
    assertThat(real).isGreaterThan(0.3);
    assertThat(synthetic).isCloseTo(real, org.assertj.core.api.Assertions.within(0.05));
  }

  @Test
  void outputIsTheSameAtOneAndEightPartitions() {
    assertThat(one.exceptAll(eight).count()).isZero();
    assertThat(eight.exceptAll(one).count()).isZero();
  }

  @Test
  void neitherAPerRegionMarginalNorTheLabelTableStoresARawExtremeOrASmallCell() throws Exception {
    for (LabelMarginals.ByLabel label : model.labelMarginalsOf("lat").orElseThrow().labels()) {
      double[] real = SOURCE_LATITUDES.get(label.when());
      NumericDistribution distribution = NumericDistribution.of(label.marginal());
      // Bound rank 5: the 5th smallest and largest values of the region, not its minimum and maximum.
      assertThat(distribution.lowest()).as(label.when()).isEqualTo(real[4]);
      assertThat(distribution.highest()).as(label.when()).isEqualTo(real[real.length - 5]);
    }
    // No knot of any per-region marginal is a region's minimum or maximum.
    for (LabelMarginals.ByLabel label : model.labelMarginalsOf("lat").orElseThrow().labels()) {
      double[] knots = NumericDistribution.of(label.marginal()).knotValues();
      for (double[] real : SOURCE_LATITUDES.values()) {
        assertThat(knots).as(label.when()).doesNotContain(real[0], real[real.length - 1]);
      }
    }
    // The label table region -> segment stores shares of cells of at least min-category-count (5) rows only.
    LabelTableRule table = (LabelTableRule) model.rules().stream().filter(r -> r instanceof LabelTableRule)
        .findFirst().orElseThrow();
    for (LabelTableRule.LabelRow row : table.rows()) {
      for (double share : row.shares()) {
        assertThat(share == 0 || share * ROWS >= 5).as(row.when()).isTrue();
      }
    }
  }

  private static double cramersV(Dataset<Row> table) {
    List<Row> cells = table.groupBy("region", "segment").count().collectAsList();
    Map<String, Long> rowTotals = new HashMap<>();
    Map<String, Long> columnTotals = new HashMap<>();
    long n = 0;
    for (Row cell : cells) {
      rowTotals.merge(cell.getString(0), cell.getLong(2), Long::sum);
      columnTotals.merge(cell.getString(1), cell.getLong(2), Long::sum);
      n += cell.getLong(2);
    }
    double chi = 0;
    Map<String, Long> observed = new HashMap<>();
    cells.forEach(c -> observed.put(c.getString(0) + "|" + c.getString(1), c.getLong(2)));
    for (String r : rowTotals.keySet()) {
      for (String c : columnTotals.keySet()) {
        double expected = (double) rowTotals.get(r) * columnTotals.get(c) / n;
        double o = observed.getOrDefault(r + "|" + c, 0L);
        chi += (o - expected) * (o - expected) / expected;
      }
    }
    return Math.sqrt(chi / n / (Math.min(rowTotals.size(), columnTotals.size()) - 1));
  }
}
