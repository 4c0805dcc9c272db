package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.model.WordModel;
import io.synthlake.profile.WordState;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The word model against counts made by hand: what is stored, with what share, and what never is. */
class WordModelFitTest {
  private static final FitConfig FIT = FitConfig.defaults();

  /**
   * 40 "T Municipal Airport" rows over four towns; 4 rows of "Zyxwv Field" (a secret name); "Borderline" in 5 rows,
   * "Strip" and a one-digit number in 4.
   */
  private static WordModel airports() {
    WordState words = new WordState();
    for (String town : new String[] {"Perry", "Marion", "Clinton", "Jackson"}) {
      words.add(town + " Municipal Airport", 10);
    }
    words.add("Zyxwv Field", 4);
    words.add("Borderline Field", 1);
    for (int i = 0; i < 4; i++) {
      words.add("Borderline Strip " + i, 1);
    }
    return WordModelFit.build(words.summary(), FIT, "en-US");
  }

  @Test
  void storesOnlyTokensPairsAndEdgesSeenInAtLeastMinCategoryCountRows() {
    WordModel model = airports();
    Map<String, Double> tokens = model.tokens().stream()
        .collect(Collectors.toMap(WordModel.Token::text, WordModel.Token::share));
    assertThat(tokens).containsOnlyKeys("Perry", "Marion", "Clinton", "Jackson", "Municipal", "Airport",
        "Borderline", "Field");
    // Shares are row counts over the stored total: Municipal is in 40 of 4·10 + 40 + 40 + 5 + 5 rows.
    assertThat(tokens.get("Municipal")).isCloseTo(40 / 130.0, within(1e-12));
    assertThat(model.starts()).extracting(WordModel.Token::text)
        .containsExactlyInAnyOrder("Perry", "Marion", "Clinton", "Jackson", "Borderline");
    assertThat(model.ends()).extracting(WordModel.Token::text).containsExactlyInAnyOrder("Airport", "Field");
    assertThat(model.pairs()).extracting(p -> p.first() + ">" + p.second() + ":" + p.share())
        .containsExactlyInAnyOrder("Clinton>Municipal:1.0", "Jackson>Municipal:1.0", "Marion>Municipal:1.0",
            "Perry>Municipal:1.0", "Municipal>Airport:1.0");
    assertThat(model.separators()).extracting(WordModel.Token::text).containsExactly(" ");
  }

  @Test
  void theRareShareAndCaseCountWhatWasLeftOut() {
    WordModel model = airports();
    // Zyxwv, Strip and the number are in 4 rows each, of 40·3 + 4·2 + 1·2 + 4·3 = 142 row tokens.
    assertThat(model.rare()).isCloseTo(12 / 142.0, within(1e-12));
    // The rare words (not the number) are both capitalised.
    assertThat(model.rareCases()).containsExactly(1.0, 0.0, 0.0, 0.0);
    // Token counts: 44 values of 3 tokens, 5 of 2.
    assertThat(model.lengths().atoms()).extracting(a -> a.value()).containsExactlyInAnyOrder(2.0, 3.0);
  }

  @Test
  void aColumnOfFewerThanMinCategoryCountValuesHasNoWordModel() {
    WordState words = new WordState();
    words.add("Only Four Values", 4);
    assertThat(WordModelFit.build(words.summary(), FIT, "en-US")).isNull();
  }

  @Test
  void stateMergesAsIfOneStateHadSeenEveryValue() {
    WordState one = new WordState();
    WordState a = new WordState();
    WordState b = new WordState();
    String[] values = {"Perry Municipal", "Lake Field", "Perry Field", "Lake Municipal Airport", "Perry Lake"};
    for (int i = 0; i < 100; i++) {
      one.add(values[i % values.length]);
      (i % 3 == 0 ? a : b).add(values[i % values.length]);
    }
    a.merge(b);
    assertThat(WordModelFit.build(a.summary(), FIT, "en-US")).isEqualTo(WordModelFit.build(one.summary(), FIT,
        "en-US"));
  }
}
