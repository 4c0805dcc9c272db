package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonValue;

/** SDMetrics' Column Shapes metrics, written under their SDMetrics class names in report.json. */
public enum ColumnMetric {
  KS_COMPLEMENT("KSComplement"),
  TV_COMPLEMENT("TVComplement");

  private final String jsonName;

  ColumnMetric(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }
}
