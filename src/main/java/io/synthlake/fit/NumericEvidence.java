package io.synthlake.fit;

import io.synthlake.profile.Moments;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Everything known about the finite values of a numeric column once the scans are done, whichever way it was
 * obtained (exact counts from the profile, or sketches from the refine pass).
 *
 * @param finite number of finite values
 * @param atomValues atom values, ascending
 * @param atomCounts exact count of each atom
 * @param nonAtomCount finite values that are not atoms
 * @param gridProbabilities interior probabilities of the quantile grid, ascending in (0, 1)
 * @param gridValues quantiles of the non-atom values at those probabilities
 * @param lowerBound the k-th smallest non-atom value (NaN when there are none)
 * @param upperBound the k-th largest non-atom value (NaN when there are none)
 * @param moments moments of the non-atom values (for parametric candidates)
 */
public record NumericEvidence(
    long finite,
    double[] atomValues,
    long[] atomCounts,
    long nonAtomCount,
    double[] gridProbabilities,
    double[] gridValues,
    double lowerBound,
    double upperBound,
    Moments moments) {

  /** The interior grid j/K, j = 1..K-1, at which quantiles are requested. */
  public static double[] grid(int knots) {
    double[] probabilities = new double[knots - 1];
    for (int j = 1; j < knots; j++) {
      probabilities[j - 1] = (double) j / knots;
    }
    return probabilities;
  }

  /**
   * Evidence from exact counts of every distinct finite value (sorted map value -> count): quantiles, bounds and
   * moments of the non-atom values are exact.
   */
  public static NumericEvidence fromCounts(NavigableMap<Double, Long> counts, AtomChoice atoms, int knots,
      int boundRank) {
    long finite = 0;
    long[] atomCounts = new long[atoms.values().length];
    NavigableMap<Double, Long> rest = new java.util.TreeMap<>();
    for (Map.Entry<Double, Long> entry : counts.entrySet()) {
      finite += entry.getValue();
      int atom = Arrays.binarySearch(atoms.values(), entry.getKey());
      if (atom >= 0) {
        atomCounts[atom] = entry.getValue();
      } else {
        rest.put(entry.getKey(), entry.getValue());
      }
    }
    long nonAtom = rest.values().stream().mapToLong(Long::longValue).sum();
    double[] probabilities = grid(knots);
    double[] values = new double[probabilities.length];
    Moments moments = new Moments();
    rest.forEach(moments::add);
    if (nonAtom == 0) {
      return new NumericEvidence(finite, atoms.values(), atomCounts, 0, probabilities, values, Double.NaN,
          Double.NaN, moments);
    }
    // Lower empirical quantile: the smallest value whose cumulative count reaches p * n.
    int j = 0;
    long cumulative = 0;
    for (Map.Entry<Double, Long> entry : rest.entrySet()) {
      cumulative += entry.getValue();
      while (j < probabilities.length && cumulative >= Math.ceil(probabilities[j] * nonAtom)) {
        values[j++] = entry.getKey();
      }
    }
    while (j < probabilities.length) {
      values[j++] = rest.lastKey();
    }
    return new NumericEvidence(finite, atoms.values(), atomCounts, nonAtom, probabilities, values,
        kth(rest, boundRank, false), kth(rest, boundRank, true), moments);
  }

  /** The k-th smallest (or largest) value of a counted set; with fewer than k values the bounds cross. */
  private static double kth(NavigableMap<Double, Long> counts, int k, boolean largest) {
    long seen = 0;
    for (Map.Entry<Double, Long> entry : (largest ? counts.descendingMap() : counts).entrySet()) {
      seen += entry.getValue();
      if (seen >= k) {
        return entry.getKey();
      }
    }
    return largest ? counts.firstKey() : counts.lastKey();
  }
}
