package io.synthlake.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.synthlake.names.KebabCase;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.datafaker.Faker;

/**
 * What a string column holds, when that is clear from its name or values, and how datafaker makes a realistic
 * value of it. Types without a datafaker generator are drawn from the column's word model ({@link #TITLE}) or its
 * character shape ({@link #CODE}). {@link #NONE} declares that a column has no semantic type: its word model
 * serves.
 */
public enum SemanticType {
  CITY(f -> f.address().city()),
  COUNTRY(f -> f.address().country()),
  COUNTRY_CODE(f -> f.address().countryCode()),
  STATE(f -> f.address().state()),
  STATE_CODE(f -> f.address().stateAbbr()),
  STREET(f -> f.address().streetName()),
  POSTCODE(f -> f.address().zipCode()),
  COMPANY(f -> f.company().name()),
  PRODUCT(f -> f.commerce().productName()),
  /** Multi-word capitalised values (film, book, airport names): the word model. */
  TITLE(null),
  /** Codes: drawn from the column's character shape. */
  CODE(null),
  NONE(null);

  private final Function<Faker, String> maker;

  SemanticType(Function<Faker, String> maker) {
    this.maker = maker;
  }

  /** Whether datafaker makes this type's values. */
  public boolean faked() {
    return maker != null;
  }

  /** A value drawn with the faker's current random state. */
  public String fake(Faker faker) {
    if (maker == null) {
      throw new IllegalStateException("semantic type " + configName() + " has no datafaker generator");
    }
    return maker.apply(faker);
  }

  @JsonValue
  public String configName() {
    return KebabCase.of(this);
  }

  @JsonCreator
  public static SemanticType fromConfigName(String name) {
    for (SemanticType type : values()) {
      if (type.configName().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown semantic type '" + name + "' (expected one of " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(SemanticType::configName).collect(Collectors.joining(", "));
  }
}
