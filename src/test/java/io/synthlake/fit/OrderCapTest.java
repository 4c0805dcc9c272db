package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many order candidates fit counts: what 5,000 cost on 20 M rows, within [5,000, 50,000]. */
class OrderCapTest {
  @Test
  void theCapFollowsTheRowsWithinItsBounds() {
    assertThat(RuleFinder.orderCap(20_000_000)).isEqualTo(5_000);
    assertThat(RuleFinder.orderCap(100_000_000)).isEqualTo(5_000);
    assertThat(RuleFinder.orderCap(10_000_000)).isEqualTo(10_000);
    // communities_crime: 2,215 rows, 8,727 candidates, all counted.
    assertThat(RuleFinder.orderCap(2_215)).isEqualTo(50_000);
    assertThat(RuleFinder.orderCap(0)).isEqualTo(50_000);
  }
}
