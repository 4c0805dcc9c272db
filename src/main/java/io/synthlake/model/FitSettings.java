package io.synthlake.model;

/**
 * The fit settings that shaped a model, recorded so a reviewer can see its privacy and precision choices.
 */
public record FitSettings(
    long seed,
    String marginals,
    int quantileKnots,
    int quantileAccuracy,
    int minCategoryCount,
    String rareCategories,
    int maxCategories,
    int boundRank) {}
