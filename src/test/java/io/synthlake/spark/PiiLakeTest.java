package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.errors.ExitCode;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.PiiMarginal;
import io.synthlake.model.SynthModel;
import io.synthlake.pii.PiiType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Personal data in a lake: detected or declared, replaced by fake values in synthesized and masked tables, never
 * equal to a source value, and pseudonymised consistently across tables. The sources are made with datafaker
 * itself (another seed), so fake values often collide with source values and the avoidance is really exercised.
 */
class PiiLakeTest extends SparkTestBase {
  private static Path lakeFile;
  private static Path people;
  private static Path customers;
  private static Path orders;
  private static Path tickets;
  private static CliRun run;

  @BeforeAll
  static void refreshLake() throws IOException {
    Faker faker = new Faker(Locale.US, new Random(11));
    Random random = new Random(12);
    String[] cities = {"Austin", "Boston", "Chicago", "Denver", "Seattle"};
    // First names come from a list of a few thousand, so fake ones often equal a source's: they must be redrawn.
    StringBuilder peopleCsv = new StringBuilder("person_id,first_name,full_name,email,phone,reach,city,age\n");
    for (int i = 0; i < 400; i++) {
      peopleCsv.append(i).append(',').append(faker.name().firstName()).append(',').append(faker.name().firstName())
          .append(' ').append(faker.name().lastName())
          .append(',').append(faker.internet().emailAddress()).append(',')
          .append(random.nextDouble() < 0.1 ? "" : faker.phoneNumber().cellPhone()).append(',')
          .append(faker.internet().emailAddress()).append(',').append(cities[random.nextInt(5)]).append(',')
          .append(18 + random.nextInt(60)).append('\n');
    }
    StringBuilder customersCsv = new StringBuilder("customer_id,first_name,name,email,tier\n");
    String[] emails = new String[300];
    for (int i = 0; i < 300; i++) {
      emails[i] = faker.internet().emailAddress();
      customersCsv.append(i).append(',').append(faker.name().firstName()).append(',')
          .append(faker.name().firstName()).append(' ')
          .append(faker.name().lastName()).append(',').append(emails[i]).append(',')
          .append(random.nextInt(3) == 0 ? "gold" : "basic").append('\n');
    }
    StringBuilder ordersCsv = new StringBuilder("order_id,customer_email,amount\n");
    for (int i = 0; i < 1000; i++) {
      ordersCsv.append(i).append(',').append(emails[random.nextInt(300)]).append(',')
          .append(random.nextInt(10_000) / 100.0).append('\n');
    }
    StringBuilder ticketsCsv = new StringBuilder("ticket_id,status,agent_first_name,notes,contact_phone\n");
    for (int i = 0; i < 200; i++) {
      ticketsCsv.append(i).append(',').append(random.nextBoolean() ? "open" : "closed").append(',')
          .append(faker.name().firstName()).append(',')
          .append(random.nextDouble() < 0.2 ? "" : "\"" + faker.lorem().sentence() + "\"").append(',')
          .append(faker.phoneNumber().cellPhone()).append('\n');
    }
    people = write("people.csv", peopleCsv);
    customers = write("customers.csv", customersCsv);
    orders = write("orders.csv", ordersCsv);
    tickets = write("tickets.csv", ticketsCsv);
    Path key = tmp.resolve("pii.key");
    Files.writeString(key, "a-test-key-that-is-long-enough\n");
    lakeFile = tmp.resolve("pii-lake.yaml");
    Files.writeString(lakeFile, "lake:\n  models: " + path("p-models") + "\n  output: " + path("p-tables")
        + "\n  reports: " + path("p-reports") + "\n  seed: 5\n"
        + "defaults:\n  source: {format: csv, options: {header: \"true\"}}\n  generate: {scale: 1.0}\n"
        + "  pii: {key-file: " + key + "}\n"
        + "tables:\n"
        + "  people:\n    source: {path: " + people + "}\n    pii: {locale: de-DE}\n"
        + "  customers:\n    mode: mask\n    source: {path: " + customers + "}\n    pii: {strategy: pseudonymize}\n"
        + "  orders:\n    mode: mask\n    source: {path: " + orders + "}\n    pii: {strategy: pseudonymize}\n"
        + "  tickets:\n    mode: mask\n    source: {path: " + tickets + "}\n    pii: {columns: {notes: free-text}}\n");
    run = synth("lake", "--config", lakeFile.toString());
  }

  @Test
  void personalDataIsFoundByNameValuesOrDeclarationAndNothingOfItIsModelled() throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    SynthModel model = readModel(Path.of(path("p-models/people.model.json")));
    assertThat(pii(model, "full_name").fake()).isEqualTo(PiiType.FULL_NAME);
    assertThat(pii(model, "email").detectedBy()).isEqualTo("its name");
    assertThat(pii(model, "phone").fake()).isEqualTo(PiiType.PHONE);
    assertThat(pii(model, "reach").fake()).isEqualTo(PiiType.EMAIL);
    assertThat(pii(model, "reach").detectedBy()).startsWith("its values (100% of 400 sampled look like e-mail");
    assertThat(pii(model, "email").locale()).isEqualTo("de-DE");
    assertThat(model.column("city").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(model.column("phone").orElseThrow().nullFraction()).isCloseTo(0.1, within(0.04));
    String text = Files.readString(Path.of(path("p-models/people.model.json")));
    Dataset<Row> source = csv(people);
    for (String column : List.of("full_name", "email", "phone", "reach")) {
      for (Row row : source.select(column).where(functions.col(column).isNotNull()).collectAsList()) {
        assertThat(text).as("model text holds a source " + column).doesNotContain("\"" + row.getString(0) + "\"");
      }
    }
    assertThat(pii(model, "first_name").fake()).isEqualTo(PiiType.FIRST_NAME);
    assertThat(run.out()).contains("tickets (mask): masked 200 rows with fake: agent_first_name (first-name, by its "
        + "name), notes (free-text, by declared), contact_phone (phone, by its name)");
  }

  @Test
  void noOutputValueOfPersonalDataEqualsASourceValue() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    Dataset<Row> synthetic = spark.read().parquet(path("p-tables/people"));
    assertThat(synthetic.count()).isEqualTo(400);
    Dataset<Row> allSourceEmails = csv(people).select(functions.col("email").as("v"))
        .union(csv(people).select(functions.col("reach").as("v")))
        .union(csv(customers).select(functions.col("email").as("v")))
        .union(csv(orders).select(functions.col("customer_email").as("v")));
    assertNoneShared(synthetic, csv(people), "first_name", "full_name", "email", "phone", "reach");
    assertNoneShared(spark.read().parquet(path("p-tables/customers")), csv(customers), "first_name", "name",
        "email");
    assertNoneShared(spark.read().parquet(path("p-tables/orders")), csv(orders), "customer_email");
    assertNoneShared(spark.read().parquet(path("p-tables/tickets")), csv(tickets), "agent_first_name", "notes",
        "contact_phone");
    assertThat(spark.read().parquet(path("p-tables/orders")).select(functions.col("customer_email").as("v"))
        .intersect(allSourceEmails).count()).as("masked e-mails equal to any source e-mail").isZero();

    long germanDomains = synthetic.where(functions.col("email").endsWith(".de")).count();
    assertThat(germanDomains).as("de-DE e-mails at .de domains, of 400").isGreaterThan(100);
    assertThat(synthetic.where(functions.col("email").rlike("^[^@ ]+@[^@ ]+\\.[a-z]{2,}$")).count())
        .isEqualTo(400);
    assertThat(synthetic.where(functions.col("phone").isNull()).count() / 400.0).isCloseTo(0.1, within(0.05));
  }

  @Test
  void maskedTablesKeepTheirRowsAndOtherColumnsAndPseudonymsAgreeAcrossTables() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    Dataset<Row> maskedCustomers = spark.read().parquet(path("p-tables/customers"));
    Dataset<Row> maskedOrders = spark.read().parquet(path("p-tables/orders"));
    Dataset<Row> maskedTickets = spark.read().parquet(path("p-tables/tickets"));
    assertThat(maskedOrders.count()).isEqualTo(1000);
    assertThat(maskedOrders.select("order_id", "amount").except(csv(orders).select("order_id", "amount")
        .selectExpr("cast(order_id as int) order_id", "cast(amount as double) amount")).count()).isZero();
    assertThat(maskedTickets.where("notes is null").count()).as("null notes stay null")
        .isEqualTo(csv(tickets).where("notes is null").count());

    // Each source e-mail maps to one pseudonym, the same in customers and in orders.
    Dataset<Row> inCustomers = csv(customers).selectExpr("cast(customer_id as int) id", "email source")
        .join(maskedCustomers.selectExpr("customer_id id", "email pseudonym"), "id").select("source", "pseudonym");
    Dataset<Row> inOrders = csv(orders).selectExpr("cast(order_id as int) id", "customer_email source")
        .join(maskedOrders.selectExpr("order_id id", "customer_email pseudonym"), "id").select("source", "pseudonym");
    Dataset<Row> pairs = inCustomers.union(inOrders).distinct();
    assertThat(pairs.count()).as("pairs of source e-mail and pseudonym").isEqualTo(300);
    assertThat(pairs.select("pseudonym").distinct().count()).as("distinct pseudonyms").isGreaterThan(295);
  }

  @Test
  void maskingAgainGivesTheSameValuesAndAMissingKeyIsNamedWithoutWritingAnything() throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Row> before = spark.read().parquet(path("p-tables/tickets")).orderBy("ticket_id").collectAsList();
    CliRun again = synth("lake", "--config", lakeFile.toString(), "--only", "tickets");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(spark.read().parquet(path("p-tables/tickets")).orderBy("ticket_id").collectAsList())
        .isEqualTo(before);

    Path noKey = tmp.resolve("no-key.yaml");
    Files.writeString(noKey, "lake:\n  output: " + path("nokey-tables") + "\ntables:\n  customers:\n    mode: mask\n"
        + "    source: {path: " + customers + ", format: csv, options: {header: \"true\"}}\n"
        + "    pii: {strategy: pseudonymize, key-env: SYNTHLAKE_TEST_KEY_THAT_IS_NOT_SET}\n");
    CliRun refused = synth("lake", "--config", noKey.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(refused.err()).contains("table customers: pseudonymize needs a secret key: set the environment "
        + "variable SYNTHLAKE_TEST_KEY_THAT_IS_NOT_SET or pii.key-file");
    assertThat(Files.exists(Path.of(path("nokey-tables/customers")))).isFalse();
  }

  private static void assertNoneShared(Dataset<Row> output, Dataset<Row> source, String... columns) {
    for (String column : columns) {
      Dataset<Row> values = output.select(column).where(functions.col(column).isNotNull());
      assertThat(values.count()).as(column + " has values").isPositive();
      assertThat(values.intersect(source.select(column)).count()).as(column + " values equal to a source value")
          .isZero();
    }
  }

  private static PiiMarginal pii(SynthModel model, String column) {
    assertThat(model.column(column).orElseThrow().kind()).as(column).isEqualTo(ColumnKind.PII);
    return (PiiMarginal) model.column(column).orElseThrow().marginal();
  }

  private static Dataset<Row> csv(Path file) {
    return spark.read().option("header", "true").csv(file.toString());
  }

  private static Path write(String name, CharSequence text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
