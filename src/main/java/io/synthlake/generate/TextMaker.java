package io.synthlake.generate;

import io.synthlake.model.SemanticText;
import io.synthlake.model.StringShape;
import io.synthlake.model.WordModel;
import io.synthlake.pii.FakeValues;
import io.synthlake.text.Redraws;
import io.synthlake.text.TextChoice;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Makes up a string value as a pure function of a key: free text, and the labels of a column's folded rare
 * categories. A semantic type with a datafaker generator makes realistic values of its kind, written as the source
 * writes them (case, and what stands between words); otherwise the column's word model makes values of its own
 * words; a code, or a column too small for a word model, gets its character shape.
 */
public sealed interface TextMaker extends Serializable permits TextMaker.Shape, TextMaker.Words,
    TextMaker.Semantic {
  String make(long key);

  /** The value for the key, as UTF-8. */
  default byte[] makeBytes(long key) {
    return make(key).getBytes(StandardCharsets.UTF_8);
  }

  /** What makes the values: semantic, words or shape. */
  String kind();

  /**
   * The value for this key unless {@code taken} holds for it (it might equal a source value): then further keyed
   * draws, and at last numbered variants of the first one, until one is free. Deterministic.
   */
  default String makeAvoiding(long key, Predicate<String> taken) {
    return Redraws.avoiding(this::make, fallback() == null ? null : fallback()::make, key, 0x7e47L, taken,
        "made-up " + kind() + " value");
  }

  /** What makes values once this maker's are all taken: the column's character shape (null for the shape). */
  TextMaker fallback();

  /** The maker for a column's values: semantic generator, else word model, else character shape. */
  static TextMaker of(StringShape shape, WordModel words, SemanticText semantic) {
    Shape characters = new Shape(new ShapedStrings(shape));
    return switch (TextChoice.of(words, semantic)) {
      case SEMANTIC -> new Semantic(semantic, new FakeValues(semantic.locale()), characters);
      case WORDS -> new Words(new WordSampler(words), characters);
      case SHAPE -> characters;
    };
  }

  /** Characters of the column's shape (codes). */
  record Shape(ShapedStrings strings) implements TextMaker {
    @Override
    public String make(long key) {
      return new String(strings.compose(key), StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] makeBytes(long key) {
      return strings.compose(key);
    }

    @Override
    public String kind() {
      return "shape";
    }

    @Override
    public TextMaker fallback() {
      return null;
    }
  }

  /** The column's own words. */
  record Words(WordSampler sampler, Shape fallback) implements TextMaker {
    @Override
    public String make(long key) {
      return sampler.compose(key);
    }

    @Override
    public String kind() {
      return "words";
    }
  }

  /** datafaker's values of the semantic type, in the source's letter case and word separator. */
  record Semantic(SemanticText semantic, FakeValues fakes, Shape fallback) implements TextMaker {
    @Override
    public String make(long key) {
      String value = fakes.fake(semantic.type(), key);
      if (!semantic.space().equals(" ")) {
        value = value.replace(" ", semantic.space());
      }
      return switch (semantic.letterCase()) {
        case UPPER -> value.toUpperCase(Locale.forLanguageTag(semantic.locale()));
        case LOWER -> value.toLowerCase(Locale.forLanguageTag(semantic.locale()));
        case AS_IS -> value;
      };
    }

    @Override
    public String kind() {
      return "semantic " + semantic.type().configName();
    }
  }
}
