package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonValue;

/** SDMetrics' Column Pair Trends metrics, written under their SDMetrics class names in report.json. */
public enum PairMetric {
  CORRELATION_SIMILARITY("CorrelationSimilarity"),
  CONTINGENCY_SIMILARITY("ContingencySimilarity");

  private final String jsonName;

  PairMetric(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }
}
