package io.synthlake.model;

import io.synthlake.pii.PiiType;
import java.util.Objects;

/**
 * A column of personal data: nothing of its values is kept, not even their shape. Generate writes realistic fake
 * values of the type, in the locale, from datafaker, as a function of (seed, row) like every other column.
 *
 * @param fake the kind of personal data
 * @param locale the IETF language tag of the fake values (en-US, de-DE, ...)
 * @param detectedBy why the column is personal data: declared, its name, or its values
 */
public record PiiMarginal(PiiType fake, String locale, String detectedBy) implements Marginal {
  public PiiMarginal {
    Objects.requireNonNull(fake, "a pii column needs its fake type");
    Checks.require(fake != PiiType.NONE, "a pii column cannot have fake type none");
    Objects.requireNonNull(locale, "a pii column needs its locale");
  }
}
