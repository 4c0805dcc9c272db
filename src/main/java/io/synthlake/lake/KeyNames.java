package io.synthlake.lake;

import io.synthlake.pii.PiiDetector;
import java.util.Locale;

/**
 * Whether a column's name suggests it refers to another table's key: the same name ({@code customer_id} and
 * {@code customer_id}), the parent's singular name before its key ({@code customer_id} to {@code customers.id}),
 * or the key's name at its end ({@code billing_customer_id} to {@code customer_id}). Names are compared without
 * case, underscores or hyphens.
 */
public final class KeyNames {
  private KeyNames() {}

  /** Why the names match, or null when they do not. */
  public static String evidence(String childColumn, String parentTable, String parentColumn) {
    String child = normal(childColumn);
    String key = normal(parentColumn);
    String table = PiiDetector.singular(normal(parentTable));
    if (child.equals(key) && !key.equals("id")) {
      return "same name";
    }
    if (child.equals(table + key) || child.equals(table) && !key.isEmpty()) {
      return "named after " + parentTable;
    }
    if (key.length() >= 4 && child.endsWith(key)) {
      return "ends with " + parentColumn;
    }
    return null;
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
