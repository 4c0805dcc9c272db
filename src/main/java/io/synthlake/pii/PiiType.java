package io.synthlake.pii;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.synthlake.names.KebabCase;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.datafaker.Faker;

/**
 * A kind of personal data, and how datafaker makes a realistic fake value of it. {@link #NONE} declares that a
 * column holds no personal data, which overrides detection.
 */
public enum PiiType {
  FULL_NAME(f -> f.name().fullName()),
  FIRST_NAME(f -> f.name().firstName()),
  LAST_NAME(f -> f.name().lastName()),
  EMAIL(f -> f.internet().emailAddress()),
  PHONE(f -> f.phoneNumber().phoneNumber()),
  STREET_ADDRESS(f -> f.address().streetAddress()),
  ADDRESS(f -> f.address().fullAddress()),
  POSTCODE(f -> f.address().zipCode()),
  NATIONAL_ID(f -> f.idNumber().valid()),
  CREDIT_CARD(f -> f.finance().creditCard()),
  IBAN(f -> f.finance().iban()),
  IP_ADDRESS(f -> f.internet().ipV4Address()),
  USERNAME(f -> f.credentials().username()),
  FREE_TEXT(f -> f.lorem().sentence()),
  NONE(f -> {
    throw new IllegalStateException("a column declared pii type none holds no personal data");
  });

  private final transient Function<Faker, String> maker;

  PiiType(Function<Faker, String> maker) {
    this.maker = maker;
  }

  /** A fake value drawn with the faker's current random state. */
  String fake(Faker faker) {
    return maker.apply(faker);
  }

  @JsonValue
  public String configName() {
    return KebabCase.of(this);
  }

  @JsonCreator
  public static PiiType fromConfigName(String name) {
    for (PiiType type : values()) {
      if (type.configName().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown pii type '" + name + "' (expected one of " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(PiiType::configName).collect(Collectors.joining(", "));
  }
}
