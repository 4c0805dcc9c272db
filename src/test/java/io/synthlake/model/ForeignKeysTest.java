package io.synthlake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fitted model's key column becomes a foreign key, out of the copula. */
class ForeignKeysTest {
  @Test
  void theKeyColumnLeavesTheCopulaAndTheRestOfTheMatrixStays() {
    SynthModel model = TestModels.everyMarginal();
    FanOut fanOut = new FanOut(new double[] {0, 1}, new double[] {0, 1});
    SynthModel keyed = ForeignKeys.apply(model, Map.of("price", new ForeignKeyMarginal("products", "price_id",
        "price", fanOut)));
    ColumnModel price = keyed.column("price").orElseThrow();
    assertThat(price.kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(price.marginal()).isEqualTo(new ForeignKeyMarginal("products", "price_id", "price", fanOut));
    assertThat(price.nullFraction()).isEqualTo(0.1);
    // capital_gain × city keeps its correlation, -0.2.
    assertThat(keyed.copula().columns()).containsExactly("capital_gain", "city");
    assertThat(keyed.copula().correlation()[0][1]).isEqualTo(-0.2);
    assertThat(keyed.notes()).anyMatch(n -> n.message().startsWith("foreign key to products.price_id"));
    assertThat(ModelJson.read(ModelJson.write(keyed), "k.json")).isEqualTo(keyed);
  }
}
