package io.synthlake.spark.validate;

import static org.apache.spark.sql.functions.rand;

import io.synthlake.model.Holdout;
import io.synthlake.spark.io.Holdouts;
import io.synthlake.validate.ClosestRecordSummary;
import io.synthlake.validate.HoldoutPrivacy;
import io.synthlake.validate.NearestRecords;
import io.synthlake.validate.UniformBaseline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Distance to closest record on the cluster: a bounded random sample of synthetic rows and as many uniform-random
 * baseline rows are broadcast, and one pass over the full source keeps each one's nearest source record. The
 * driver holds only the sample; the cost is (source rows) x (2 x sample) x (columns) comparisons at worst, cut
 * short once a record cannot beat the nearest so far.
 */
final class ClosestRecords {
  /** Fixed, so that a report is reproducible: the sample and the baseline depend on nothing else. */
  private static final long SEED = 20_241_123L;
  /** Samples this many times the wanted share, then keeps a random subset of exactly the wanted size. */
  private static final double OVERSAMPLING = 2;

  private ClosestRecords() {}

  static ClosestRecordSummary measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      TableProfile realProfile, TableProfile syntheticProfile, Map<String, Map<String, Long>> realFrequencies,
      int sampleRows) {
    if (sampleRows <= 0 || columns.isEmpty()) {
      return null;
    }
    Column[] values = columns.stream().map(c -> c.value().as(c.name())).toArray(Column[]::new);
    List<Object[]> queries = sample(synthetic.select(values), syntheticProfile.rows(), sampleRows);
    int sampled = queries.size();
    queries.addAll(UniformBaseline.rows(domains(columns, realProfile, realFrequencies), sampled, SEED));
    NearestRecords nearest = NearestRecords.of(compared(columns, realProfile), queries);
    double[] distances = nearest(real.select(values), nearest);
    return ClosestRecordSummary.of(Arrays.copyOfRange(distances, 0, sampled),
        Arrays.copyOfRange(distances, sampled, distances.length));
  }

  /**
   * Privacy against a fit's held-out rows: the DCR share of a synthetic sample (nearest training row, among a
   * random sample as large as the holdout, against nearest held-out row), and a distance attack's AUC over as many
   * training as held-out rows (each row's distance to the nearest synthetic row).
   */
  static HoldoutPrivacy holdout(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      TableProfile realProfile, TableProfile syntheticProfile, Holdout holdout, int sampleRows) {
    Column held = Holdouts.held(holdout);
    Column[] values = columns.stream().map(c -> c.value().as(c.name())).toArray(Column[]::new);
    Dataset<Row> heldOut = real.where(held).select(values);
    Dataset<Row> training = real.where(functions.not(held)).select(values);
    long holdoutRows = 0;
    long trainingRows = 0;
    for (Row count : real.groupBy(held.alias("held")).count().collectAsList()) {
      if (count.getBoolean(0)) {
        holdoutRows = count.getLong(1);
      } else {
        trainingRows = count.getLong(1);
      }
    }
    if (columns.isEmpty() || sampleRows <= 0 || holdoutRows == 0 || trainingRows == 0) {
      return HoldoutPrivacy.of(holdout.fraction(), trainingRows, holdoutRows, new double[0], new double[0],
          new double[0], new double[0]);
    }
    List<NearestRecords.Column> compared = compared(columns, realProfile);
    // About as many training rows as held-out ones (a hash-Bernoulli sample, no sort), so that 0.5 is the ideal
    // share whatever the split.
    double share = Math.min(1.0, (double) holdoutRows / trainingRows);
    Column[] sampled = Arrays.stream(training.columns()).map(io.synthlake.spark.Columns::named)
        .toArray(Column[]::new);
    Dataset<Row> trainingSample = training.where(functions.pmod(functions.xxhash64(functions.lit(SEED),
        functions.struct(sampled)), functions.lit(Holdout.BUCKETS)).lt(functions.lit((long) (share
        * Holdout.BUCKETS))));
    List<Object[]> queries = sample(synthetic.select(values), syntheticProfile.rows(), sampleRows);
    double[] toTraining = nearest(trainingSample, NearestRecords.of(compared, queries));
    double[] toHoldout = nearest(heldOut, NearestRecords.of(compared, queries));
    int attacked = (int) Math.min(sampleRows, Math.min(holdoutRows, trainingRows));
    List<Object[]> members = sample(training, trainingRows, attacked);
    List<Object[]> nonMembers = sample(heldOut, holdoutRows, attacked);
    List<Object[]> suspects = new ArrayList<>(members);
    suspects.addAll(nonMembers);
    double[] toSynthetic = nearest(synthetic.select(values), NearestRecords.of(compared, suspects));
    return HoldoutPrivacy.of(holdout.fraction(), trainingRows, holdoutRows, toTraining, toHoldout,
        Arrays.copyOfRange(toSynthetic, 0, members.size()),
        Arrays.copyOfRange(toSynthetic, members.size(), toSynthetic.length));
  }

  /** Each query's distance to its nearest row of the reference, in one pass over the reference. */
  private static double[] nearest(Dataset<Row> reference, NearestRecords nearest) {
    Broadcast<NearestRecords> shared = JavaSparkContext.fromSparkContext(reference.sparkSession().sparkContext())
        .broadcast(nearest);
    int width = reference.columns().length;
    try {
      double[] state = reference.javaRDD().mapPartitions(rows -> {
        NearestRecords records = shared.value();
        double[] partition = records.newState();
        Object[] row = new Object[width];
        double[] encoded = new double[width];
        while (rows.hasNext()) {
          Row next = rows.next();
          for (int c = 0; c < row.length; c++) {
            row[c] = next.get(c);
          }
          records.fold(records.encode(row, encoded), partition);
        }
        return List.of(partition).iterator();
      }).treeReduce(NearestRecords::merge);
      return nearest.distances(state);
    } finally {
      shared.destroy();
    }
  }

  /**
   * A uniform random sample of min(rows, wanted) rows, the same for the same table and partitioning: a Bernoulli
   * sample of twice the wanted share, cut to size in random order (it falls short only with a vanishing chance,
   * and then the report counts the rows it has).
   */
  private static List<Object[]> sample(Dataset<Row> frame, long rows, int wanted) {
    Dataset<Row> candidates = wanted >= rows ? frame
        : frame.sample(false, Math.min(1.0, OVERSAMPLING * wanted / rows), SEED);
    List<Object[]> sample = new ArrayList<>();
    for (Row row : candidates.orderBy(rand(SEED)).limit(wanted).collectAsList()) {
      Object[] values = new Object[row.length()];
      for (int c = 0; c < values.length; c++) {
        values[c] = row.get(c);
      }
      sample.add(values);
    }
    return sample;
  }

  private static List<NearestRecords.Column> compared(List<ScoredColumn> columns, TableProfile realProfile) {
    List<NearestRecords.Column> compared = new ArrayList<>();
    for (ScoredColumn column : columns) {
      TableProfile.ColumnProfile profile = realProfile.column(column.name());
      double range = profile.min() == null ? 0 : profile.max() - profile.min();
      compared.add(new NearestRecords.Column(column.name(), column.sdtype().discrete(), range));
    }
    return compared;
  }

  private static List<UniformBaseline.Domain> domains(List<ScoredColumn> columns, TableProfile realProfile,
      Map<String, Map<String, Long>> realFrequencies) {
    List<UniformBaseline.Domain> domains = new ArrayList<>();
    for (ScoredColumn column : columns) {
      TableProfile.ColumnProfile profile = realProfile.column(column.name());
      if (column.sdtype().discrete()) {
        // Sorted, so that the baseline does not depend on the order in which counts arrived.
        List<String> categories = new ArrayList<>(new TreeSet<>(realFrequencies.get(column.name()).keySet()));
        if (profile.values() < realProfile.rows()) {
          categories.add(null);
        }
        domains.add(UniformBaseline.Domain.categorical(categories));
      } else {
        domains.add(UniformBaseline.Domain.numeric(profile.min(), profile.max()));
      }
    }
    return domains;
  }
}
