package io.synthlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyNamesTest {
  @Test
  void namesThatPointAtATablesKeyAreRecognised() {
    assertThat(KeyNames.evidence("customer_id", "customers", "id")).isEqualTo("named after customers");
    assertThat(KeyNames.evidence("CompanyId", "companies", "id")).isEqualTo("named after companies");
    assertThat(KeyNames.evidence("customer_id", "clients", "customer_id")).isEqualTo("same name");
    assertThat(KeyNames.evidence("billing_customer_id", "clients", "customer_id"))
        .isEqualTo("ends with customer_id");
    assertThat(KeyNames.evidence("id", "customers", "id")).as("every table has an id").isNull();
    assertThat(KeyNames.evidence("quantity", "customers", "id")).isNull();
    assertThat(KeyNames.evidence("origin", "airports", "iata")).isNull();
  }
}
