package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthlake.model.FanOut;
import io.synthlake.model.ForeignKeyMarginal;
import io.synthlake.model.ForeignKeys;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TestModels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Foreign keys in the sampler: the parent's own keys, spread by the curve, and types that must agree. */
class ForeignKeyGeneratorTest {
  private static final SynthModel PARENT = TestModels.everyMarginal();

  private static SynthModel child(String column) {
    return ForeignKeys.apply(TestModels.everyMarginal(), Map.of(column, new ForeignKeyMarginal("orders",
        "order_id", column, FanOut.of(Map.of(1L, 40L, 3L, 20L), 100, 64, 5))));
  }

  @Test
  void everyChildValueIsAKeyTheParentGenerates() {
    // The model's own order_id (bigint keys) as the parent; the child's customer_id is a bigint too.
    RecordingSink parentKeys = new RecordingSink();
    TableSampler.of(PARENT, 7, List.of("order_id"), 100).sample(0, 100, new ColumnSink[] {parentKeys});
    Set<Object> keys = new HashSet<>(parentKeys.values);
    assertThat(keys).hasSize(100);
    RecordingSink childKeys = new RecordingSink();
    TableSampler.of(child("customer_id"), 3, List.of("customer_id"), 1000,
        Map.of("orders", new TableSampler.Parent(PARENT, 7, 100))).sample(0, 1000, new ColumnSink[] {childKeys});
    assertThat(childKeys.values).hasSize(1000).allMatch(keys::contains);
    // 40 parents with one child and 20 with three, scaled to 1,000 children: 60% of the parents referenced.
    assertThat(new HashSet<>(childKeys.values)).hasSizeBetween(55, 65);
  }

  @Test
  void aChildColumnOfAnotherTypeThanItsParentKeyIsRefused() {
    assertThatThrownBy(() -> TableSampler.of(child("capital_gain"), 3, List.of("capital_gain"), 10,
        Map.of("orders", new TableSampler.Parent(PARENT, 7, 100))))
        .hasMessage("column capital_gain of table orders is int, but the key it references, orders.order_id, is "
            + "bigint: give both the same type (cast one in its source)");
    assertThatThrownBy(() -> TableSampler.of(child("customer_id"), 3, List.of("customer_id"), 10))
        .hasMessageContaining("is a foreign key to table orders: generate it with synth lake");
  }
}
