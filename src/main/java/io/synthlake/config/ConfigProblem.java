package io.synthlake.config;

/** One thing wrong with a job configuration, at a dotted key path such as {@code fit.quantile-knots}. */
public record ConfigProblem(String path, String message) {}
