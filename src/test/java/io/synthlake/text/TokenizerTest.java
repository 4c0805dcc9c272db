package io.synthlake.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void splitsWordsNumbersAndTheSeparatorsBetweenThem() {
    Tokenizer.Tokens tokens = Tokenizer.split("  Chicago O'Hare Intl, Gate 12-B ");
    assertThat(tokens.tokens()).containsExactly("Chicago", "O'Hare", "Intl", "Gate", "##", "B");
    assertThat(tokens.separators()).containsExactly(" ", " ", ", ", " ", "-");
  }

  @Test
  void numbersKeepOnlyTheirShapeAndLettersOfAnyScriptAreWords() {
    assertThat(Tokenizer.split("Route 66 à Zürich 2024").tokens()).containsExactly("Route", "##", "à", "Zürich",
        "####");
    assertThat(Tokenizer.kindOf("###")).isEqualTo(Tokenizer.TokenKind.NUMBER);
    assertThat(Tokenizer.kindOf("Route")).isEqualTo(Tokenizer.TokenKind.WORD);
  }

  @Test
  void aValueWithoutLettersOrDigitsHasNoTokenAndALongOneStopsAtTheCap() {
    assertThat(Tokenizer.split("-- / --").size()).isZero();
    assertThat(Tokenizer.split("a ".repeat(1000)).size()).isEqualTo(Tokenizer.MAX_TOKENS);
  }

  @Test
  void lettersCaseIsClassifiedAndApplied() {
    assertThat(List.of("Airport", "A", "airport", "USA", "McAllen").stream().map(Tokenizer.Case::of).toList())
        .containsExactly(Tokenizer.Case.TITLE, Tokenizer.Case.TITLE, Tokenizer.Case.LOWER, Tokenizer.Case.UPPER,
            Tokenizer.Case.MIXED);
    assertThat(Tokenizer.Case.UPPER.apply("Perry")).isEqualTo("PERRY");
    assertThat(Tokenizer.Case.TITLE.apply("perry")).isEqualTo("Perry");
  }
}
