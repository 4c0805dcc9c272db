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
    parametricFamilies = parametricFamilies == null ? List.of(ParametricFamily.values()) : List.copyOf(parametricFamilies);
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
    return new FitConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
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
