package io.synthlake.model;

/**
 * Every non-null value is {@code value} (the column's Spark type restores it from this text); null when the
 * column is null in every row, or when the value was seen too rarely to be stored.
 */
public record ConstantMarginal(String value) implements Marginal {}
