package io.synthlake.spark.validate;

import io.synthlake.spark.validate.Frequencies.ContingencyPair;
import io.synthlake.validate.EqualWidthBins;
import io.synthlake.validate.PairMetric;
import io.synthlake.validate.PairScores;
import io.synthlake.validate.PairScores.Cell;
import io.synthlake.validate.ValidationReport.PairResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Column Pair Trends: every pair of scored columns, in column order. Two continuous columns compare their Pearson
 * correlations (rows where both have a value); any other pair compares contingency tables, with a continuous side
 * cut into ten equal-width bins of each table's own range, as SDMetrics does. Correlations take one aggregate pass
 * per table, contingency tables one aggregate pass per table (dense tables) and grouped passes for pairs of
 * columns with thousands of labels.
 */
final class PairTrends {
  private PairTrends() {}

  /** @param realCategories and syntheticCategories: each table's label counts per discrete column */
  static List<PairResult> measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      TableProfile realProfile, TableProfile syntheticProfile, Map<String, Map<String, Long>> realCategories,
      Map<String, Map<String, Long>> syntheticCategories) {
    List<ContingencyPair> pairs = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        pairs.add(new ContingencyPair(columns.get(i), columns.get(j)));
      }
    }
    List<ContingencyPair> correlationPairs = pairs.stream().filter(PairTrends::bothContinuous).toList();
    List<ContingencyPair> contingencyPairs = pairs.stream().filter(p -> !bothContinuous(p)).toList();
    double[] realCorrelations = correlations(real, columns, correlationPairs, realProfile);
    double[] syntheticCorrelations = correlations(synthetic, columns, correlationPairs, syntheticProfile);

    Map<String, EqualWidthBins> realBins = new HashMap<>();
    Map<String, EqualWidthBins> syntheticBins = new HashMap<>();
    Map<String, String> binErrors = new HashMap<>();
    for (ScoredColumn column : columns) {
      if (column.sdtype().continuous()) {
        try {
          realBins.put(column.name(), bins(realProfile.column(column.name())));
          syntheticBins.put(column.name(), bins(syntheticProfile.column(column.name())));
        } catch (IllegalArgumentException e) {
          binErrors.put(column.name(), "cannot bin " + column.name() + ": " + e.getMessage());
        }
      }
    }
    List<ContingencyPair> binnable = contingencyPairs.stream()
        .filter(p -> !binErrors.containsKey(p.first().name()) && !binErrors.containsKey(p.second().name()))
        .toList();
    List<Map<Cell<String, String>, Long>> realTables = Frequencies.ofPairs(real, binnable, realBins,
        realCategories);
    List<Map<Cell<String, String>, Long>> syntheticTables = Frequencies.ofPairs(synthetic, binnable, syntheticBins,
        syntheticCategories);

    // Pairs of each kind keep the column order, so running indices find their results.
    List<PairResult> results = new ArrayList<>();
    int correlationIndex = 0;
    int tableIndex = 0;
    for (ContingencyPair pair : pairs) {
      if (bothContinuous(pair)) {
        results.add(correlationResult(pair, realCorrelations[correlationIndex],
            syntheticCorrelations[correlationIndex], realProfile, syntheticProfile));
        correlationIndex++;
      } else if (binErrors.containsKey(pair.first().name()) || binErrors.containsKey(pair.second().name())) {
        String error = binErrors.getOrDefault(pair.first().name(), binErrors.get(pair.second().name()));
        results.add(PairResult.failed(pair.first().name(), pair.second().name(), PairMetric.CONTINGENCY_SIMILARITY,
            error));
      } else {
        results.add(contingencyResult(pair, realTables.get(tableIndex), realProfile.rows(),
            syntheticTables.get(tableIndex), syntheticProfile.rows()));
        tableIndex++;
      }
    }
    return results;
  }

  private static boolean bothContinuous(ContingencyPair pair) {
    return pair.first().sdtype().continuous() && pair.second().sdtype().continuous();
  }

  private static EqualWidthBins bins(TableProfile.ColumnProfile profile) {
    return EqualWidthBins.over(profile.min() == null ? 0 : profile.min(), profile.max() == null ? 0 : profile.max(),
        profile.values());
  }

  private static double[] correlations(Dataset<Row> frame, List<ScoredColumn> columns,
      List<ContingencyPair> pairs, TableProfile profile) {
    List<ScoredColumn> continuous = columns.stream().filter(c -> c.sdtype().continuous()).toList();
    List<Column> values = continuous.stream().map(ScoredColumn::value).toList();
    double[] centres = new double[continuous.size()];
    for (int c = 0; c < centres.length; c++) {
      Double mean = profile.column(continuous.get(c).name()).mean();
      centres[c] = mean == null || !Double.isFinite(mean) ? 0 : mean;
    }
    Map<String, Integer> position = new HashMap<>();
    for (int c = 0; c < continuous.size(); c++) {
      position.put(continuous.get(c).name(), c);
    }
    int[][] indices = new int[pairs.size()][];
    for (int p = 0; p < indices.length; p++) {
      ContingencyPair pair = pairs.get(p);
      indices[p] = new int[] {position.get(pair.first().name()), position.get(pair.second().name())};
    }
    return PairwiseCorrelations.of(frame, values, centres, indices);
  }

  private static PairResult correlationResult(ContingencyPair pair, double real, double synthetic,
      TableProfile realProfile, TableProfile syntheticProfile) {
    String a = pair.first().name();
    String b = pair.second().name();
    for (ScoredColumn column : List.of(pair.first(), pair.second())) {
      if (constant(realProfile.column(column.name())) || constant(syntheticProfile.column(column.name()))) {
        return PairResult.failed(a, b, PairMetric.CORRELATION_SIMILARITY,
            "column " + column.name() + " is constant in one of the tables");
      }
    }
    Double realR = Double.isNaN(real) ? null : real;
    Double syntheticR = Double.isNaN(synthetic) ? null : synthetic;
    if (realR == null || syntheticR == null) {
      return PairResult.builder(a, b, PairMetric.CORRELATION_SIMILARITY).correlations(realR, syntheticR)
          .error("no correlation: too few rows with both values").build();
    }
    double score = PairScores.correlationSimilarity(realR, syntheticR);
    Double current = Math.abs(realR) > ValidateJob.CURRENT_MIN_CORRELATION ? score : null;
    return PairResult.builder(a, b, PairMetric.CORRELATION_SIMILARITY).scores(score, current)
        .correlations(realR, syntheticR).independence(PairScores.correlationSimilarity(realR, 0.0)).build();
  }

  /** SDMetrics refuses a correlation when a column has a single distinct value in either table. */
  private static boolean constant(TableProfile.ColumnProfile profile) {
    return profile.min() != null && profile.min().equals(profile.max());
  }

  private static PairResult contingencyResult(ContingencyPair pair, Map<Cell<String, String>, Long> real,
      long realRows, Map<Cell<String, String>, Long> synthetic, long syntheticRows) {
    double score = PairScores.contingencySimilarity(real, realRows, synthetic, syntheticRows);
    double association = PairScores.cramersV(real);
    double syntheticAssociation = PairScores.cramersV(synthetic);
    Double current = !Double.isNaN(association) && association > ValidateJob.CURRENT_MIN_ASSOCIATION ? score : null;
    return PairResult.builder(pair.first().name(), pair.second().name(), PairMetric.CONTINGENCY_SIMILARITY)
        .scores(score, current)
        .associations(Double.isNaN(association) ? null : association,
            Double.isNaN(syntheticAssociation) ? null : syntheticAssociation)
        .independence(PairScores.contingencyIndependence(real, realRows)).build();
  }
}
