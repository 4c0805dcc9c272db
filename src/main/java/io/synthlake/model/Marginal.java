package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The distribution of one column's non-null values. Stored with a short, stable type name. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NumericMarginal.class, name = "numeric"),
  @JsonSubTypes.Type(value = CategoricalMarginal.class, name = "categorical"),
  @JsonSubTypes.Type(value = ConstantMarginal.class, name = "constant"),
  @JsonSubTypes.Type(value = IdentifierMarginal.class, name = "identifier"),
  @JsonSubTypes.Type(value = TextMarginal.class, name = "text"),
  @JsonSubTypes.Type(value = ForeignKeyMarginal.class, name = "foreign-key"),
  @JsonSubTypes.Type(value = PiiMarginal.class, name = "pii")
})
public sealed interface Marginal permits NumericMarginal, CategoricalMarginal, ConstantMarginal,
    IdentifierMarginal, TextMarginal, ForeignKeyMarginal, PiiMarginal {}
