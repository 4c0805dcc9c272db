package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * report.json's {@code ml-utility} section: models trained on the synthetic rows and tested on the real rows the
 * fit held out (TSTR), beside the same models trained on the real training rows and tested on the same rows
 * (TRTR). The ratio TSTR/TRTR of each model's main measure (AUC for classification, R² for regression) says how
 * much of the real data's usefulness the synthetic rows keep: 1 is all of it.
 *
 * @param target the predicted column
 * @param task classification or regression
 * @param trainingRows real training rows (the rows the fit saw)
 * @param syntheticRows synthetic rows trained on
 * @param testRows held-out real rows tested on
 * @param features the feature columns
 * @param models one entry per model
 * @param lowestRatio the smallest TSTR/TRTR ratio of a main measure (null when none could be computed)
 * @param lowest the model of the smallest ratio
 * @param minorityLabel the target's rarest label in the real rows, whose recall each model's measures hold as
 *     {@code recall:LABEL} (null for regression, or when that label is too rare to name)
 * @param augmented whether the synthetic table was an augmented one (generate --augment): its models trained on
 *     the real training rows plus the synthetic rows
 */
@JsonPropertyOrder({"target", "task", "training-rows", "synthetic-rows", "test-rows", "features", "lowest-ratio",
    "lowest", "minority-label", "augmented", "models"})
public record MlUtility(String target, String task, long trainingRows, long syntheticRows, long testRows,
    List<String> features, List<ModelResult> models, Double lowestRatio, String lowest, String minorityLabel,
    boolean augmented) {

  /** The minority label's recall of one model, trained on real rows and on the synthetic (or augmented) ones. */
  public record MinorityRecall(String model, Double real, Double synthetic) {}

  /** Each model's recall of the minority label (empty without one). */
  public List<MinorityRecall> minorityRecalls() {
    if (minorityLabel == null) {
      return List.of();
    }
    String key = "recall:" + minorityLabel;
    return models.stream().filter(m -> m.real().containsKey(key))
        .map(m -> new MinorityRecall(m.model(), m.real().get(key), m.synthetic().get(key))).toList();
  }

  /**
   * One model's measures on the held-out rows, trained on real rows (TRTR) and on synthetic rows (TSTR).
   *
   * @param model the MLlib model
   * @param measure the main measure (auc or r2)
   * @param real measures when trained on the real training rows
   * @param synthetic measures when trained on the synthetic rows
   * @param ratio synthetic over real, of the main measure
   */
  @JsonPropertyOrder({"model", "measure", "ratio", "real", "synthetic"})
  public record ModelResult(String model, String measure, Double ratio, Map<String, Double> real,
      Map<String, Double> synthetic) {
    public static ModelResult of(String model, String measure, Map<String, Double> real,
        Map<String, Double> synthetic) {
      Map<String, Double> r = finite(real);
      Map<String, Double> s = finite(synthetic);
      Double base = r.get(measure);
      Double value = s.get(measure);
      // A ratio to a real score of 0 or less (an R² no better than the mean) says nothing.
      return new ModelResult(model, measure, base == null || value == null || base <= 0 ? null : value / base, r, s);
    }

    /** Sorted, so that report.json lists the measures in the same order every run; NaN (undefined) as null. */
    private static Map<String, Double> finite(Map<String, Double> measures) {
      TreeMap<String, Double> sorted = new TreeMap<>();
      measures.forEach((name, value) -> sorted.put(name, value == null || value.isNaN() ? null : value));
      return Collections.unmodifiableMap(sorted);
    }
  }

  public static MlUtility of(String target, String task, long trainingRows, long syntheticRows, long testRows,
      List<String> features, List<ModelResult> models, String minorityLabel, boolean augmented) {
    ModelResult lowest = null;
    for (ModelResult model : models) {
      if (model.ratio() != null && (lowest == null || model.ratio() < lowest.ratio())) {
        lowest = model;
      }
    }
    return new MlUtility(target, task, trainingRows, syntheticRows, testRows, List.copyOf(features),
        List.copyOf(models), lowest == null ? null : lowest.ratio(), lowest == null ? null : lowest.model(),
        minorityLabel, augmented);
  }
}
