package io.synthlake.spark.validate;

import io.synthlake.spark.validate.Frequencies.ContingencyPair;
import io.synthlake.validate.EqualWidthBins;
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
 * per table, contingency tables one grouped pass per table.
 */
final class PairTrends {
  private PairTrends() {}

  static List<PairResult> measure(Dataset<Row> real, Dataset<Row> synthetic, List<ScoredColumn> columns,
      TableProfile realProfile, TableProfile syntheticProfile) {
    List<ScoredColumn[]> correlationPairs = new ArrayList<>();
    List<ContingencyPair> contingencyPairs = new ArrayList<>();
    List<Object> order = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        ScoredColumn a = columns.get(i);
        ScoredColumn b = columns.get(j);
        if (a.sdtype().continuous() && b.sdtype().continuous()) {
          ScoredColumn[] pair = {a, b};
          correlationPairs.add(pair);
          order.add(pair);
        } else {
          ContingencyPair pair = new ContingencyPair(a, b);
          contingencyPairs.add(pair);
          order.add(pair);
        }
      }
    }
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
    List<Map<Cell<String, String>, Long>> realTables = Frequencies.ofPairs(real, binnable, realBins);
    List<Map<Cell<String, String>, Long>> syntheticTables = Frequencies.ofPairs(synthetic, binnable, syntheticBins);

    List<PairResult> results = new ArrayList<>();
    int correlationIndex = 0;
    for (Object pair : order) {
      if (pair instanceof ScoredColumn[] columnsOfPair) {
        results.add(correlationResult(columnsOfPair, realCorrelations[correlationIndex],
            syntheticCorrelations[correlationIndex], realProfile, syntheticProfile));
        correlationIndex++;
      } else {
        ContingencyPair contingency = (ContingencyPair) pair;
        int index = binnable.indexOf(contingency);
        if (index < 0) {
          String error = binErrors.getOrDefault(contingency.first().name(),
              binErrors.get(contingency.second().name()));
          results.add(new PairResult(contingency.first().name(), contingency.second().name(),
              "ContingencySimilarity", null, null, null, null, null, null, error));
        } else {
          results.add(contingencyResult(contingency, realTables.get(index), realProfile.rows(),
              syntheticTables.get(index), syntheticProfile.rows()));
        }
      }
    }
    return results;
  }

  private static EqualWidthBins bins(TableProfile.ColumnProfile profile) {
    return EqualWidthBins.over(profile.min() == null ? 0 : profile.min(), profile.max() == null ? 0 : profile.max(),
        profile.values());
  }

  private static double[] correlations(Dataset<Row> frame, List<ScoredColumn> columns, List<ScoredColumn[]> pairs,
      TableProfile profile) {
    List<ScoredColumn> continuous = columns.stream().filter(c -> c.sdtype().continuous()).toList();
    List<Column> values = continuous.stream().map(ScoredColumn::value).toList();
    double[] centres = new double[continuous.size()];
    for (int c = 0; c < centres.length; c++) {
      Double mean = profile.column(continuous.get(c).name()).mean();
      centres[c] = mean == null || !Double.isFinite(mean) ? 0 : mean;
    }
    int[][] indices = new int[pairs.size()][];
    for (int p = 0; p < indices.length; p++) {
      indices[p] = new int[] {continuous.indexOf(pairs.get(p)[0]), continuous.indexOf(pairs.get(p)[1])};
    }
    return PairwiseCorrelations.of(frame, values, centres, indices);
  }

  private static PairResult correlationResult(ScoredColumn[] pair, double real, double synthetic,
      TableProfile realProfile, TableProfile syntheticProfile) {
    String a = pair[0].name();
    String b = pair[1].name();
    for (ScoredColumn column : pair) {
      if (constant(realProfile.column(column.name())) || constant(syntheticProfile.column(column.name()))) {
        return new PairResult(a, b, "CorrelationSimilarity", null, null, null, null, null, null,
            "column " + column.name() + " is constant in one of the tables");
      }
    }
    Double realR = Double.isNaN(real) ? null : real;
    Double syntheticR = Double.isNaN(synthetic) ? null : synthetic;
    if (realR == null || syntheticR == null) {
      return new PairResult(a, b, "CorrelationSimilarity", null, null, realR, syntheticR, null, null,
          "no correlation: too few rows with both values");
    }
    double score = PairScores.correlationSimilarity(realR, syntheticR);
    Double current = Math.abs(realR) > ValidateJob.CURRENT_MIN_CORRELATION ? score : null;
    return new PairResult(a, b, "CorrelationSimilarity", score, current, realR, syntheticR, null,
        PairScores.correlationSimilarity(realR, 0.0), null);
  }

  /** SDMetrics refuses a correlation when a column has a single distinct value in either table. */
  private static boolean constant(TableProfile.ColumnProfile profile) {
    return profile.min() != null && profile.min().equals(profile.max());
  }

  private static PairResult contingencyResult(ContingencyPair pair, Map<Cell<String, String>, Long> real,
      long realRows, Map<Cell<String, String>, Long> synthetic, long syntheticRows) {
    double score = PairScores.contingencySimilarity(real, realRows, synthetic, syntheticRows);
    double association = PairScores.cramersV(real);
    Double current = !Double.isNaN(association) && association > ValidateJob.CURRENT_MIN_ASSOCIATION ? score : null;
    return new PairResult(pair.first().name(), pair.second().name(), "ContingencySimilarity", score, current, null,
        null, Double.isNaN(association) ? null : association, PairScores.contingencyIndependence(real, realRows),
        null);
  }
}
