package io.synthlake.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthlake.config.FitConfig;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A label rule's cells stay empty in the table generate draws from, also where the source has no row there at all:
 * the cells of a row seen fewer than min-category-count times are pooled over the row's empty cells, and an empty
 * cell a rule excludes must not take any of it (on Adult, one synthetic Husband in a private household's service).
 */
class LabelTablesTest {
  private static final int MIN_COUNT = 5;

  @Test
  void anExcludedCellWithNoSourceRowTakesNoneOfItsRowsPool() {
    // Role 'husband' never has job 'maid' though maids are common elsewhere; its 'pilot' cell (3 rows) is pooled.
    Map<String, Integer> cells = new LinkedHashMap<>();
    cells.put("husband|clerk", 3000);
    cells.put("husband|driver", 2000);
    cells.put("husband|pilot", 3);
    cells.put("wife|clerk", 1500);
    cells.put("wife|maid", 700);
    cells.put("wife|driver", 300);
    cells.put("child|clerk", 800);
    cells.put("child|maid", 500);
    cells.put("child|driver", 400);
    cells.put("child|pilot", 40);
    List<String[]> rows = new ArrayList<>();
    cells.forEach((cell, count) -> {
      for (int i = 0; i < count; i++) {
        rows.add(cell.split("\\|"));
      }
    });
    List<RuleFinder.Column> columns = List.of(column(0, "role", rows), column(1, "job", rows));
    RuleFinder finder = new RuleFinder(columns, rows.size(), FitConfig.builder().build(), List.of(), Set.of(), true,
        new FitNotes());
    RuleCounts counts = new RuleCounts(finder.plan());
    for (String[] row : rows) {
      counts.add(index -> row[index]);
    }
    RuleFinder.PendingTable table = finder.decide(counts).tables().get(0);
    String text = "role = 'husband' -> job != 'maid'";
    String reverse = "job = 'maid' -> role != 'husband'";
    assertThat(table.holds()).containsAnyOf(text, reverse);
    boolean roleIsParent = table.parent().equals("role");
    String parentLabel = roleIsParent ? "husband" : "maid";
    String excluded = roleIsParent ? "maid" : "husband";
    assertThat(table.ruledOut().get(parentLabel)).contains(excluded);
    CategoricalMarginal child = (CategoricalMarginal) columns.get(roleIsParent ? 1 : 0).marginal();
    double[] shares = RuleFit.shares(child, table.counts().get(parentLabel), table.pooled().get(parentLabel),
        MIN_COUNT, table.ruledOut().get(parentLabel));
    int slot = child.categories().stream().map(Category::value).toList().indexOf(excluded);
    assertThat(shares[slot]).isEqualTo(0.0);
  }

  private static RuleFinder.Column column(int index, String name, List<String[]> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    rows.forEach(row -> counts.merge(row[index], 1L, Long::sum));
    List<Category> categories = new ArrayList<>();
    counts.forEach((label, count) -> categories.add(new Category(label, (double) count / rows.size())));
    return new RuleFinder.Column(index, new ColumnSpec(name, "string", SourceType.STRING, 0, null),
        ColumnKind.CATEGORICAL, rows.size(), new CategoricalMarginal(categories, null), Double.NaN);
  }
}
