package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * Privacy against the rows a fit held out (report.json's {@code privacy.holdout}).
 *
 * <p>DCR share: for each sampled synthetic row, is its closest training row nearer than its closest held-out row?
 * The training rows compared are a random sample as large as the holdout, so that the ideal is 0.5 whatever the
 * split; a ratio well above 0.5 says the model copies what it saw. Ties count half.
 *
 * <p>Membership inference: an attacker scores each of a balanced set of training and held-out rows by its
 * distance to the nearest synthetic row (nearer = more likely a member). {@code mia-auc} is the area under that
 * score's ROC curve (ties count half; Mann-Whitney), and the advantage 2·AUC - 1 its gain over guessing.
 *
 * @param fraction the share of source rows held out
 * @param trainingRows source rows the fit saw
 * @param holdoutRows source rows it held out
 * @param dcrSampleRows synthetic rows compared (0 when not measured)
 * @param dcrShare the share of them nearer to a training row than to any held-out row (null when not measured)
 * @param miaRows training rows, and as many held-out rows, scored by the attacker
 * @param miaAuc the attack's AUC (null when not measured)
 * @param miaAdvantage 2·AUC - 1 (null when not measured)
 */
@JsonPropertyOrder({"fraction", "training-rows", "holdout-rows", "dcr-sample-rows", "dcr-share", "mia-rows",
    "mia-auc", "mia-advantage"})
public record HoldoutPrivacy(double fraction, long trainingRows, long holdoutRows, int dcrSampleRows,
    Double dcrShare, int miaRows, Double miaAuc, Double miaAdvantage) {

  /** The measures from the distances, each array in the same order of queries. */
  public static HoldoutPrivacy of(double fraction, long trainingRows, long holdoutRows, double[] syntheticToTraining,
      double[] syntheticToHoldout, double[] membersToSynthetic, double[] nonMembersToSynthetic) {
    Double share = syntheticToTraining.length == 0 ? null
        : closerToTraining(syntheticToTraining, syntheticToHoldout);
    Double auc = membersToSynthetic.length == 0 || nonMembersToSynthetic.length == 0 ? null
        : auc(membersToSynthetic, nonMembersToSynthetic);
    return new HoldoutPrivacy(fraction, trainingRows, holdoutRows, syntheticToTraining.length, share,
        membersToSynthetic.length, auc, auc == null ? null : 2 * auc - 1);
  }

  /** The share of queries nearer to training than to holdout, ties half. */
  static double closerToTraining(double[] toTraining, double[] toHoldout) {
    double closer = 0;
    for (int i = 0; i < toTraining.length; i++) {
      closer += toTraining[i] < toHoldout[i] ? 1 : toTraining[i] == toHoldout[i] ? 0.5 : 0;
    }
    return closer / toTraining.length;
  }

  /**
   * P(a member is nearer than a non-member) + P(tie) / 2: the Mann-Whitney U of the negated distances over the
   * product of the group sizes, from mid-ranks of the pooled, sorted distances.
   */
  static double auc(double[] members, double[] nonMembers) {
    int m = members.length;
    int n = nonMembers.length;
    double[] pooled = new double[m + n];
    System.arraycopy(members, 0, pooled, 0, m);
    System.arraycopy(nonMembers, 0, pooled, m, n);
    Integer[] order = new Integer[m + n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Descending distance: rank 1 is the farthest, so a higher rank sum means nearer.
    Arrays.sort(order, (a, b) -> Double.compare(pooled[b], pooled[a]));
    double memberRanks = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && pooled[order[j + 1]] == pooled[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (order[k] < m) {
          memberRanks += midRank;
        }
      }
      i = j + 1;
    }
    double u = memberRanks - m * (m + 1.0) / 2;
    return u / ((double) m * n);
  }
}
