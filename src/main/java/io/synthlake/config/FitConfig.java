package io.synthlake.config;

import java.util.List;
import java.util.Map;

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
    Map<String, ColumnOverride> columns) {

  public static final int MIN_QUANTILE_KNOTS = 512;
  public static final int MAX_QUANTILE_KNOTS = 65_536;

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

    public FitConfig build() {
      return new FitConfig(seed, marginals, parametricFamilies, parametricMaxKs, quantileKnots, quantileAccuracy,
          minCategoryCount, rareCategories, maxCategories, boundRank, atomMinFraction, maxAtoms,
          identifierMinDistinctRatio, nonFinite, unsupportedTypes, overwriteModel, columns);
    }
  }

  /**
   * Settings that are valid but store raw source values in the model: a label, atom or character seen once, or
   * the very smallest and largest value of a column, can identify the record it came from.
   */
  public List<String> warnings() {
    List<String> warnings = new java.util.ArrayList<>();
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
    if (parametricFamilies.isEmpty() && marginals != MarginalMode.EMPIRICAL) {
      problems.add(new ConfigProblem("fit.parametric-families",
          "parametric-families is empty but marginals is " + marginals.configName()));
    }
    columns.forEach((name, override) -> {
      if (override == null || override.kind() == null) {
        problems.add(new ConfigProblem("fit.columns." + name, "a column override needs a kind (one of "
            + io.synthlake.model.ColumnKind.names() + ")"));
      }
    });
  }

  private static void range(List<ConfigProblem> problems, String key, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(new ConfigProblem("fit." + key, key + " must be between " + min + " and " + max + ", got "
          + value));
    }
  }
}
