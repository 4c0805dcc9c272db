package io.synthlake.generate;

import io.synthlake.fit.SourceType;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.CategoricalScale;
import io.synthlake.model.ColumnModel;
import java.math.BigDecimal;

/**
 * Which stored label a label written by a user means: the same text, a boolean in any case ({@code TRUE} for
 * {@code true}), or the same number ({@code 1} for {@code 1.0}) in a column that is not text.
 */
public final class LabelMatch {
  private LabelMatch() {}

  /** The stored label of a categorical column that the text means, or null. */
  public static String stored(ColumnModel column, String table, String text) {
    if (!(column.marginal() instanceof CategoricalMarginal categorical)) {
      return null;
    }
    CategoricalScale scale = CategoricalScale.of(categorical);
    int slot = slot(scale, OutputType.of(column, table), text);
    return slot < 0 ? null : scale.label(slot);
  }

  /** The slot of a stored label the text means (never the other bucket's), or -1. */
  static int slot(CategoricalScale scale, OutputType type, String text) {
    for (int slot = 0; slot < scale.size(); slot++) {
      String label = scale.label(slot);
      if (label != null && matches(label, type, text)) {
        return slot;
      }
    }
    return -1;
  }

  static boolean matches(String label, OutputType type, String text) {
    return label.equals(text) || type.type() == SourceType.BOOLEAN && label.equalsIgnoreCase(text.trim())
        || type.type() != SourceType.STRING && sameNumber(label, text);
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
