package io.synthlake.fit;

/** A label and its exact count. */
public record CategoryCount(String value, long count) {}
