package io.synthlake.model;

import java.util.Objects;

/**
 * The folded rare categories: their total share, and what generate makes up new labels from (the rare labels
 * themselves are never stored): the semantic type's generator, else the column's word model, else the shape of its
 * strings.
 */
public record OtherBucket(double probability, StringShape shape, WordModel words, SemanticText semantic) {
  public OtherBucket {
    Checks.probability(probability, "other.probability");
    Objects.requireNonNull(shape, "other.shape is required");
  }

  public OtherBucket(double probability, StringShape shape) {
    this(probability, shape, null, null);
  }

  /** The same bucket with another share (a label table's or a rule's). */
  public OtherBucket withProbability(double share) {
    return new OtherBucket(share, shape, words, semantic);
  }

  /** The same bucket with a word model and semantic type. */
  public OtherBucket withText(WordModel wordModel, SemanticText semanticText) {
    return new OtherBucket(probability, shape, wordModel, semanticText);
  }
}
