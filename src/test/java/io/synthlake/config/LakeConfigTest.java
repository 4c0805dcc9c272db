package io.synthlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthlake.errors.SynthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared foreign keys in a lake file: parents first, and every wrong declaration named. */
class LakeConfigTest {
  @TempDir Path tmp;

  private LakeConfig load(String tables) throws IOException {
    Path file = tmp.resolve("lake.yaml");
    Files.writeString(file, "lake: {models: m, output: o, reports: r}\ndefaults:\n  source: {format: csv}\n"
        + "tables:\n" + tables);
    return ConfigLoader.loadLake(file);
  }

  @Test
  void parentsComeBeforeTheTablesThatReferenceThem() throws IOException {
    LakeConfig lake = load("""
          flights:
            source: {path: flights.csv}
            foreign-keys:
              - {columns: [origin], references: {table: airports, columns: [iata]}}
              - {columns: [destination], references: {table: airports, columns: [iata]}}
          airports:
            source: {path: airports.csv}
          routes:
            source: {path: routes.csv}
            foreign-keys:
              - {columns: [from_code, carrier], references: {table: flights, columns: [origin, carrier]}}
        """);
    assertThat(lake.refreshOrder()).extracting(LakeConfig.LakeTable::name)
        .containsExactly("airports", "flights", "routes");
    assertThat(lake.tables().get("flights").foreignKeys()).hasSize(2);
    assertThat(lake.tables().get("routes").foreignKeys().get(0).references().columns())
        .containsExactly("origin", "carrier");
  }

  @Test
  void aLakeRefusesToAugmentATableWithItsRealRows() {
    assertThatThrownBy(() -> load("""
          people:
            source: {path: people.csv}
            generate: {augment: true, rebalance: sex}
        """))
        .isInstanceOf(SynthException.class)
        .hasMessageContaining("table people: generate.augment writes the source's real rows, which a lake refresh "
            + "never copies; augment with synth generate --augment, next to production");
  }

  @Test
  void wrongDeclarationsAreNamedWithTheirTableAndKey() {
    assertThatThrownBy(() -> load("""
          flights:
            source: {path: flights.csv}
            foreign-keys:
              - {columns: [origin], references: {table: airport, columns: [iata]}}
              - {columns: [a, b], references: {table: flights, columns: [c, d]}}
              - {columns: [x], references: {table: codes, columns: [y, z]}}
          airports:
            source: {path: airports.csv}
          codes:
            mode: copy
            source: {path: codes.csv}
        """))
        .isInstanceOf(SynthException.class)
        .hasMessageContaining("table flights, foreign key 1: references table 'airport', which the lake file does "
            + "not have (did you mean 'airports'?)")
        .hasMessageContaining("table flights, foreign key 2: a table cannot reference itself")
        .hasMessageContaining("table flights, foreign key 3: 1 columns reference 2 columns of codes")
        .hasMessageContaining("references table codes in mode copy; a synthesized table's foreign key needs a "
            + "synthesized parent");
  }

  @Test
  void aCycleOfForeignKeysIsRefusedNamingIt() {
    assertThatThrownBy(() -> load("""
          a:
            source: {path: a.csv}
            foreign-keys: [{columns: [b_id], references: {table: b, columns: [id]}}]
          b:
            source: {path: b.csv}
            foreign-keys: [{columns: [c_id], references: {table: c, columns: [id]}}]
          c:
            source: {path: c.csv}
            foreign-keys: [{columns: [a_id], references: {table: a, columns: [id]}}]
        """))
        .hasMessageContaining("foreign keys form a cycle: a -> b -> c -> a");
  }

  @Test
  void aTablesMalformedRuleIsNamedWithTheTableAndLine() {
    assertThatThrownBy(() -> load("""
          people:
            source: {path: people.csv}
            fit:
              rules:
                - age -> band
                - start =< end
        """))
        .hasMessageEndingWith(": line 10: table people: fit.rules[1]: 'start =< end': expected an operator (->, <=, "
            + "<, >=, >, =) or 'is null' after 'start' at character 7, got '=<'");
  }
}
