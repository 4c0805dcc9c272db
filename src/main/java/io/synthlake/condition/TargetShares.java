package io.synthlake.condition;

import io.synthlake.errors.SynthException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label shares a rebalanced column should have: equal over its labels ({@code --rebalance COLUMN}), or the
 * given ones ({@code --shares "COLUMN=LABEL:SHARE,..."}), which sum to 1. Every other column is then drawn
 * conditional on the row's label.
 *
 * @param shares by label, in the order given; empty for equal shares over the model's labels
 */
public record TargetShares(String column, Map<String, Double> shares) implements java.io.Serializable {
  /** How far the given shares may sum from 1 (they are then scaled to sum to 1 exactly). */
  public static final double SUM_TOLERANCE = 1e-3;

  public TargetShares {
    shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
  }

  public static TargetShares equal(String column, String what) {
    if (column == null || column.isBlank()) {
      throw SynthException.config("%s needs a column name", what);
    }
    return new TargetShares(column.trim(), Map.of());
  }

  public boolean isEqual() {
    return shares.isEmpty();
  }

  /** Reads {@code COLUMN=LABEL:SHARE,LABEL:SHARE}; a label holding a comma, colon or quote goes between quotes. */
  public static TargetShares parse(String text, String what) {
    String hint = "; write COLUMN=LABEL:SHARE,LABEL:SHARE, e.g. \"is_fraud=true:0.3,false:0.7\"";
    int equals = text == null ? -1 : text.indexOf('=');
    if (equals < 1) {
      throw SynthException.config("%s has no column%s", what, hint);
    }
    String column = text.substring(0, equals).trim();
    Map<String, Double> shares = new LinkedHashMap<>();
    double sum = 0;
    for (String item : items(text.substring(equals + 1), what)) {
      int colon = item.lastIndexOf(':');
      if (colon < 1) {
        throw SynthException.config("%s: '%s' has no share%s", what, item, hint);
      }
      String label = unquote(item.substring(0, colon).trim());
      double share;
      try {
        share = Double.parseDouble(item.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw SynthException.config("%s: the share of label '%s' is not a number: '%s'", what, label,
            item.substring(colon + 1).trim());
      }
      if (!(share >= 0 && share <= 1)) {
        throw SynthException.config("%s: the share of label '%s' must be between 0 and 1, got %s", what, label,
            item.substring(colon + 1).trim());
      }
      if (shares.put(label, share) != null) {
        throw SynthException.config("%s gives label '%s' twice", what, label);
      }
      sum += share;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw SynthException.config("%s: the shares of column %s sum to %s, not 1", what, column, (float) sum);
    }
    final double total = sum;
    shares.replaceAll((label, share) -> share / total);
    return new TargetShares(column, shares);
  }

  private static List<String> items(String text, String what) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        items.add(item.toString());
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    items.add(item.toString());
    if (quoted) {
      throw SynthException.config("%s: a quote is never closed", what);
    }
    if (items.stream().anyMatch(String::isBlank)) {
      throw SynthException.config("%s has an empty LABEL:SHARE item", what);
    }
    return items;
  }

  private static String unquote(String label) {
    return label.length() >= 2 && label.startsWith("'") && label.endsWith("'")
        ? label.substring(1, label.length() - 1).replace("''", "'") : label;
  }
}
