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
 * character classes (or shared literal) of each leading position, and the character frequencies. Rare lengths,
 * characters and character classes of a position (seen fewer than min-category-count times) are left out, like
 * rare categories.
 */
public final class ShapeBuilder {
  /** Lengths are small integers: a few dozen knots describe their rare tail well enough. */
  static final int LENGTH_KNOTS = 64;

  private ShapeBuilder() {}

  public static StringShape build(TextShapeSummary summary, FitConfig fit) {
    return build(summary, fit, true);
  }

  /**
   * A shape of free text: a literal shared by every value at a position is a piece of the values themselves
   * ("Customer called about ..." would be stored letter by letter), so its positions keep character classes only.
   */
  public static StringShape buildFreeText(TextShapeSummary summary, FitConfig fit) {
    return build(summary, fit, false);
  }

  private static StringShape build(TextShapeSummary summary, FitConfig fit, boolean literals) {
    return new StringShape(lengths(summary, fit), positions(summary, fit, literals), characters(summary, fit));
  }

  private static NumericMarginal lengths(TextShapeSummary summary, FitConfig fit) {
    return counts(summary.lengthCounts(), fit);
  }

  /**
   * A marginal of small whole numbers (lengths, token counts) from exact counts by value (index = value), with the
   * rare values pooled as a column's; a single typical value when there are too few to describe privately.
   */
  static NumericMarginal counts(long[] byLength, FitConfig fit) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    List<FrequentValues.Item<Double>> items = new ArrayList<>();
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

  private static List<PositionShape> positions(TextShapeSummary summary, FitConfig fit, boolean literals) {
    List<PositionShape> positions = new ArrayList<>();
    int limit = Math.min(summary.maxLength(), StringShape.MAX_POSITIONS);
    for (int p = 0; p < limit; p++) {
      long[] classes = summary.classCounts()[p];
      long total = classes[0] + classes[1] + classes[2] + classes[3];
      if (total < fit.minCategoryCount()) {
        break;
      }
      Character literal = literals ? summary.literals().get(p) : null;
      if (literal != null) {
        positions.add(PositionShape.literal(literal));
        continue;
      }
      // A class seen fewer than min-category-count times at a position would tell that a few values have, say,
      // a letter there: it is left out, like a rare category, and the kept classes share the position.
      long[] kept = new long[classes.length];
      long keptTotal = 0;
      for (int c = 0; c < classes.length; c++) {
        kept[c] = classes[c] >= fit.minCategoryCount() ? classes[c] : 0;
        keptTotal += kept[c];
      }
      if (keptTotal == 0) {
        break;
      }
      positions.add(new PositionShape(null, share(kept[TextShapeState.DIGIT], keptTotal),
          share(kept[TextShapeState.UPPER], keptTotal), share(kept[TextShapeState.LOWER], keptTotal),
          share(kept[TextShapeState.OTHER_CLASS], keptTotal)));
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
