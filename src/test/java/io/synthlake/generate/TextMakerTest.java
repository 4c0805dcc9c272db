package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.fit.WordModelFit;
import io.synthlake.model.SemanticText;
import io.synthlake.model.TestModels;
import io.synthlake.model.WordModel;
import io.synthlake.profile.WordState;
import io.synthlake.text.SemanticType;
import io.synthlake.text.Tokenizer;
import io.synthlake.validate.KnownWords;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Made-up values against the model they come from: the word model's values are made of its stored tokens and
 * dictionary words only (checked by the validate's independent known-word count), keep its separators and number
 * shapes, follow its token shares, and are a pure function of the key.
 */
class TextMakerTest {
  private static final String[] TOWNS = {"Perry", "Marion", "Clinton", "Jackson", "Salem", "Fairview"};

  private static WordModel airportNames() {
    WordState words = new WordState();
    for (int i = 0; i < 600; i++) {
      String town = TOWNS[i % TOWNS.length];
      String value = switch (i % 4) {
        case 0 -> town + " Municipal Airport";
        case 1 -> town + "-" + TOWNS[(i / 4) % TOWNS.length] + " Field";
        case 2 -> town + " County";
        default -> "Runway " + (10 + i % 27) + " Strip";
      };
      words.add(value);
    }
    // Rare capitalised names, one row each: never stored, drawn from the dictionary's names in their place.
    for (int i = 0; i < 200; i++) {
      words.add("Zq" + (char) ('a' + i / 26) + (char) ('a' + i % 26) + " Field");
    }
    return WordModelFit.build(words.summary(), FitConfig.defaults(), "en-US");
  }

  @Test
  void wordModelValuesAreMadeOfStoredTokensAndDictionaryWords() {
    WordModel model = airportNames();
    TextMaker maker = TextMaker.of(TestModels.shape(), model, null);
    assertThat(maker).isInstanceOf(TextMaker.Words.class);
    Set<String> stored = new HashSet<>();
    model.tokens().forEach(t -> stored.add(t.text().toLowerCase(java.util.Locale.ROOT)));
    KnownWords known = new KnownWords(stored, "en-US", false, Set.of());
    long[] counters = new long[KnownWords.COUNTERS];
    Map<String, Integer> firsts = new HashMap<>();
    for (long key = 0; key < 20_000; key++) {
      String value = maker.make(key);
      known.count(value, counters);
      assertThat(value).doesNotContain("Zq").doesNotStartWith(" ").matches("[A-Za-z0-9 '\\-]+");
      Tokenizer.Tokens tokens = Tokenizer.split(value);
      firsts.merge(tokens.tokens().get(0), 1, Integer::sum);
      if (value.matches("Runway [0-9].*")) {
        assertThat(value).matches("Runway [1-9][0-9]([ -].*)?");
      }
    }
    assertThat(counters[KnownWords.KNOWN]).isEqualTo(counters[KnownWords.WORDS]);
    assertThat(counters[KnownWords.VALUES_WITHOUT_KNOWN_WORD]).isZero();
    // Starts follow the stored start shares, where the first slot is not a rare word's: Perry starts 100 of the 600
    // values whose first token is stored (i % 4 != 3 and i even), and about one token in ten is rare.
    double perry = model.starts().stream().filter(t -> t.text().equals("Perry")).findFirst().orElseThrow().share();
    assertThat(perry).isCloseTo(100 / 600.0, within(1e-12));
    assertThat(firsts.get("Perry") / 20_000.0).isCloseTo(perry * (1 - model.rare()), within(0.01));
    assertThat(maker.make(42)).isEqualTo(maker.make(42));
  }

  @Test
  void rareWordsBecomeDictionaryNamesInTheirCase() {
    WordModel model = airportNames();
    assertThat(model.rare()).isGreaterThan(0.05);
    TextMaker maker = TextMaker.of(TestModels.shape(), model, null);
    Set<String> stored = new HashSet<>();
    model.tokens().forEach(t -> stored.add(t.text()));
    io.synthlake.text.Dictionary dictionary = io.synthlake.text.Dictionary.of("en-US");
    int replaced = 0;
    for (long key = 0; key < 5_000; key++) {
      for (String token : Tokenizer.split(maker.make(key)).tokens()) {
        if (!stored.contains(token) && Tokenizer.kindOf(token) == Tokenizer.TokenKind.WORD) {
          replaced++;
          assertThat(dictionary.names()).contains(token);
        }
      }
    }
    assertThat(replaced).isPositive();
  }

  @Test
  void semanticValuesAreWrittenAsTheSourceWritesThem() {
    TextMaker countries = TextMaker.of(TestModels.shape(), null, new SemanticText(SemanticType.COUNTRY, "en-US",
        SemanticText.LetterCase.UPPER, "-", "test"));
    for (long key = 0; key < 200; key++) {
      String value = countries.make(key);
      assertThat(value).doesNotContain(" ").isEqualTo(value.toUpperCase(java.util.Locale.ROOT)).isNotBlank();
      assertThat(countries.make(key)).isEqualTo(value);
    }
    assertThat(TextMaker.of(TestModels.shape(), airportNames(), new SemanticText(SemanticType.CODE, "en-US", null,
        null, "test"))).isInstanceOf(TextMaker.Shape.class);
    assertThat(TextMaker.of(TestModels.shape(), airportNames(), new SemanticText(SemanticType.TITLE, "en-US", null,
        null, "test"))).isInstanceOf(TextMaker.Words.class);
  }

  @Test
  void avoidingRedrawsDeterministicallyUntilAValueIsFree() {
    TextMaker maker = TextMaker.of(TestModels.shape(), airportNames(), null);
    Set<String> taken = new HashSet<>();
    for (long key = 0; key < 500; key++) {
      taken.add(maker.make(key));
    }
    for (long key = 0; key < 500; key++) {
      String free = maker.makeAvoiding(key, taken::contains);
      assertThat(taken).doesNotContain(free);
      assertThat(maker.makeAvoiding(key, taken::contains)).isEqualTo(free);
    }
    List<String> everything = List.of(maker.make(7));
    assertThat(maker.makeAvoiding(7, s -> true && !s.endsWith(" 2"))).isEqualTo(everything.get(0) + " 2");
  }
}
