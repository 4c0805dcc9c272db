package io.synthlake.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a child table's rows spread over its parent's rows, as a Lorenz curve: with parents ordered from the least to
 * the most referenced, {@code childShare[k]} of the children point at the first {@code parentShare[k]} of the
 * parents (both from 0 to 1, piecewise linear between knots). A child finds its parent's rank by inverting the
 * curve at a stratified uniform ((a permutation of its row index + ½) / child rows), so each parent gets its
 * expected number of children, rounded, and the number of children per parent follows the source's distribution
 * at any scale. No parent key is stored or collected.
 *
 * <p>Every knot summarises at least {@code minGroup} parents, so no single parent's count is recorded.
 */
public record FanOut(double[] parentShare, double[] childShare) implements java.io.Serializable {
  public FanOut {
    Checks.require(parentShare.length == childShare.length && parentShare.length >= 2,
        "fan-out needs matching parent and child shares, at least two knots");
    Checks.require(parentShare[0] == 0 && childShare[0] == 0 && parentShare[parentShare.length - 1] == 1
        && childShare[childShare.length - 1] == 1, "fan-out shares must run from 0 to 1");
    for (int k = 1; k < parentShare.length; k++) {
      Checks.require(parentShare[k] > parentShare[k - 1] && childShare[k] >= childShare[k - 1],
          "fan-out shares must rise (knot %d)", k);
    }
    parentShare = parentShare.clone();
    childShare = childShare.clone();
  }

  /**
   * The curve of a source: {@code parentsByChildren} maps a number of children to how many parents have that many
   * (referenced parents only), and {@code parents} counts every parent, so that the unreferenced ones are the
   * curve's flat start.
   *
   * @param knots the most knots to keep
   * @param minGroup the fewest parents a knot may summarise
   */
  public static FanOut of(Map<Long, Long> parentsByChildren, long parents, int knots, int minGroup) {
    TreeMap<Long, Long> counts = new TreeMap<>(parentsByChildren);
    counts.remove(0L);
    long referenced = counts.values().stream().mapToLong(Long::longValue).sum();
    Checks.require(parents >= referenced, "%d parents cannot hold children referencing %d distinct parents",
        parents, referenced);
    long children = counts.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
    Checks.require(children > 0, "fan-out needs at least one child");
    if (parents > referenced) {
      counts.put(0L, parents - referenced);
    }
    int kept = (int) Math.max(1, Math.min(knots - 1, parents / Math.max(1, minGroup)));
    List<Double> parentShares = new ArrayList<>(List.of(0.0));
    List<Double> childShares = new ArrayList<>(List.of(0.0));
    long parentsSoFar = 0;
    long childrenSoFar = 0;
    int next = 1;
    for (Map.Entry<Long, Long> group : counts.entrySet()) {
      long remaining = group.getValue();
      while (remaining > 0) {
        long boundary = Math.round((double) next * parents / kept);
        long take = Math.min(remaining, Math.max(0, boundary - parentsSoFar));
        if (take == 0) {
          next++;
          continue;
        }
        parentsSoFar += take;
        childrenSoFar += take * group.getKey();
        remaining -= take;
        if (parentsSoFar == boundary || parentsSoFar == parents) {
          parentShares.add((double) parentsSoFar / parents);
          childShares.add((double) childrenSoFar / children);
          next++;
        }
      }
    }
    double[] p = parentShares.stream().mapToDouble(Double::doubleValue).toArray();
    double[] c = childShares.stream().mapToDouble(Double::doubleValue).toArray();
    p[p.length - 1] = 1;
    c[c.length - 1] = 1;
    return new FanOut(p, c);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FanOut that && java.util.Arrays.equals(parentShare, that.parentShare)
        && java.util.Arrays.equals(childShare, that.childShare);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(parentShare) + java.util.Arrays.hashCode(childShare);
  }

  @Override
  public String toString() {
    return "FanOut[parentShare=" + java.util.Arrays.toString(parentShare) + ", childShare="
        + java.util.Arrays.toString(childShare) + "]";
  }

  /**
   * The parent rank share (in [0, 1)) for a child's uniform {@code u}: the inverse of the curve, uniform inside
   * the knots' segment, so parents of one segment are equally popular.
   */
  public double parentShareAt(double u) {
    int hi = 1;
    while (hi < childShare.length - 1 && childShare[hi] <= u) {
      hi++;
    }
    int lo = hi - 1;
    double width = childShare[hi] - childShare[lo];
    double within = width <= 0 ? 0 : (u - childShare[lo]) / width;
    double share = parentShare[lo] + within * (parentShare[hi] - parentShare[lo]);
    return Math.min(share, Math.nextDown(1.0));
  }
}
