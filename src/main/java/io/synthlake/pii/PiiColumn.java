package io.synthlake.pii;

/**
 * A column found to hold personal data.
 *
 * @param column its name
 * @param type the kind of personal data
 * @param detectedBy why: "declared", "its name", or the values it matched (such as "values: 98% e-mail addresses")
 */
public record PiiColumn(String column, PiiType type, String detectedBy) {}
