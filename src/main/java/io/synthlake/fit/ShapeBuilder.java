package io.synthlake.fit;

import io.synthlake.config.FitConfig;
import io.synthlake.model.Atom;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.PositionShape;
import io.synthlake.model.StringShape;
import io.synthlake.profile.FrequentValues;
import io.synthlake.profile.TextShapeState;
import io.synthlake.profile.TextShapeSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns shape statistics into a {@link StringShape}: lengths as a numeric marginal of whole numbers, the
 * character classes (or shared literal) of each leading position, and the character frequencies. Rare lengths
 * and characters (seen fewer than min-category-count times) are left out, like rare categories.
 */
public final class ShapeBuilder {
  /** Lengths are small integers: a few dozen knots describe their rare tail well enough. */
  static final int LENGTH_KNOTS = 64;

  private ShapeBuilder() {}

  public static StringShape build(TextShapeSummary summary, FitConfig fit) {
    return new StringShape(lengths(summary, fit), positions(summary, fit), characters(summary, fit));
  }

  private static NumericMarginal lengths(TextShapeSummary summary, FitConfig fit) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    List<FrequentValues.Item<Double>> items = new ArrayList<>();
    long[] byLength = summary.lengthCounts();
    long total = 0;
    double weighted = 0;
    for (int length = 0; length < byLength.length; length++) {
      if (byLength[length] > 0) {
        counts.put((double) length, byLength[length]);
        items.add(new FrequentValues.Item<>((double) length, byLength[length], byLength[length]));
        total += byLength[length];
        weighted += (double) length * byLength[length];
      }
    }
    AtomChoice atoms = AtomChoice.choose(new FrequentValues<>(true, 0, items), total, fit);
    NumericEvidence evidence = NumericEvidence.fromCounts(counts, atoms, LENGTH_KNOTS, fit.boundRank());
    NumericMarginal marginal = new NumericMarginalAssembler(fit, LENGTH_KNOTS, false)
        .assemble("length", evidence, 1.0, null, new FitNotes()).marginal();
    if (marginal != null) {
      return marginal;
    }
    // Too few values to describe privately: a single typical length (a length identifies no one).
    double typical = total == 0 ? 0 : Math.rint(weighted / total);
    return new NumericMarginal(1.0, List.of(new Atom(typical, 1.0)), null, null);
  }

  private static List<PositionShape> positions(TextShapeSummary summary, FitConfig fit) {
    List<PositionShape> positions = new ArrayList<>();
    int limit = Math.min(summary.maxLength(), StringShape.MAX_POSITIONS);
    for (int p = 0; p < limit; p++) {
      long[] classes = summary.classCounts()[p];
      long total = classes[0] + classes[1] + classes[2] + classes[3];
      if (total < fit.minCategoryCount()) {
        break;
      }
      Character literal = summary.literals().get(p);
      if (literal != null) {
        positions.add(PositionShape.literal(literal));
      } else {
        positions.add(new PositionShape(null, share(classes[TextShapeState.DIGIT], total),
            share(classes[TextShapeState.UPPER], total), share(classes[TextShapeState.LOWER], total),
            share(classes[TextShapeState.OTHER_CLASS], total)));
      }
    }
    return positions;
  }

  private static Map<String, Double> characters(TextShapeSummary summary, FitConfig fit) {
    long[] counts = summary.characterCounts();
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    Map<String, Double> shares = new TreeMap<>();
    if (total == 0) {
      return shares;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] >= fit.minCategoryCount()) {
        String key = i == TextShapeState.OTHER_CHARACTER
            ? StringShape.OTHER_CHARACTERS
            : String.valueOf((char) (i + TextShapeState.PRINTABLE_FIRST));
        shares.put(key, share(counts[i], total));
      }
    }
    return shares;
  }

  private static double share(long count, long total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
