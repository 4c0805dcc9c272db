package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.errors.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code synth lake --propose}: foreign keys and personal data found in the data, printed, nothing written. */
class ProposeKeysTest extends SparkTestBase {
  @Test
  void keysContainedInAnotherTablesUniqueColumnAreProposedAndNothingIsWritten() throws IOException {
    Path flights = tmp.resolve("propose-flights.csv");
    Files.write(flights, Files.readAllLines(Path.of("data/lake/flights.csv")).subList(0, 3001));
    // Customers keyed 1..200; orders refer to them by customer_id, and have small whole numbers (quantity) that
    // fall in the key range too but are no key: whole numbers need matching names.
    StringBuilder customers = new StringBuilder("id,email,segment\n");
    for (int i = 1; i <= 200; i++) {
      customers.append(i).append(",user").append(i).append("@example.com,").append(i % 3).append('\n');
    }
    StringBuilder orders = new StringBuilder("order_id,customer_id,quantity,note_code\n");
    java.util.Random random = new java.util.Random(3);
    for (int o = 0; o < 1000; o++) {
      orders.append(o).append(',').append(1 + random.nextInt(200)).append(',').append(1 + random.nextInt(9))
          .append(",N").append(random.nextInt(5)).append('\n');
    }
    Path customerFile = tmp.resolve("propose-customers.csv");
    Path orderFile = tmp.resolve("propose-orders.csv");
    Files.writeString(customerFile, customers);
    Files.writeString(orderFile, orders);
    Path file = tmp.resolve("propose.yaml");
    Files.writeString(file, "lake:\n  models: " + path("pr-models") + "\n  output: " + path("pr-tables")
        + "\ndefaults:\n  source: {format: csv, options: {header: \"true\", inferSchema: \"true\"}}\ntables:\n"
        + "  flights:\n    source: {path: " + flights + "}\n"
        + "  airports:\n    source: {path: " + Path.of("data/lake/airports.csv").toAbsolutePath() + "}\n"
        + "  customers:\n    source: {path: " + customerFile + "}\n"
        + "  orders:\n    source: {path: " + orderFile + "}\n");

    CliRun run = synth("lake", "--config", file.toString(), "--propose");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("  flights:\n    foreign-keys:\n"
            + "      - {columns: [origin], references: {table: airports, columns: [iata]}}  # 100.0% of 3,000 values "
            + "are airports.iata keys; names differ\n"
            + "      - {columns: [destination], references: {table: airports, columns: [iata]}}")
        .contains("  orders:\n    foreign-keys:\n      - {columns: [customer_id], references: {table: customers, "
            + "columns: [id]}}  # 100.0% of 1,000 values are customers.id keys; named after customers")
        .contains("  customers:\n    pii:\n      columns:\n        email: email  # by its name")
        .doesNotContain("columns: [quantity]").doesNotContain("columns: [carrier]")
        .doesNotContain("columns: [note_code]");
    assertThat(Files.exists(Path.of(path("pr-tables")))).isFalse();
    assertThat(Files.exists(Path.of(path("pr-models")))).isFalse();

    CliRun mixed = synth("lake", "--config", file.toString(), "--propose", "--only", "flights");
    assertThat(mixed.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(mixed.err()).contains("--propose looks at every table and writes nothing; leave out --only and "
        + "--phase");
  }
}
