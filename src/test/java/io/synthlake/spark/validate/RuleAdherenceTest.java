package io.synthlake.spark.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.errors.ExitCode;
import io.synthlake.spark.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The rules check end to end on a crafted pair of tables: a city → state → country hierarchy, a sum, two orders, a
 * null pattern and an implication hold in the source; the synthetic table breaks four of them in known rows.
 */
class RuleAdherenceTest extends SparkTestBase {
  private static final StructType SCHEMA = StructType.fromDDL("city STRING, state STRING, country STRING, "
      + "price INT, tax INT, total INT, start DATE, `end` DATE, coupon STRING, discount INT, plan STRING, "
      + "support STRING");
  private static final String[] CITIES = {"Oslo", "Drammen", "Bergen", "Voss", "Rome", "Tivoli", "Milan",
      "Bergamo"};
  private static final String[] STATES = {"Ostlandet", "Vestland", "Lazio", "Lombardy"};
  private static final String[] COUNTRIES = {"Norway", "Italy"};
  private static final String[] SUPPORT = {"none", "email", "phone"};
  private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);

  /** Row i of either table: columns built from i, plan and support drawn at random (free → none). */
  private static Object[] row(int i, Random random) {
    int c = i % 8;
    int price = 100 + (int) ((i * 7919L) % 1500);
    int tax = (i * 31) % 50 + 1;
    LocalDate start = EPOCH.plusDays((i * 13L) % 365);
    boolean noCoupon = i % 5 == 0;
    String plan = random.nextInt(3) == 0 ? "free" : random.nextBoolean() ? "pro" : "team";
    String support = plan.equals("free") ? "none" : SUPPORT[random.nextInt(3)];
    return new Object[] {CITIES[c], STATES[c / 2], COUNTRIES[c / 4], price, tax, price + tax,
        Date.valueOf(start), Date.valueOf(start.plusDays(1 + i % 30)), noCoupon ? null : "C" + i % 7,
        noCoupon ? null : 5 + i % 3 * 5, plan, support};
  }

  private static List<Row> source() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Object[] values = row(i, random);
      if (i >= 1997) {
        // A city and a plan seen 3 times (< m = 5): they follow every rule, and no report may name them.
        values[0] = "Hamlet";
        values[1] = "Lombardy";
        values[2] = "Italy";
        values[10] = "trial";
        values[11] = "none";
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  @Test
  void rulesFoundOnTheSourceAreMeasuredOnTheSyntheticTableReportedAndGated() throws Exception {
    spark.createDataFrame(source(), SCHEMA).write().parquet(path("rules-source"));
    Random random = new Random(12);
    List<Row> synthetic = new ArrayList<>();
    int free = 0;
    int freeBroken = 0;
    for (int j = 0; j < 1000; j++) {
      Object[] values = row(j, random);
      if (j % 100 == 0) {
        values[5] = (Integer) values[5] + 1;
      }
      if (j == 5 || j == 15 || j == 25 || j == 35) {
        values[9] = 5;
      }
      if (j >= 500 && j < 520) {
        // A city the source lacks: it obeys city -> state when it keeps its own most frequent state.
        values[0] = "Atlantis";
        values[1] = j < 515 ? "Nowhere" : "Elsewhere";
        values[2] = "Norway";
      }
      if (values[10].equals("free")) {
        free++;
        if (freeBroken < 3 && j > 40 && j % 100 != 0) {
          values[11] = "email";
          freeBroken++;
        }
      }
      synthetic.add(RowFactory.create(values));
    }
    spark.createDataFrame(synthetic, SCHEMA).write().parquet(path("rules-synthetic"));
    Path job = tmp.resolve("rules.yaml");
    Files.writeString(job, "validate:\n  dcr-sample-rows: 0\n  gates:\n    min-rule-adherence: 0.995\n");
    String report = path("rules-report");
    CliRun run = synth("validate", "--config", job.toString(), "--source", path("rules-source"), "--synthetic",
        path("rules-synthetic"), "--report", report);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.QUALITY.code());
    assertThat(run.err()).containsOnlyOnce("quality gate failed").contains("rule adherence 0.9900 (total = price + "
        + "tax) is below validate.gates.min-rule-adherence 0.9950");
    assertThat(run.out()).contains("  rules: 8 found on the source, lowest adherence 99.0% (total = price + tax)");

    JsonNode rules = new ObjectMapper().readTree(Files.readString(Path.of(report, "report.json"))).get("rules");
    assertThat(rules.get("min-count").asInt()).isEqualTo(5);
    Map<String, Double> adherence = new LinkedHashMap<>();
    Map<String, long[]> figures = new LinkedHashMap<>();
    for (JsonNode rule : rules.get("rules")) {
      adherence.put(rule.get("rule").asText(), rule.get("adherence").asDouble());
      figures.put(rule.get("rule").asText(), new long[] {rule.get("source-rows").asLong(),
          rule.get("source-exceptions").asLong(), rule.get("synthetic-rows").asLong(),
          rule.get("synthetic-exceptions").asLong()});
    }
    assertThat(adherence).containsOnlyKeys("city -> state", "city -> country", "state -> country", "price < total",
        "start < end", "total = price + tax", "coupon is null <-> discount is null",
        "plan = 'free' -> support = 'none'");
    assertThat(adherence.get("city -> state")).isCloseTo(0.995, within(1e-12));
    assertThat(adherence.get("city -> country")).isEqualTo(1.0);
    assertThat(adherence.get("state -> country")).isEqualTo(1.0);
    assertThat(adherence.get("price < total")).isEqualTo(1.0);
    assertThat(adherence.get("start < end")).isEqualTo(1.0);
    assertThat(adherence.get("total = price + tax")).isCloseTo(0.99, within(1e-12));
    assertThat(adherence.get("coupon is null <-> discount is null")).isCloseTo(0.996, within(1e-12));
    assertThat(freeBroken).isEqualTo(3);
    assertThat(adherence.get("plan = 'free' -> support = 'none'")).isCloseTo((free - 3) / (double) free,
        within(1e-12));
    assertThat(figures.get("city -> state")).containsExactly(2000, 0, 1000, 5);
    assertThat(figures.get("coupon is null <-> discount is null")).containsExactly(2000, 0, 1000, 4);
    assertThat(figures.get("plan = 'free' -> support = 'none'")[3]).isEqualTo(3);

    assertThat(rules.get("rule-adherence").asDouble()).isCloseTo(0.99, within(1e-12));
    assertThat(rules.get("lowest").asText()).isEqualTo("total = price + tax");
    assertThat(rules.get("row-weighted-adherence").asDouble()).isCloseTo((7000 + free - 22) / (7000.0 + free),
        within(1e-12));
    JsonNode found = rules.get("found");
    assertThat(List.of(found.get("dependency").asInt(), found.get("order").asInt(), found.get("sum").asInt(),
        found.get("null-pattern").asInt(), found.get("implication").asInt(), found.get("exclusion").asInt()))
        .containsExactly(3, 2, 1, 1, 1, 0);
    // tax and discount lie below price and total by their ranges alone: counted, not listed.
    assertThat(rules.get("orders-implied-by-ranges").asInt()).isEqualTo(4);
    // Four numeric columns pair up six ways, and the two dates once.
    assertThat(rules.at("/tested/order").asInt()).isEqualTo(7);
    assertThat(rules.at("/tested/null-pattern").asInt()).isEqualTo(1);
    assertThat(rules.at("/tested/sum").asInt()).isPositive();

    String json = Files.readString(Path.of(report, "report.json"));
    String html = Files.readString(Path.of(report, "report.html"));
    for (String rare : List.of("Hamlet", "trial")) {
      assertThat(json).doesNotContain(rare);
      assertThat(html).doesNotContain(rare);
    }
    assertThat(html).contains("<section id=\"rules\"><h2>Rules</h2>").contains("8 rules found on the source");
    int table = html.indexOf("id=\"rule-table\"");
    assertThat(html.indexOf("<code>total = price + tax</code>", table)).isPositive()
        .isLessThan(html.indexOf("<code>city -&gt; state</code>", table));
  }
}
