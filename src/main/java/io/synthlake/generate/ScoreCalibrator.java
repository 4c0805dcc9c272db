package io.synthlake.generate;

import io.synthlake.errors.SynthException;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.LabelMarginals;
import io.synthlake.model.LabelTableRule;
import io.synthlake.model.ModelNote;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.Rule;
import io.synthlake.model.ScoreCalibration;
import io.synthlake.model.SynthModel;
import io.synthlake.stats.CounterRng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calibrates the copula scores that fit takes within a label: a label table's child within its parent's label,
 * and a column with per-label marginals within its label column's label.
 *
 * <p>In the source such a score is standard normal among the rows of each label, by construction. In the Gaussian
 * copula it is not quite: the label is itself drawn from scores (its own, and up the tree its parent's) that the
 * column's score correlates with, so among the generated rows of one label the score's mean and spread drift
 * (on Adult by up to 0.12 standard deviations, and enough to move age's mean by up to a year within a marital
 * status).
 * The copula cannot hold both the correlations and the independence; moment matching can: generate standardises
 * the score by its mean and standard deviation among its label's rows ({@link ScoreCalibration}), which restores
 * the label's shares or marginal to first order and keeps every correlation.
 *
 * <p>The moments are measured by sampling the model itself (never source rows) with a fixed seed, so a refit gives
 * the same model. Columns are calibrated in order of depth (a child after its parent), because calibrating a
 * parent changes which rows carry its labels. A label seen in fewer than {@link #MIN_ROWS} of the sampled rows
 * stays uncalibrated: its mean would be known to no better than ±0.03, the size of the drift it corrects.
 */
public final class ScoreCalibrator {
  /** Rows sampled per depth. */
  static final int SAMPLE_ROWS = 1 << 18;
  /** Sampled rows a label needs for its moments to be stored. */
  static final int MIN_ROWS = 1_000;
  /** How the calibration's table note starts. */
  private static final String NOTE_START = "copula scores ";
  /** Moments are stored to this many decimals, so the model stays readable. */
  private static final double ROUNDING = 1e4;

  private ScoreCalibrator() {}

  /**
   * The model with the moments of each within-label copula score stored by label, and a table note saying how
   * many were calibrated; the model itself when it has none.
   */
  public static SynthModel calibrate(SynthModel model, long seed) {
    if (model.copula() == null || model.copula().columns().size() < 2) {
      return model;
    }
    Set<String> inCopula = new LinkedHashSet<>(model.copula().columns());
    Map<String, String> within = new LinkedHashMap<>();
    for (Rule rule : model.rules()) {
      if (rule instanceof LabelTableRule table && inCopula.contains(table.child())) {
        within.put(table.child(), table.parent());
      }
    }
    for (LabelMarginals conditional : model.labelMarginals()) {
      if (inCopula.contains(conditional.column())) {
        within.put(conditional.column(), conditional.by());
      }
    }
    if (within.isEmpty()) {
      return model;
    }
    // What decides each column's labels or values: rules other than null patterns (nulls are drawn in a sweep of
    // their own, and a null pattern may read a column generated after it), and a per-label marginal's label column.
    Map<String, List<String>> reads = new HashMap<>();
    for (Rule rule : model.rules()) {
      if (!(rule instanceof NullPatternRule)) {
        reads.computeIfAbsent(rule.column(), c -> new ArrayList<>()).addAll(rule.reads());
      }
    }
    model.labelMarginals().forEach(c -> reads.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c.by()));
    Map<String, Integer> depth = new HashMap<>();
    int deepest = 0;
    for (String column : within.keySet()) {
      deepest = Math.max(deepest, depthOf(column, within, reads, depth));
    }
    List<String> selected = new ArrayList<>();
    model.columns().forEach(c -> {
      if (within.containsKey(c.name()) || within.containsValue(c.name())) {
        selected.add(c.name());
      }
    });
    long sampleSeed = CounterRng.hash(seed, CounterRng.hashString("score-calibration"), 0);
    SynthModel calibrated = model;
    for (int level = 1; level <= deepest; level++) {
      final int at = level;
      Map<String, String> now = new LinkedHashMap<>();
      within.forEach((column, by) -> {
        if (depth.get(column) == at) {
          now.put(column, by);
        }
      });
      Map<String, Map<String, ScoreCalibration>> moments;
      try {
        moments = measure(calibrated, sampleSeed, selected, now);
      } catch (SynthException e) {
        // A column the sampler cannot make alone (a foreign key) is read by one of these: leave them as fitted.
        return withNote(model, NOTE_START + "taken within a label are not calibrated: " + e.getMessage());
      }
      calibrated = with(calibrated, moments);
    }
    Map<String, Map<String, ScoreCalibration>> stored = stored(calibrated);
    int labels = stored.values().stream().mapToInt(Map::size).sum();
    if (labels == 0) {
      // Nothing measured enough rows: the model without calibrations (a lake's recalibration drops stale ones).
      return calibrated;
    }
    Shift largest = largest(stored);
    String where = largest.column == null ? "" : String.format(Locale.ROOT, " (largest mean shift %.4f: %s among "
        + "rows with %s '%s')", largest.mean, largest.column, within.get(largest.column), largest.label);
    return withNote(calibrated, String.format(Locale.ROOT, NOTE_START + "of %d columns taken within a label are "
        + "calibrated for %d labels by sampling %,d rows of the model per tree depth%s", stored.size(), labels,
        SAMPLE_ROWS, where));
  }

  /** The calibrations a model stores, by column and label (columns without any left out). */
  private static Map<String, Map<String, ScoreCalibration>> stored(SynthModel model) {
    Map<String, Map<String, ScoreCalibration>> stored = new LinkedHashMap<>();
    for (Rule rule : model.rules()) {
      if (rule instanceof LabelTableRule table) {
        table.rows().stream().filter(row -> row.calibration() != null).forEach(row -> stored
            .computeIfAbsent(table.child(), c -> new LinkedHashMap<>()).put(row.when(), row.calibration()));
      }
    }
    for (LabelMarginals conditional : model.labelMarginals()) {
      conditional.labels().stream().filter(label -> label.calibration() != null).forEach(label -> stored
          .computeIfAbsent(conditional.column(), c -> new LinkedHashMap<>()).put(label.when(), label.calibration()));
    }
    return stored;
  }

  /**
   * A calibrated column's depth: one more than the deepest calibrated column its label column reads, directly or
   * through other rules (a dependency's determinant, a table's parent), so it is measured after every calibration
   * that decides which rows carry its labels.
   */
  private static int depthOf(String column, Map<String, String> within, Map<String, List<String>> reads,
      Map<String, Integer> depth) {
    Integer known = depth.get(column);
    if (known != null) {
      return known;
    }
    // Placed before the walk: were the reads ever to lead back here, the column counts at depth 1, never recurses.
    depth.put(column, 1);
    int value = 1;
    // The model's rules form no cycle (SynthModel checks it), so these walks end.
    Set<String> upstream = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(List.of(within.get(column)));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (upstream.add(name)) {
        pending.addAll(reads.getOrDefault(name, List.of()));
      }
    }
    for (String name : upstream) {
      if (within.containsKey(name) && !name.equals(column)) {
        value = Math.max(value, depthOf(name, within, reads, depth) + 1);
      }
    }
    depth.put(column, value);
    return value;
  }

  /** The sampled moments of one column's score, by slot of the label column it is taken within. */
  private static final class Moments {
    final String column;
    final int by;
    final CategoricalScale labels;
    final double[] rows;
    final double[] sum;
    final double[] sumOfSquares;

    Moments(String column, int by, CategoricalScale labels) {
      this.column = column;
      this.by = by;
      this.labels = labels;
      this.rows = new double[labels.size()];
      this.sum = new double[labels.size()];
      this.sumOfSquares = new double[labels.size()];
    }

    void add(double[] scores, int n, ChunkState state, int self) {
      int[] slots = state.slots(by);
      boolean[] nulls = state.nulls(self);
      for (int i = 0; i < n; i++) {
        int slot = slots[i];
        if (!nulls[i] && slot >= 0) {
          double z = scores[i];
          rows[slot]++;
          sum[slot] += z;
          sumOfSquares[slot] += z * z;
        }
      }
    }

    /** The calibration by label, for the stored labels seen in at least MIN_ROWS sampled rows. */
    Map<String, ScoreCalibration> byLabel() {
      Map<String, ScoreCalibration> byLabel = new LinkedHashMap<>();
      for (int slot = 0; slot < labels.size(); slot++) {
        double n = rows[slot];
        if (n < MIN_ROWS || labels.label(slot) == null) {
          continue;
        }
        double mean = sum[slot] / n;
        double sd = Math.sqrt(Math.max(0, sumOfSquares[slot] / n - mean * mean) * n / (n - 1));
        if (sd > 0) {
          byLabel.put(labels.label(slot), new ScoreCalibration(Math.round(mean * ROUNDING) / ROUNDING,
              Math.max(1 / ROUNDING, Math.round(sd * ROUNDING) / ROUNDING)));
        }
      }
      return byLabel;
    }
  }

  /** Per column, its calibration by label of the column it is taken within (labels with enough sampled rows). */
  private static Map<String, Map<String, ScoreCalibration>> measure(SynthModel model, long seed,
      List<String> selected, Map<String, String> columns) {
    TableSampler sampler = TableSampler.of(model, seed, selected, SAMPLE_ROWS);
    Moments[] moments = new Moments[sampler.generatedColumns()];
    for (Map.Entry<String, String> entry : columns.entrySet()) {
      CategoricalScale labels = CategoricalScale.of((CategoricalMarginal) model.column(entry.getValue())
          .orElseThrow().marginal());
      moments[sampler.generationIndex(entry.getKey())] = new Moments(entry.getKey(),
          sampler.generationIndex(entry.getValue()), labels);
    }
    ColumnSink[] sinks = new ColumnSink[selected.size()];
    java.util.Arrays.fill(sinks, DiscardSink.INSTANCE);
    sampler.sample(0, SAMPLE_ROWS, sinks, (column, scores, n, state) -> {
      if (moments[column] != null) {
        moments[column].add(scores, n, state, column);
      }
    });
    Map<String, Map<String, ScoreCalibration>> result = new LinkedHashMap<>();
    for (Moments column : moments) {
      if (column != null) {
        result.put(column.column, column.byLabel());
      }
    }
    return result;
  }

  /** The model with the measured calibrations in its label tables' rows and its per-label marginals. */
  private static SynthModel with(SynthModel model, Map<String, Map<String, ScoreCalibration>> moments) {
    List<Rule> rules = new ArrayList<>();
    for (Rule rule : model.rules()) {
      Map<String, ScoreCalibration> byLabel = rule instanceof LabelTableRule table ? moments.get(table.child())
          : null;
      if (byLabel == null) {
        rules.add(rule);
        continue;
      }
      LabelTableRule table = (LabelTableRule) rule;
      List<LabelTableRule.LabelRow> rows = new ArrayList<>();
      for (LabelTableRule.LabelRow row : table.rows()) {
        rows.add(row.calibrated(byLabel.get(row.when())));
      }
      rules.add(new LabelTableRule(table.holds(), table.origin(), table.sourceExceptions(), table.parent(),
          table.child(), rows, table.otherwise()));
    }
    List<LabelMarginals> conditionals = new ArrayList<>();
    for (LabelMarginals conditional : model.labelMarginals()) {
      Map<String, ScoreCalibration> byLabel = moments.get(conditional.column());
      if (byLabel == null) {
        conditionals.add(conditional);
        continue;
      }
      List<LabelMarginals.ByLabel> labels = new ArrayList<>();
      for (LabelMarginals.ByLabel label : conditional.labels()) {
        labels.add(label.calibrated(byLabel.get(label.when())));
      }
      conditionals.add(new LabelMarginals(conditional.column(), conditional.by(), conditional.etaSquared(), labels,
          conditional.rest()));
    }
    return new SynthModel(model.formatVersion(), model.table(), model.createdBy(), model.source(), model.fit(),
        model.columns(), model.copula(), rules, conditionals, model.notes());
  }

  private record Shift(String column, String label, double mean) {}

  private static Shift largest(Map<String, Map<String, ScoreCalibration>> moments) {
    Shift largest = new Shift(null, null, 0.0);
    for (Map.Entry<String, Map<String, ScoreCalibration>> column : moments.entrySet()) {
      for (Map.Entry<String, ScoreCalibration> label : column.getValue().entrySet()) {
        if (Math.abs(label.getValue().mean()) > Math.abs(largest.mean)) {
          largest = new Shift(column.getKey(), label.getKey(), label.getValue().mean());
        }
      }
    }
    return largest;
  }

  /** The model with this note in place of any earlier calibration's (a lake calibrates again after its keys). */
  private static SynthModel withNote(SynthModel model, String message) {
    List<ModelNote> notes = new ArrayList<>(model.notes());
    notes.removeIf(note -> note.column() == null && note.message().startsWith(NOTE_START));
    notes.add(ModelNote.table(message));
    return new SynthModel(model.formatVersion(), model.table(), model.createdBy(), model.source(), model.fit(),
        model.columns(), model.copula(), model.rules(), model.labelMarginals(), notes);
  }
}
