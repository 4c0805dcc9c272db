package io.synthlake.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.model.SemanticText;
import io.synthlake.profile.TextShapeState;
import io.synthlake.profile.WordState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticDetectorTest {
  private static SemanticText detect(String column, SemanticType declared, List<String> values) {
    TextShapeState shape = new TextShapeState();
    WordState words = new WordState();
    for (int repeat = 0; repeat < 10; repeat++) {
      for (String value : values) {
        shape.add(value);
        words.add(value);
      }
    }
    return SemanticDetector.detect(column, declared, shape.summary(), words.summary(), "en-US", 5);
  }

  @Test
  void aPlaceNameWithCapitalisedValuesIsThatPlace() {
    SemanticText city = detect("home_city", null, List.of("Bay Springs", "Livingston", "Colorado Springs"));
    assertThat(city.type()).isEqualTo(SemanticType.CITY);
    assertThat(city.detectedBy()).isEqualTo("its name (city)");
    assertThat(city.space()).isEqualTo(" ");
    assertThat(city.letterCase()).isEqualTo(SemanticText.LetterCase.AS_IS);
  }

  @Test
  void shortCapitalCodesTakeTheCodeFormAndHyphenatedValuesKeepTheirSeparator() {
    assertThat(detect("state", null, List.of("TX", "CA", "NY")).type()).isEqualTo(SemanticType.STATE_CODE);
    assertThat(detect("country", null, List.of("US", "FR", "DE")).type()).isEqualTo(SemanticType.COUNTRY_CODE);
    assertThat(detect("city", null, List.of("NYC", "LAX", "SFO")).type()).isEqualTo(SemanticType.CODE);
    SemanticText country = detect("native-country", null, List.of("United-States", "Mexico", "El-Salvador"));
    assertThat(country.type()).isEqualTo(SemanticType.COUNTRY);
    assertThat(country.space()).isEqualTo("-");
    SemanticText upper = detect("city", null, List.of("NEW YORK", "BOSTON", "SAN JOSE"));
    assertThat(upper.letterCase()).isEqualTo(SemanticText.LetterCase.UPPER);
  }

  @Test
  void aNameTheValuesDoNotBearOutDecidesNothing() {
    assertThat(detect("state", null, List.of("open", "closed", "pending review"))).isNull();
    // Capitalised, but not words of any state or country the generator knows.
    assertThat(detect("state", null, List.of("Active", "Closed", "Pending"))).isNull();
    assertThat(detect("nationality", null, List.of("Swiss", "German", "Dutch"))).isNull();
  }

  @Test
  void onlyTheLastWordOfANameOrTheOneBeforeNameSaysTheType() {
    List<String> companies = List.of("Acme Corp", "Globex Inc", "Initech Group");
    assertThat(detect("company_name", null, companies).type()).isEqualTo(SemanticType.COMPANY);
    assertThat(detect("company_size", null, List.of("Small", "Medium", "Large"))).isNull();
    assertThat(detect("product_type", null, List.of("Books", "Garden", "Toys"))).isNull();
    assertThat(SemanticDetector.typeWord(List.of("city", "code"))).isEqualTo("code");
    assertThat(SemanticDetector.typeWord(List.of("airline", "name"))).isEqualTo("airline");
  }

  @Test
  void valuesAloneMakeTitlesAndCodes() {
    assertThat(detect("film", null, List.of("The Long Goodbye", "Blue Velvet", "Night Moves")).type())
        .isEqualTo(SemanticType.TITLE);
    assertThat(detect("ref", null, List.of("AB-1234", "CD-9876", "XY-0001")).type()).isEqualTo(SemanticType.CODE);
    assertThat(detect("date", null, List.of("2001/01/13 14:56", "2001/02/01 08:05")).type())
        .isEqualTo(SemanticType.CODE);
    assertThat(detect("comment", null, List.of("called about the bill", "no answer", "left a message"))).isNull();
  }

  @Test
  void aDeclaredTypeWinsAndNoneClearsDetection() {
    SemanticText declared = detect("label", SemanticType.COMPANY, List.of("acme", "globex"));
    assertThat(declared.type()).isEqualTo(SemanticType.COMPANY);
    assertThat(declared.detectedBy()).isEqualTo("declared");
    assertThat(detect("city", SemanticType.NONE, List.of("Bay Springs", "Livingston"))).isNull();
  }
}
