package io.synthlake.model;

/** A value that holds a point mass: the share of finite values exactly equal to it (e.g. capital-gain = 0). */
public record Atom(double value, double probability) {
  public Atom {
    Checks.finite(value, "atom value");
    Checks.probability(probability, "atom probability");
  }
}
