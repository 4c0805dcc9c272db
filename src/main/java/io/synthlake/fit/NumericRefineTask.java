package io.synthlake.fit;

import java.io.Serializable;

/**
 * Pass-2 work for a numeric column the profile could not describe exactly.
 *
 * @param column index of the prepared column
 * @param atoms atom values (ascending) to count exactly
 * @param quantiles whether to ask for quantiles of the values that are not atoms (identifiers need only bounds)
 */
public record NumericRefineTask(int column, double[] atoms, boolean quantiles) implements Serializable {}
