package io.synthlake.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthlake.config.FitConfig;
import io.synthlake.fit.ColumnSpec;
import io.synthlake.fit.FitNotes;
import io.synthlake.fit.RuleCounts;
import io.synthlake.fit.RuleFinder;
import io.synthlake.fit.SourceType;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.ModelNote;
import io.synthlake.model.NullPatternRule;
import io.synthlake.model.Rule;
import io.synthlake.model.SynthModel;
import io.synthlake.rules.RuleSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * A column whose nulls follow several columns, from fit's counts to generated rows, without Spark: fit keeps one
 * pattern with every determining column, generate makes the column null wherever any of them is, and the column
 * keeps its source share of nulls although generate draws the determining columns independently.
 */
class NullPatternsTest {
  private static final int SOURCE_ROWS = 4000;
  private static final int ROWS = 20_000;
  private static final List<String> NAMES = List.of("a", "b", "c", "d");

  /** A source table of four string columns; nulls[r][i] says whether column i is null in row r. */
  private record Source(boolean[][] nulls) {
    double share(int column) {
      long count = 0;
      for (boolean[] row : nulls) {
        count += row[column] ? 1 : 0;
      }
      return (double) count / nulls.length;
    }
  }

  /**
   * Per row one uniform u and one more draw: a is null where {@code a(u)}, b where {@code b(u)}, d exactly where a
   * is, c where a or b is and elsewhere in about {@code otherwise} of the rows.
   */
  private static Source source(DoublePredicate a, DoublePredicate b, double otherwise) {
    Random random = new Random(17);
    boolean[][] nulls = new boolean[SOURCE_ROWS][];
    for (int r = 0; r < SOURCE_ROWS; r++) {
      double u = random.nextDouble();
      boolean alone = random.nextDouble() < otherwise;
      nulls[r] = new boolean[] {a.test(u), b.test(u), a.test(u) || b.test(u) || alone, a.test(u)};
    }
    return new Source(nulls);
  }

  private static List<NullPatternRule> fit(Source source, List<String> declared, FitNotes notes) {
    List<RuleFinder.Column> columns = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      long nonNull = Math.round(SOURCE_ROWS * (1 - source.share(i)));
      columns.add(new RuleFinder.Column(i, new ColumnSpec(NAMES.get(i), "string", SourceType.STRING, 0, null),
          ColumnKind.CONSTANT, nonNull, new ConstantMarginal("x"), Double.NaN));
    }
    RuleFinder finder = new RuleFinder(columns, SOURCE_ROWS, FitConfig.builder().build(),
        declared.stream().map(RuleSyntax::parse).toList(), Set.of(), declared.isEmpty(), notes);
    RuleCounts counts = new RuleCounts(finder.plan());
    for (boolean[] row : source.nulls()) {
      counts.add(index -> row[index] ? null : "x");
    }
    return finder.decide(counts).nullPatterns();
  }

  private static NullPatternRule ruleOf(List<NullPatternRule> rules, String column) {
    return rules.stream().filter(r -> r.column().equals(column)).findFirst().orElseThrow();
  }

  /** Generated rows of the four columns, nulls[r][i] for column i, through a sampler of the fitted rules. */
  private static boolean[][] generate(Source source, List<NullPatternRule> rules) {
    List<ColumnModel> columns = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      columns.add(new ColumnModel(NAMES.get(i), "string", ColumnKind.CONSTANT, source.share(i),
          new ConstantMarginal("x")));
    }
    SynthModel base = GenerateModels.model();
    SynthModel model = new SynthModel(SynthModel.FORMAT_VERSION, "nulls", "test", base.source(), base.fit(),
        columns, null, List.<Rule>copyOf(rules), List.of(), List.of());
    TableSampler sampler = TableSampler.of(model, 9, ROWS);
    boolean[][] nulls = new boolean[ROWS][NAMES.size()];
    // In batches of unequal size: a row's nulls depend on its index only.
    for (int first = 0; first < ROWS; first += 7_001) {
      int count = Math.min(7_001, ROWS - first);
      RecordingSink[] sinks = new RecordingSink[NAMES.size()];
      for (int i = 0; i < sinks.length; i++) {
        sinks[i] = new RecordingSink();
      }
      sampler.sample(first, count, sinks);
      for (int i = 0; i < sinks.length; i++) {
        for (int r = 0; r < count; r++) {
          nulls[first + r][i] = sinks[i].values.get(r) == null;
        }
      }
    }
    return nulls;
  }

  private static double share(boolean[][] nulls, int column) {
    long count = 0;
    for (boolean[] row : nulls) {
      count += row[column] ? 1 : 0;
    }
    return (double) count / nulls.length;
  }

  /** Four standard errors of a share p estimated from ROWS rows. */
  private static double noise(double p) {
    return 4 * Math.sqrt(p * (1 - p) / ROWS);
  }

  @Test
  void aColumnWithTwoDeterminingColumnsKeepsBothRulesAndItsNullShare() {
    // a and b are never null together in the source (like rapes and assaults in communities_crime): generate
    // draws them independently, so they overlap there and make c null in fewer rows than in the source.
    Source source = source(u -> u < 0.2, u -> u >= 0.2 && u < 0.4, 0.05);
    FitNotes notes = new FitNotes();
    List<NullPatternRule> rules = fit(source, List.of(), notes);
    NullPatternRule c = ruleOf(rules, "c");
    assertThat(c.when()).containsExactlyInAnyOrder("a", "b");
    assertThat(c.exactly()).isFalse();
    assertThat(c.holds()).containsExactlyInAnyOrderElementsOf(c.when().stream()
        .map(w -> w + " is null -> c is null").toList());
    // d copies a's nulls, so d is null -> c is null holds through the others without a column of its own.
    assertThat(rules).hasSize(2);
    assertThat(rules).anyMatch(r -> r.exactly() && Set.of(r.column(), r.when().get(0)).equals(Set.of("a", "d")));
    assertThat(notes.all()).extracting(ModelNote::message)
        .anyMatch(m -> m.startsWith("rules: 1 found null patterns hold through the others kept"));
    // The otherwise fraction keeps c's share given the union generate makes of a and b, not the source's.
    double union = 1 - (1 - source.share(0)) * (1 - source.share(1));
    assertThat(c.nullFractionOtherwise()).isCloseTo((source.share(2) - union) / (1 - union), within(1e-12));

    boolean[][] rows = generate(source, rules);
    for (boolean[] row : rows) {
      assertThat(!row[0] || row[2]).as("a is null -> c is null").isTrue();
      assertThat(!row[1] || row[2]).as("b is null -> c is null").isTrue();
      assertThat(row[3]).as("a is null <-> d is null").isEqualTo(row[0]);
    }
    // c is null in 43% of the source rows; a sampler without the otherwise correction would give about 39%.
    for (int i = 0; i < NAMES.size(); i++) {
      assertThat(share(rows, i)).as(NAMES.get(i)).isCloseTo(source.share(i), within(noise(source.share(i))));
    }
  }

  @Test
  void aFurtherDeterminingColumnThatWouldAddNullsIsNotKept() {
    // a and b overlap in the source (both null in 5% of rows): drawn independently they would make c null in 19%
    // of the rows, not its 15%, so only a is kept (then c's share holds, and b -> c breaks where b alone is null).
    Source source = source(u -> u < 0.1, u -> u >= 0.05 && u < 0.15, 0);
    FitNotes notes = new FitNotes();
    NullPatternRule c = ruleOf(fit(source, List.of(), notes), "c");
    assertThat(c.when()).hasSize(1);
    assertThat(notes.all()).extracting(ModelNote::message)
        .anyMatch(m -> m.contains("-> c is null") && m.contains("would be null in"));
    boolean[][] rows = generate(source, List.of(c));
    assertThat(share(rows, 2)).isCloseTo(source.share(2), within(noise(source.share(2))));
  }

  @Test
  void declaredNullPatternsIntoOneColumnCombine() {
    Source source = source(u -> u < 0.1, u -> u >= 0.05 && u < 0.15, 0);
    FitNotes notes = new FitNotes();
    List<NullPatternRule> rules = fit(source, List.of("a is null -> c is null", "b is null -> c is null"), notes);
    assertThat(rules).singleElement().satisfies(c -> {
      assertThat(c.when()).containsExactlyInAnyOrder("a", "b");
      assertThat(c.holds()).containsExactlyInAnyOrder("a is null -> c is null", "b is null -> c is null");
      assertThat(c.origin()).isEqualTo(Rule.Origin.DECLARED);
      assertThat(c.nullFractionOtherwise()).isZero();
    });
    // Declared rules are kept at the cost of c's share, and the notes say so.
    assertThat(notes.all()).anyMatch(n -> "c".equals(n.column()) && n.message().startsWith(
        "nulls: the columns its null pattern copies make it null in "));
    for (boolean[] row : generate(source, rules)) {
      assertThat(!row[0] && !row[1] || row[2]).isTrue();
    }
  }
}
