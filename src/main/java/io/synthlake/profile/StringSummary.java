package io.synthlake.profile;

/** What the profile pass learned about a string (or boolean, as text) column. */
public record StringSummary(long nonNull, FrequentValues<String> frequent, double distinctEstimate,
    TextShapeSummary shape) implements ColumnSummary {}
