package io.synthlake.profile;

/**
 * Read-only word statistics of a string column (see {@link WordState}). Every sketch's items carry a lower bound
 * and an estimate of the rows holding them; a pair's item is its first token, the separator and
 * its second token, joined by {@link WordState#PAIR_JOIN}.
 *
 * @param values the values counted
 * @param rowTokens the sum over values of their distinct tokens (the total weight of {@code tokens})
 * @param tokenCounts values by number of tokens (index = tokens)
 * @param cases words by {@link io.synthlake.text.Tokenizer.Case} (ordinal), once per row holding them
 */
public record WordSummary(long values, long rowTokens, long[] tokenCounts, long[] cases,
    FrequentValues<String> tokens, FrequentValues<String> starts, FrequentValues<String> ends,
    FrequentValues<String> pairs, FrequentValues<String> separators) {}
