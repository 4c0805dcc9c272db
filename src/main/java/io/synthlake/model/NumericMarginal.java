package io.synthlake.model;

import java.util.List;

/**
 * A numeric column (also dates and timestamps, as numbers) as a mixture: atoms hold exact point masses, the
 * continuous part the rest of the finite values, and {@code nonFinite} the NaN and infinite values.
 *
 * <p>Atom probabilities are shares of the finite values; the continuous part holds {@code 1 - sum(atoms)} of
 * them (absent when the atoms hold everything). {@code resolution} is the step every finite value is a multiple
 * of (1 for integers, 0.01 for cents, 1e6 for timestamps in whole seconds; 0 when there is none).
 */
public record NumericMarginal(double resolution, List<Atom> atoms, ContinuousPart continuous, NonFinite nonFinite)
    implements Marginal {
  public NumericMarginal {
    Checks.require(Double.isFinite(resolution) && resolution >= 0, "resolution must be >= 0, got %s", resolution);
    atoms = atoms == null ? List.of() : List.copyOf(atoms);
    double atomMass = 0;
    for (int i = 0; i < atoms.size(); i++) {
      atomMass += atoms.get(i).probability();
      if (i > 0) {
        Checks.require(atoms.get(i).value() > atoms.get(i - 1).value(),
            "atoms must be sorted by value without repeats (at %s)", atoms.get(i).value());
      }
    }
    Checks.require(atomMass <= 1 + Checks.PROBABILITY_SUM_TOLERANCE, "atom probabilities add up to %s > 1",
        atomMass);
    Checks.require(continuous != null || atoms.isEmpty() || Math.abs(atomMass - 1) <= Checks.PROBABILITY_SUM_TOLERANCE,
        "atom probabilities must add up to 1 when there is no continuous part, got %s", atomMass);
    Checks.require(continuous != null || !atoms.isEmpty() || (nonFinite != null && nonFinite.total() > 0),
        "a numeric marginal needs atoms, a continuous part or non-finite values");
  }
}
