package io.synthlake.config;

import io.synthlake.rules.RuleSet;
import io.synthlake.rules.RuleSpec;
import io.synthlake.rules.RuleSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a model is fitted. Every setting has a default (see {@link #defaults()}); the job file and the command line
 * override them, in that order of precedence: command line, job file, defaults.
 */
public record FitConfig(
    Long seed,
    MarginalMode marginals,
    List<ParametricFamily> parametricFamilies,
    Double parametricMaxKs,
    Integer quantileKnots,
    Integer quantileAccuracy,
    Integer minCategoryCount,
    RareCategoryPolicy rareCategories,
    Integer maxCategories,
    Integer boundRank,
    Double atomMinFraction,
    Integer maxAtoms,
    Double identifierMinDistinctRatio,
    NonFinitePolicy nonFinite,
    UnsupportedTypePolicy unsupportedTypes,
    Boolean overwriteModel,
    Map<String, ColumnOverride> columns,
    List<String> rules,
    Boolean discoverRules,
    List<String> dropRules,
    Double ruleTolerance,
    Boolean labelTables,
    Boolean labelMarginals,
    Integer labelMarginalMinRows,
    Double labelMarginalMinEta2,
    Double holdout) {

  public static final int MIN_QUANTILE_KNOTS = 512;
  public static final int MAX_QUANTILE_KNOTS = 65_536;
  /** Most holdout: a model must still see most of the rows. */
  public static final double MAX_HOLDOUT = 0.5;
  /** Most rule-tolerance: a rule broken by more than 1% of the rows is a tendency, for the copula to carry. */
  public static final double MAX_RULE_TOLERANCE = 0.01;

  public FitConfig {
    seed = seed == null ? 0L : seed;
    marginals = marginals == null ? MarginalMode.EMPIRICAL : marginals;
    parametricFamilies = parametricFamilies == null ? List.of(ParametricFamily.values())
        : List.copyOf(parametricFamilies);
    parametricMaxKs = parametricMaxKs == null ? 0.01 : parametricMaxKs;
    quantileKnots = quantileKnots == null ? 1024 : quantileKnots;
    quantileAccuracy = quantileAccuracy == null ? 10_000 : quantileAccuracy;
    minCategoryCount = minCategoryCount == null ? 5 : minCategoryCount;
    rareCategories = rareCategories == null ? RareCategoryPolicy.FOLD : rareCategories;
    maxCategories = maxCategories == null ? 1000 : maxCategories;
    boundRank = boundRank == null ? 5 : boundRank;
    atomMinFraction = atomMinFraction == null ? 0.001 : atomMinFraction;
    maxAtoms = maxAtoms == null ? 256 : maxAtoms;
    identifierMinDistinctRatio = identifierMinDistinctRatio == null ? 0.95 : identifierMinDistinctRatio;
    nonFinite = nonFinite == null ? NonFinitePolicy.KEEP : nonFinite;
    unsupportedTypes = unsupportedTypes == null ? UnsupportedTypePolicy.SKIP : unsupportedTypes;
    overwriteModel = overwriteModel != null && overwriteModel;
    columns = columns == null ? Map.of() : Map.copyOf(columns);
    rules = texts(rules);
    discoverRules = discoverRules == null || discoverRules;
    dropRules = texts(dropRules);
    ruleTolerance = ruleTolerance == null ? 0.0 : ruleTolerance;
    labelTables = labelTables == null || labelTables;
    labelMarginals = labelMarginals == null || labelMarginals;
    labelMarginalMinRows = labelMarginalMinRows == null ? 500 : labelMarginalMinRows;
    labelMarginalMinEta2 = labelMarginalMinEta2 == null ? 0.05 : labelMarginalMinEta2;
    holdout = holdout == null ? 0.0 : holdout;
  }

  /** Rule texts as written (so the config round-trips); an empty list item is an empty text, reported as such. */
  private static List<String> texts(List<String> texts) {
    return texts == null ? List.of() : texts.stream().map(t -> t == null ? "" : t).toList();
  }

  /** The declared rules, parsed and checked ({@link RuleSet#check}); valid once the config has validated. */
  public List<RuleSpec> declaredRules() {
    return RuleSet.check(rules.stream().map(RuleSyntax::parse).toList());
  }

  /** The rules fit must not keep, parsed, each once. */
  public List<RuleSpec> droppedRules() {
    return dropRules.stream().map(RuleSyntax::parse).distinct().toList();
  }

  public static FitConfig defaults() {
    return builder().build();
  }

  /** Sets components by name, so a new component cannot shift the others; unset ones take their defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link FitConfig} in code; job files bind the record's components by name. */
  public static final class Builder {
    private Long seed;
    private MarginalMode marginals;
    private List<ParametricFamily> parametricFamilies;
    private Double parametricMaxKs;
    private Integer quantileKnots;
    private Integer quantileAccuracy;
    private Integer minCategoryCount;
    private RareCategoryPolicy rareCategories;
    private Integer maxCategories;
    private Integer boundRank;
    private Double atomMinFraction;
    private Integer maxAtoms;
    private Double identifierMinDistinctRatio;
    private NonFinitePolicy nonFinite;
    private UnsupportedTypePolicy unsupportedTypes;
    private Boolean overwriteModel;
    private Map<String, ColumnOverride> columns;
    private List<String> rules;
    private Boolean discoverRules;
    private List<String> dropRules;
    private Double ruleTolerance;
    private Boolean labelTables;
    private Boolean labelMarginals;
    private Integer labelMarginalMinRows;
    private Double labelMarginalMinEta2;
    private Double holdout;

    private Builder() {}

    public Builder seed(Long value) {
      seed = value;
      return this;
    }

    public Builder marginals(MarginalMode value) {
      marginals = value;
      return this;
    }

    public Builder parametricFamilies(List<ParametricFamily> value) {
      parametricFamilies = value;
      return this;
    }

    public Builder parametricMaxKs(Double value) {
      parametricMaxKs = value;
      return this;
    }

    public Builder quantileKnots(Integer value) {
      quantileKnots = value;
      return this;
    }

    public Builder quantileAccuracy(Integer value) {
      quantileAccuracy = value;
      return this;
    }

    public Builder minCategoryCount(Integer value) {
      minCategoryCount = value;
      return this;
    }

    public Builder rareCategories(RareCategoryPolicy value) {
      rareCategories = value;
      return this;
    }

    public Builder maxCategories(Integer value) {
      maxCategories = value;
      return this;
    }

    public Builder boundRank(Integer value) {
      boundRank = value;
      return this;
    }

    public Builder atomMinFraction(Double value) {
      atomMinFraction = value;
      return this;
    }

    public Builder maxAtoms(Integer value) {
      maxAtoms = value;
      return this;
    }

    public Builder identifierMinDistinctRatio(Double value) {
      identifierMinDistinctRatio = value;
      return this;
    }

    public Builder nonFinite(NonFinitePolicy value) {
      nonFinite = value;
      return this;
    }

    public Builder unsupportedTypes(UnsupportedTypePolicy value) {
      unsupportedTypes = value;
      return this;
    }

    public Builder overwriteModel(Boolean value) {
      overwriteModel = value;
      return this;
    }

    public Builder columns(Map<String, ColumnOverride> value) {
      columns = value;
      return this;
    }

    public Builder rules(List<String> value) {
      rules = value;
      return this;
    }

    public Builder discoverRules(Boolean value) {
      discoverRules = value;
      return this;
    }

    public Builder dropRules(List<String> value) {
      dropRules = value;
      return this;
    }

    public Builder ruleTolerance(Double value) {
      ruleTolerance = value;
      return this;
    }

    public Builder labelTables(Boolean value) {
      labelTables = value;
      return this;
    }

    public Builder labelMarginals(Boolean value) {
      labelMarginals = value;
      return this;
    }

    public Builder labelMarginalMinRows(Integer value) {
      labelMarginalMinRows = value;
      return this;
    }

    public Builder labelMarginalMinEta2(Double value) {
      labelMarginalMinEta2 = value;
      return this;
    }

    public Builder holdout(Double value) {
      holdout = value;
      return this;
    }

    public FitConfig build() {
      return new FitConfig(seed, marginals, parametricFamilies, parametricMaxKs, quantileKnots, quantileAccuracy,
          minCategoryCount, rareCategories, maxCategories, boundRank, atomMinFraction, maxAtoms,
          identifierMinDistinctRatio, nonFinite, unsupportedTypes, overwriteModel, columns, rules, discoverRules,
          dropRules, ruleTolerance, labelTables, labelMarginals, labelMarginalMinRows, labelMarginalMinEta2, holdout);
    }
  }

  /**
   * Settings that are valid but store raw source values in the model: a label, atom or character seen once, or
   * the very smallest and largest value of a column, can identify the record it came from.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (minCategoryCount == 1) {
      warnings.add("fit.min-category-count 1 (--min-category-count) stores labels, atoms and characters seen in a "
          + "single row: raw source values will be stored in the model");
    }
    if (boundRank == 1) {
      warnings.add("fit.bound-rank 1 (--bound-rank) stores each numeric column's smallest and largest values: raw "
          + "source values will be stored in the model");
    }
    return warnings;
  }

  void validate(List<ConfigProblem> problems) {
    range(problems, "quantile-knots", quantileKnots, MIN_QUANTILE_KNOTS, MAX_QUANTILE_KNOTS);
    range(problems, "quantile-accuracy", quantileAccuracy, 100, 1_000_000);
    range(problems, "min-category-count", minCategoryCount, 1, 1_000_000);
    range(problems, "max-categories", maxCategories, 1, 100_000);
    range(problems, "bound-rank", boundRank, 1, 1_000);
    range(problems, "max-atoms", maxAtoms, 0, 10_000);
    if (!(parametricMaxKs > 0 && parametricMaxKs <= 1)) {
      problems.add(new ConfigProblem("fit.parametric-max-ks", "parametric-max-ks must be in (0, 1], got "
          + parametricMaxKs));
    }
    if (!(atomMinFraction > 0 && atomMinFraction <= 1)) {
      problems.add(new ConfigProblem("fit.atom-min-fraction", "atom-min-fraction must be in (0, 1], got "
          + atomMinFraction));
    }
    if (!(identifierMinDistinctRatio > 0 && identifierMinDistinctRatio <= 1)) {
      problems.add(new ConfigProblem("fit.identifier-min-distinct-ratio",
          "identifier-min-distinct-ratio must be in (0, 1], got " + identifierMinDistinctRatio));
    }
    if (!(holdout >= 0 && holdout <= MAX_HOLDOUT)) {
      problems.add(new ConfigProblem("fit.holdout", "holdout must be between 0 (none) and " + MAX_HOLDOUT
          + ", got " + holdout));
    }
    if (parametricFamilies.isEmpty() && marginals != MarginalMode.EMPIRICAL) {
      problems.add(new ConfigProblem("fit.parametric-families",
          "parametric-families is empty but marginals is " + marginals.configName()));
    }
    columns.forEach((name, override) -> {
      if (override == null || override.kind() == null && override.semantic() == null) {
        problems.add(new ConfigProblem("fit.columns." + name, "a column override needs a kind (one of "
            + io.synthlake.model.ColumnKind.names() + ") or a semantic type (one of "
            + io.synthlake.text.SemanticType.names() + ")"));
      }
    });
    Optional<List<RuleSpec>> declared = parse(problems, "rules", rules);
    declared.ifPresent(parsed -> {
      try {
        RuleSet.check(parsed);
      } catch (RuleSet.RuleSetException e) {
        problems.add(new ConfigProblem("fit.rules", "fit.rules: " + e.getMessage()));
      }
    });
    Optional<List<RuleSpec>> dropped = parse(problems, "drop-rules", dropRules);
    if (declared.isPresent() && dropped.isPresent()) {
      for (int i = 0; i < dropRules.size(); i++) {
        if (declared.get().contains(dropped.get().get(i))) {
          problems.add(new ConfigProblem("fit.drop-rules[" + i + "]", "fit.drop-rules[" + i + "]: '"
              + dropRules.get(i) + "' is also declared in fit.rules: keep it in one of the two"));
        }
      }
    }
    if (!(ruleTolerance >= 0 && ruleTolerance <= MAX_RULE_TOLERANCE)) {
      problems.add(new ConfigProblem("fit.rule-tolerance", "rule-tolerance must be between 0 and "
          + MAX_RULE_TOLERANCE + ", got " + ruleTolerance));
    }
    range(problems, "label-marginal-min-rows", labelMarginalMinRows, 20, 100_000_000);
    if (!(labelMarginalMinEta2 >= 0 && labelMarginalMinEta2 <= 1)) {
      problems.add(new ConfigProblem("fit.label-marginal-min-eta2", "label-marginal-min-eta2 must be between 0 "
          + "and 1, got " + labelMarginalMinEta2));
    }
  }

  /** Every text of a rule list parsed, or empty after a problem per text that does not parse. */
  private static Optional<List<RuleSpec>> parse(List<ConfigProblem> problems, String key, List<String> texts) {
    List<RuleSpec> parsed = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        parsed.add(RuleSyntax.parse(texts.get(i)));
      } catch (RuleSyntax.RuleSyntaxException e) {
        String item = "fit." + key + "[" + i + "]";
        problems.add(new ConfigProblem(item, item + ": '" + texts.get(i) + "': " + e.getMessage()));
      }
    }
    return parsed.size() == texts.size() ? Optional.of(parsed) : Optional.empty();
  }

  private static void range(List<ConfigProblem> problems, String key, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(new ConfigProblem("fit." + key, key + " must be between " + min + " and " + max + ", got "
          + value));
    }
  }
}
