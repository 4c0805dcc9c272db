package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.Objects;

/**
 * An empirical quantile function: knots (probability, value) with probabilities rising from 0 to 1 and values
 * strictly rising from the lower to the upper protected bound; linear between knots.
 */
public record EmpiricalQuantiles(double[] probabilities, double[] values) implements ContinuousPart {
  public EmpiricalQuantiles {
    Objects.requireNonNull(probabilities, "probabilities is required");
    Objects.requireNonNull(values, "values is required");
    Checks.require(probabilities.length == values.length,
        "quantile knots need as many probabilities as values (%d vs %d)", probabilities.length, values.length);
    Checks.require(values.length >= 2, "quantile knots need at least 2 knots, got %d", values.length);
    Checks.require(probabilities[0] == 0.0 && probabilities[probabilities.length - 1] == 1.0,
        "quantile knot probabilities must start at 0 and end at 1");
    for (int i = 0; i < values.length; i++) {
      Checks.finite(values[i], "quantile value");
      Checks.probability(probabilities[i], "quantile probability");
      if (i > 0) {
        Checks.require(probabilities[i] > probabilities[i - 1],
            "quantile probabilities must be strictly increasing (knot %d)", i);
        Checks.require(values[i] > values[i - 1], "quantile values must be strictly increasing (knot %d)", i);
      }
    }
    probabilities = probabilities.clone();
    values = values.clone();
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  @JsonIgnore
  public double lower() {
    return values[0];
  }

  @Override
  @JsonIgnore
  public double upper() {
    return values[values.length - 1];
  }

  @Override
  @JsonIgnore
  public String family() {
    return "empirical";
  }

  @JsonIgnore
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmpiricalQuantiles that
        && Arrays.equals(probabilities, that.probabilities)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(probabilities) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "EmpiricalQuantiles[" + values.length + " knots on " + lower() + ".." + upper() + "]";
  }
}
