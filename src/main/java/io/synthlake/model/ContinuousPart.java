package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The distribution of a numeric column's finite values that are not atoms, on [lower, upper]: the protected
 * bounds (the k-th smallest and largest such values, never the raw extremes).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EmpiricalQuantiles.class, name = "empirical"),
  @JsonSubTypes.Type(value = ParametricPart.Normal.class, name = "normal"),
  @JsonSubTypes.Type(value = ParametricPart.Lognormal.class, name = "lognormal"),
  @JsonSubTypes.Type(value = ParametricPart.Gamma.class, name = "gamma"),
  @JsonSubTypes.Type(value = ParametricPart.Beta.class, name = "beta"),
  @JsonSubTypes.Type(value = ParametricPart.Uniform.class, name = "uniform"),
  @JsonSubTypes.Type(value = ParametricPart.Exponential.class, name = "exponential")
})
public sealed interface ContinuousPart permits EmpiricalQuantiles, ParametricPart {
  double lower();

  double upper();

  /** The short family name stored in the model. */
  String family();
}
