package io.synthlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthlake.errors.ExitCode;
import io.synthlake.errors.SynthException;
import io.synthlake.model.ColumnKind;
import io.synthlake.rules.RuleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("job.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void bindsKebabCaseKeysAndFillsDefaults() throws IOException {
    Path file = write("""
        source:
          path: data/adult.csv
          format: csv
          options:
            header: "true"
          sample-fraction: 0.5
        model: out/adult.model.json
        fit:
          seed: 42
          marginals: auto
          min-category-count: 7
          columns:
            age: {kind: integer}
        """);
    JobConfig config = ConfigLoader.load(file, List.of());
    assertThat(config.source().path()).isEqualTo("data/adult.csv");
    assertThat(config.source().options()).containsEntry("header", "true");
    assertThat(config.source().sampleFraction()).isEqualTo(0.5);
    assertThat(config.model()).isEqualTo("out/adult.model.json");
    assertThat(config.fit().seed()).isEqualTo(42L);
    assertThat(config.fit().marginals()).isEqualTo(MarginalMode.AUTO);
    assertThat(config.fit().minCategoryCount()).isEqualTo(7);
    assertThat(config.fit().quantileKnots()).isEqualTo(1024);
    assertThat(config.fit().columns().get("age").kind()).isEqualTo(ColumnKind.INTEGER);
  }

  @Test
  void commandLineOverridesTheFile() throws IOException {
    Path file = write("fit:\n  seed: 1\n  bound-rank: 3\n");
    JobConfig config = ConfigLoader.load(file, List.of(ConfigOverride.of("fit.seed", 99L, "--seed"),
        ConfigOverride.of("source.path", "x.parquet", "--source")));
    assertThat(config.fit().seed()).isEqualTo(99L);
    assertThat(config.fit().boundRank()).isEqualTo(3);
    assertThat(config.source().path()).isEqualTo("x.parquet");
  }

  @Test
  void reportsEveryProblemTogetherWithItsLine() throws IOException {
    Path file = write("""
        source:
          path: a.csv
        fit:
          quantile-knot: 2048
          min-category-count: five
          marginals: paramteric
          bound-rank: 0
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .isInstanceOf(SynthException.class)
        .satisfies(e -> assertThat(((SynthException) e).exitCode()).isEqualTo(ExitCode.CONFIG))
        .hasMessageContaining("line 4: unknown key 'fit.quantile-knot' (did you mean 'quantile-knots'?)")
        .hasMessageContaining("line 5: fit.min-category-count must be an integer, got 'five'")
        .hasMessageContaining("line 6: fit.marginals: 'paramteric' is not one of empirical, parametric, auto")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void generateConditionsAreReadAndAMalformedOneNamesItsKeyAndLine() throws IOException {
    JobConfig job = ConfigLoader.load(write("generate:\n  rows: 10\n  where: \"age >= 30 AND sex = 'Female'\"\n"
        + "  rebalance: income\n"), List.of());
    assertThat(job.generate().conditions().whereText()).isEqualTo("age >= 30 AND sex = 'Female'");
    assertThat(job.generate().conditions().shares().column()).isEqualTo("income");
    Path bad = write("generate:\n  rows: 10\n  where: \"age => 30\"\n  augment: true\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, List.of()))
        .hasMessageContaining("line 3: expected a value (a number, true, false or 'text') at character 6, found '>'")
        .hasMessageContaining("line 4: augment adds rows of chosen labels: set generate.rebalance");
  }

  @Test
  void rangeProblemsNameTheKeyAndLine() throws IOException {
    Path file = write("fit:\n  bound-rank: 0\n  quantile-knots: 10\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessageContaining("line 2: bound-rank must be between 1 and 1000, got 0")
        .hasMessageContaining("line 3: quantile-knots must be between 512 and 65536, got 10");
  }

  @Test
  void badOverrideNamesTheOption() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of(ConfigOverride.of("fit.quantile-knots", 3,
        "--quantile-knots"))))
        .hasMessage("config command line: option --quantile-knots: quantile-knots must be between 512 and 65536, "
            + "got 3");
  }

  @Test
  void unknownTopLevelSectionListsTheAllowedKeys() throws IOException {
    Path file = write("sorce:\n  path: a.csv\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessageContaining("line 1: unknown key 'sorce' (did you mean 'source'?)");
  }

  @Test
  void wrongStructureIsReported() throws IOException {
    Path file = write("source: [a, b]\nfit:\n  columns:\n    age: {kind: number}\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessageContaining("line 1: source must be a mapping of keys to values, got a list")
        .hasMessageContaining("fit.columns.age.kind: unknown column kind 'number'");
  }

  @Test
  void invalidYamlAndMissingFile() throws IOException {
    Path file = write("fit:\n  seed: [1,\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessageStartingWith("config " + file + " is not valid YAML at line");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), List.of()))
        .hasMessage("config file " + dir.resolve("missing.yaml") + " does not exist");
  }

  @Test
  void theShippedJobFilesAreValid() {
    JobConfig example = ConfigLoader.load(Path.of("conf/example-job.yaml"), List.of());
    assertThat(example.source().path()).isEqualTo("data/adult/adult.csv");
    assertThat(example.fit().columns()).containsKey("education-num");
    assertThat(example.generate().rows()).isEqualTo(1_000_000);
    assertThat(example.output().format()).isEqualTo(OutputFormat.PARQUET);
    assertThat(example.output().mode()).isEqualTo(WriteMode.ERROR);
    JobConfig demo = ConfigLoader.load(Path.of("jobs/adult.yaml"), List.of());
    assertThat(demo.model()).isEqualTo("out/adult/adult.model.json");
    assertThat(demo.source().schema()).startsWith("age INT");
    assertThat(demo.generate().scale()).isEqualTo(1.0);
    assertThat(demo.output().path()).isEqualTo("out/adult/synthetic-parquet");
    assertThat(demo.validate().report()).isEqualTo("out/adult/report");
    assertThat(example.validate().gates().minOverall()).isEqualTo(0.85);
    assertThat(example.fit().discoverRules()).isTrue();
    assertThat(example.fit().declaredRules()).isNotEmpty();
  }

  @Test
  void validateThresholdsOutsideZeroToOneAreRefused() throws IOException {
    Path file = write("validate:\n  gates:\n    min-overall: 1.5\n    min-column-shapes: -0.1\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of())).hasMessage("config " + file
        + ": line 3: min-overall must be between 0 and 1, got 1.5; line 4: min-column-shapes must be between 0 "
        + "and 1, got -0.1");
    Path unknown = write("validate:\n  gates:\n    min-overal: 0.9\n");
    assertThatThrownBy(() -> ConfigLoader.load(unknown, List.of())).hasMessageContaining("min-overal");
  }

  @Test
  void generateAndOutputProblemsAreReportedTogether() throws IOException {
    Path file = write("generate:\n  rows: 0\n  scale: 2\noutput:\n  format: delta\n  compression: bzip2\n"
        + "  rows-per-file: 0\n  mode: replace\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessage("config " + file + ": line 8: output.mode: 'replace' is not one of error, overwrite, append");
    Path valid = write("generate:\n  rows: 0\n  scale: 2\noutput:\n  format: delta\n  compression: bzip2\n"
        + "  rows-per-file: 0\n");
    assertThatThrownBy(() -> ConfigLoader.load(valid, List.of()))
        .hasMessage("config " + valid + ": line 1: set either generate.rows or generate.scale, not both; "
            + "line 2: rows must be at least 1, got 0; line 6: compression 'bzip2' is not one of brotli, gzip, lz4, "
            + "lz4_raw, none, snappy, uncompressed, zstd for delta; line 7: rows-per-file must be at least 1, got 0");
  }

  @Test
  void rulesAreBoundParsedAndChecked() throws IOException {
    Path file = write("""
        fit:
          rules:
            - education -> education-num
            - "`start date` <= end"
            - relationship = 'Husband' -> sex = 'Male'
            - a is null -> b is null
            - b is null -> a is null
          discover-rules: false
          drop-rules: [fnlwgt -> age, "c = a - b"]
          rule-tolerance: 0.001
        """);
    FitConfig fit = ConfigLoader.load(file, List.of()).fit();
    assertThat(fit.rules()).containsExactly("education -> education-num", "`start date` <= end",
        "relationship = 'Husband' -> sex = 'Male'", "a is null -> b is null", "b is null -> a is null");
    assertThat(fit.declaredRules()).containsExactly(new RuleSpec.Dependency("education", "education-num"),
        new RuleSpec.Order("start date", "end", false), new RuleSpec.Implication("relationship", "Husband", "sex",
            "Male"), new RuleSpec.NullPattern("a", "b", true));
    assertThat(fit.discoverRules()).isFalse();
    assertThat(fit.droppedRules()).containsExactly(new RuleSpec.Dependency("fnlwgt", "age"),
        new RuleSpec.Sum("c", "a", "b", true));
    assertThat(fit.ruleTolerance()).isEqualTo(0.001);
    FitConfig defaults = FitConfig.defaults();
    assertThat(defaults.rules()).isEmpty();
    assertThat(defaults.declaredRules()).isEmpty();
    assertThat(defaults.discoverRules()).isTrue();
    assertThat(defaults.droppedRules()).isEmpty();
    assertThat(defaults.ruleTolerance()).isZero();
    assertThat(ConfigLoader.load(file, List.of(ConfigOverride.of("fit.discover-rules", true,
        "--no-discover-rules"))).fit().discoverRules()).isTrue();
    assertThat(ConfigLoader.load(null, List.of(ConfigOverride.of("fit.discover-rules", false,
        "--no-discover-rules"))).fit().discoverRules()).isFalse();
  }

  @Test
  void aMalformedRuleIsAProblemAtItsListItemWithItsLine() throws IOException {
    Path file = write("""
        fit:
          rules:
            - a -> b
            - a <= c
            - start =< end
            -
          drop-rules:
            - x -> y
            - c = a
          rule-tolerance: 0.02
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .isInstanceOf(SynthException.class)
        .satisfies(e -> assertThat(((SynthException) e).exitCode()).isEqualTo(ExitCode.CONFIG))
        .hasMessage("config " + file + ": line 5: fit.rules[2]: 'start =< end': expected an operator (->, <=, <, >=, "
            + ">, =) or 'is null' after 'start' at character 7, got '=<'; line 6: fit.rules[3]: '': a rule is empty: "
            + "expected a column name; line 9: fit.drop-rules[1]: 'c = a': expected + or - after 'a' at the end of "
            + "the rule; line 10: rule-tolerance must be between 0 and 0.01, got 0.02");
  }

  @Test
  void declaredRulesThatCannotHoldTogetherAreAProblem() throws IOException {
    Path file = write("fit:\n  seed: 1\n  rules: [a -> b, b = c + d]\n  drop-rules:\n    - x < y\n"
        + "    - b >= a\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessage("config " + file + ": line 3: fit.rules: rules 'a -> b' and 'b = c + d' both decide column b: "
            + "keep one");
    Path cycle = write("fit:\n  rules: [a < b, b < a]\n  drop-rules:\n    - x < y\n    - b > a\n");
    assertThatThrownBy(() -> ConfigLoader.load(cycle, List.of()))
        .hasMessage("config " + cycle + ": line 2: fit.rules: rules form a cycle: a < b, b < a; line 5: "
            + "fit.drop-rules[1]: 'b > a' is also declared in fit.rules: keep it in one of the two");
    Path negative = write("fit:\n  rule-tolerance: -0.001\n");
    assertThatThrownBy(() -> ConfigLoader.load(negative, List.of()))
        .hasMessage("config " + negative + ": line 2: rule-tolerance must be between 0 and 0.01, got -0.001");
    Path single = write("fit:\n  rules: a -> b\n  discover-rules: maybe\n");
    assertThatThrownBy(() -> ConfigLoader.load(single, List.of()))
        .hasMessage("config " + single + ": line 2: fit.rules must be a list, got 'a -> b'; line 3: "
            + "fit.discover-rules must be true or false, got 'maybe'");
  }

  @Test
  void duplicateKeysAreRejected() throws IOException {
    Path file = write("fit:\n  seed: 1\n  seed: 2\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
        .hasMessageContaining("Duplicate field 'seed'");
  }
}
