package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The holdout measures against direct counts over every pair (the definition, O(n²)). */
class HoldoutPrivacyTest {
  private static double bruteForceAuc(double[] members, double[] nonMembers) {
    double wins = 0;
    for (double m : members) {
      for (double n : nonMembers) {
        wins += m < n ? 1 : m == n ? 0.5 : 0;
      }
    }
    return wins / (members.length * (double) nonMembers.length);
  }

  @Test
  void aucIsTheShareOfPairsWhereTheMemberIsNearerWithTiesHalf() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int m = 1 + random.nextInt(40);
      int n = 1 + random.nextInt(40);
      double[] members = new double[m];
      double[] nonMembers = new double[n];
      // Coarse distances, so that ties within and across the groups are common.
      for (int i = 0; i < m; i++) {
        members[i] = random.nextInt(6) / 5.0;
      }
      for (int i = 0; i < n; i++) {
        nonMembers[i] = random.nextInt(6) / 5.0 + (trial % 2) * 0.1;
      }
      assertThat(HoldoutPrivacy.auc(members, nonMembers)).isCloseTo(bruteForceAuc(members, nonMembers),
          within(1e-12));
    }
    assertThat(HoldoutPrivacy.auc(new double[] {0.1, 0.2}, new double[] {0.3, 0.4})).isEqualTo(1.0);
    assertThat(HoldoutPrivacy.auc(new double[] {0.5, 0.5}, new double[] {0.5})).isEqualTo(0.5);
    // Large samples: the rank sums pass 2^31 (the closed form m(m+1)/2 must not overflow).
    double[] near = new double[60_000];
    double[] far = new double[60_000];
    java.util.Arrays.fill(near, 0.1);
    java.util.Arrays.fill(far, 0.2);
    assertThat(HoldoutPrivacy.auc(near, far)).isEqualTo(1.0);
    assertThat(HoldoutPrivacy.auc(far, near)).isEqualTo(0.0);
  }

  @Test
  void theDcrShareCountsNearerToTrainingWithTiesHalfAndTheAdvantageIsTwiceAucLessOne() {
    HoldoutPrivacy privacy = HoldoutPrivacy.of(0.2, 800, 200, new double[] {0.1, 0.2, 0.3, 0.4},
        new double[] {0.2, 0.2, 0.1, 0.5}, new double[] {0.1, 0.3}, new double[] {0.2, 0.4});
    // Nearer to training in rows 0 and 3, a tie in row 1.
    assertThat(privacy.dcrShare()).isEqualTo(2.5 / 4);
    assertThat(privacy.dcrSampleRows()).isEqualTo(4);
    assertThat(privacy.miaAuc()).isEqualTo(0.75);
    assertThat(privacy.miaAdvantage()).isCloseTo(0.5, within(1e-12));
    HoldoutPrivacy unmeasured = HoldoutPrivacy.of(0.2, 800, 200, new double[0], new double[0], new double[0],
        new double[0]);
    assertThat(unmeasured.dcrShare()).isNull();
    assertThat(unmeasured.miaAuc()).isNull();
  }
}
