package io.synthlake.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dictionary against words everyone knows and character soup nobody does. */
class DictionaryTest {
  private static final Dictionary ENGLISH = Dictionary.of("en-US");

  @Test
  void knowsCommonWordsNamesAndPlacesInAnyCaseButNotCharacterSoup() {
    assertThat(ENGLISH.size()).isGreaterThan(10_000);
    assertThat(ENGLISH.contains("airport")).isTrue();
    assertThat(ENGLISH.contains("International")).isTrue();
    assertThat(ENGLISH.contains("Smith")).isTrue();
    assertThat(ENGLISH.contains("Mexico")).isTrue();
    for (String soup : new String[] {"MiaykSarSI", "Jkaiol", "Yaabgnrbsga", "Dotiiu", "rnehTige"}) {
      assertThat(ENGLISH.contains(soup)).as(soup).isFalse();
    }
  }

  @Test
  void namesNounsAndPlaceCompoundsComeFromTheWordLists() {
    assertThat(ENGLISH.names()).hasSizeGreaterThan(100).allMatch(name -> Character.isUpperCase(name.charAt(0)));
    assertThat(ENGLISH.nouns()).hasSizeGreaterThan(100).allMatch(ENGLISH::contains);
    assertThat(ENGLISH.isPlaceCompound("Jacksonville")).isTrue();
    assertThat(ENGLISH.isPlaceCompound("Jkaiolville")).isFalse();
  }

  @Test
  void anotherLanguageAddsItsOwnWordsToEnglish() {
    Dictionary german = Dictionary.of("de-DE");
    assertThat(german.size()).isGreaterThan(ENGLISH.size());
    assertThat(german.contains("airport")).isTrue();
    assertThat(Dictionary.of("en-GB")).isSameAs(ENGLISH);
  }
}
