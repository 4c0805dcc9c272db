package io.synthlake.bench;

import io.synthlake.config.FitConfig;
import io.synthlake.fit.WordModelFit;
import io.synthlake.generate.TextMaker;
import io.synthlake.model.SemanticText;
import io.synthlake.model.StringShape;
import io.synthlake.model.WordModel;
import io.synthlake.profile.TextShapeState;
import io.synthlake.profile.WordState;
import io.synthlake.text.SemanticType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost per value of made-up text, on one core and without Spark: counting a value into the word sketches
 * (fit's word pass), making a value from a word model, from each semantic generator (datafaker, reseeded per
 * value) and from a character shape (the old way). The word model is fitted on the sample lake's airport names.
 *
 * <p>{@code scripts/bench text [--rows N]} (values per measurement, default 200,000).
 */
public final class TextBenchmark {
  private TextBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchArgs parsed = BenchArgs.parse(args, List.of(200_000L), "--rows N");
    int values = (int) Math.min(Integer.MAX_VALUE, parsed.sizes().get(0));
    List<String> names = airportNames(Path.of("data/lake/airports.csv"));
    System.out.printf(Locale.ROOT, "# synthlake text benchmark: %d cores, max heap %.1f GB, %,d values per "
        + "measurement%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9, values);
    System.out.println("| work | ns per value | values per second (one core) |");
    System.out.println("|---|---|---|");
    WordState counted = new WordState();
    TextShapeState shape = new TextShapeState();
    time("fit: count a value into the word sketches (airport names)", values, i -> {
      counted.add(names.get((int) (i % names.size())));
      return 1;
    });
    for (String name : names) {
      shape.add(name);
    }
    WordModel model = WordModelFit.build(counted.summary(), FitConfig.defaults(), "en-US");
    StringShape strings = io.synthlake.fit.ShapeBuilder.buildFreeText(shape.summary(), FitConfig.defaults());
    makes("generate: word model (airport names)", TextMaker.of(strings, model, null), values);
    makes("generate: character shape (before)", TextMaker.of(strings, null, null), values);
    for (SemanticType type : List.of(SemanticType.CITY, SemanticType.COUNTRY, SemanticType.STATE_CODE,
        SemanticType.COMPANY, SemanticType.PRODUCT, SemanticType.STREET)) {
      makes("generate: datafaker " + type.configName(), TextMaker.of(strings, model,
          new SemanticText(type, "en-US", null, null, "benchmark")), values);
    }
  }

  private static void makes(String work, TextMaker maker, int values) {
    time(work, values, key -> maker.make(key).length());
  }

  private interface Work {
    int run(long i);
  }

  private static void time(String work, int values, Work body) {
    long sink = 0;
    for (int i = 0; i < Math.min(values, 50_000); i++) {
      sink += body.run(i);
    }
    long start = System.nanoTime();
    for (long i = 0; i < values; i++) {
      sink += body.run(i + 1_000_000L);
    }
    double ns = (System.nanoTime() - start) / (double) values;
    System.out.printf(Locale.ROOT, "| %s | %.0f | %,.0f |%n", work, ns, 1e9 / ns);
    if (sink == 42) {
      System.out.println();
    }
  }

  /** The name column of the sample lake's airports (the second field; quoted fields may hold commas). */
  private static List<String> airportNames(Path csv) throws IOException {
    List<String> names = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (char c : line.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      names.add(fields.get(1));
    }
    return names;
  }
}
