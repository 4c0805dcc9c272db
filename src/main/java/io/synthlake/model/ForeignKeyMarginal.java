package io.synthlake.model;

import java.util.Objects;

/**
 * A column whose values are keys of another table's rows: generate draws each child's parent row through the
 * fan-out curve and writes that row's key, so every value exists among the synthetic parent's keys and the number
 * of children per parent follows the source's. Nothing of the source's keys is stored.
 *
 * @param table the parent table, as the lake file names it
 * @param column the parent's key column
 * @param key the foreign key's child columns, comma-separated: the columns of one key draw the same parent row
 * @param fanOut how the source's children spread over its parents
 */
public record ForeignKeyMarginal(String table, String column, String key, FanOut fanOut) implements Marginal {
  public ForeignKeyMarginal {
    Objects.requireNonNull(key, "a foreign key names itself (its child columns), so a composite key's columns "
        + "draw the same parent row");
    Objects.requireNonNull(table, "a foreign key names its parent table");
    Objects.requireNonNull(column, "a foreign key names its parent's key column");
    Objects.requireNonNull(fanOut, "a foreign key needs its fan-out curve");
  }
}
