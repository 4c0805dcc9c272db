package io.synthlake.text;

import io.synthlake.model.SemanticText;
import io.synthlake.model.WordModel;

/**
 * What makes a column's made-up values, decided from its model alone so that fit's notes, generate and validate
 * agree: the semantic type's datafaker generator where it has one, else the word model (not for codes), else the
 * character shape.
 */
public enum TextChoice {
  SEMANTIC, WORDS, SHAPE;

  public static TextChoice of(WordModel words, SemanticText semantic) {
    if (semantic != null && semantic.type().faked()) {
      return SEMANTIC;
    }
    boolean code = semantic != null && semantic.type() == SemanticType.CODE;
    return words != null && !code ? WORDS : SHAPE;
  }

  public String description() {
    return switch (this) {
      case SEMANTIC -> "datafaker's generator of the semantic type";
      case WORDS -> "the column's word model";
      case SHAPE -> "the character shape";
    };
  }
}
