package io.synthlake.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
  @Test
  void namesOfPersonalDataAreFoundInAnySpelling() {
    assertThat(PiiDetector.byName("t", "email")).isEqualTo(PiiType.EMAIL);
    assertThat(PiiDetector.byName("t", "customerEmail")).isEqualTo(PiiType.EMAIL);
    assertThat(PiiDetector.byName("t", "E-Mail")).isEqualTo(PiiType.EMAIL);
    assertThat(PiiDetector.byName("t", "firstName")).isEqualTo(PiiType.FIRST_NAME);
    assertThat(PiiDetector.byName("t", "last_name")).isEqualTo(PiiType.LAST_NAME);
    assertThat(PiiDetector.byName("t", "customer_name")).isEqualTo(PiiType.FULL_NAME);
    assertThat(PiiDetector.byName("t", "mobile_phone")).isEqualTo(PiiType.PHONE);
    assertThat(PiiDetector.byName("t", "SSN")).isEqualTo(PiiType.NATIONAL_ID);
    assertThat(PiiDetector.byName("t", "ip_address")).isEqualTo(PiiType.IP_ADDRESS);
    assertThat(PiiDetector.byName("t", "billing_address")).isEqualTo(PiiType.ADDRESS);
    assertThat(PiiDetector.byName("t", "zip_code")).isEqualTo(PiiType.POSTCODE);
    assertThat(PiiDetector.byName("t", "agent_notes")).isEqualTo(PiiType.FREE_TEXT);
  }

  @Test
  void aBareNameIsAPersonsOnlyInATableOfPeople() {
    assertThat(PiiDetector.byName("customers", "name")).isEqualTo(PiiType.FULL_NAME);
    assertThat(PiiDetector.byName("dim_employees", "name")).isEqualTo(PiiType.FULL_NAME);
    assertThat(PiiDetector.byName("airports", "name")).isNull();
    assertThat(PiiDetector.byName("products", "product_name")).isNull();
  }

  @Test
  void ordinaryColumnsAreNotPersonalData() {
    for (String column : new String[] {"carrier", "origin", "hotel", "description", "amount", "status",
        "mac_address", "city", "country"}) {
      assertThat(PiiDetector.byName("flights", column)).as(column).isNull();
    }
  }

  @Test
  void valuesDecideWhenNineInTenOfEnoughSampledValuesMatch() {
    int patterns = PiiDetector.VALUE_PATTERNS.size();
    long[] emails = new long[patterns];
    emails[0] = 90;
    assertThat(PiiDetector.byValues(100, emails).type()).isEqualTo(PiiType.EMAIL);
    emails[0] = 89;
    assertThat(PiiDetector.byValues(100, emails)).isNull();
    long[] few = new long[patterns];
    few[0] = 9;
    assertThat(PiiDetector.byValues(9, few)).as("fewer than ten values decide nothing").isNull();
  }

  @Test
  void thePatternsMatchTypicalValuesAndNotOrdinaryOnes() {
    assertMatches(PiiType.EMAIL, "jane.o'neil+news@mail.example.co.uk", "2013-01-01");
    assertMatches(PiiType.PHONE, "(227) 426-2603", "2013-01-01");
    assertMatches(PiiType.PHONE, "+49 30 1234567", "12345678.5");
    assertMatches(PiiType.PHONE, "04962 262626039", "1234567");
    assertMatches(PiiType.NATIONAL_ID, "437-54-7573", "437-54-757");
    assertMatches(PiiType.CREDIT_CARD, "4479-6985-7180-3183", "4479-6985");
    assertMatches(PiiType.IBAN, "DE89370400440532013000", "DE89");
    assertMatches(PiiType.IP_ADDRESS, "192.168.0.1", "1.2.3.4.5");
  }

  private static void assertMatches(PiiType type, String typical, String ordinary) {
    PiiDetector.ValuePattern pattern = PiiDetector.VALUE_PATTERNS.stream().filter(p -> p.type() == type)
        .findFirst().orElseThrow();
    assertThat(Pattern.compile(pattern.regex()).matcher(typical).find()).as(type + " matches " + typical).isTrue();
    assertThat(Pattern.compile(pattern.regex()).matcher(ordinary).find()).as(type + " on " + ordinary).isFalse();
  }
}
