package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A near-unique key: only its shape is kept, from which generate makes values that are unique over the whole
 * output. Integer keys keep their protected range; string keys their length and per-position character classes.
 */
public record IdentifierMarginal(Form form, Double lower, Double upper, StringShape shape) implements Marginal {
  public enum Form {
    INTEGER,
    STRING;

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Form fromConfigName(String name) {
      for (Form form : values()) {
        if (form.configName().equals(name)) {
          return form;
        }
      }
      throw new IllegalArgumentException("unknown identifier form '" + name + "' (expected integer or string)");
    }
  }

  public IdentifierMarginal {
    Checks.require(form != null, "identifier form is required");
    if (form == Form.INTEGER) {
      Checks.require(lower != null && upper != null, "an integer identifier needs lower and upper");
      Checks.finite(lower, "identifier lower");
      Checks.finite(upper, "identifier upper");
      Checks.require(lower <= upper, "identifier lower (%s) must not exceed upper (%s)", lower, upper);
    } else {
      Checks.require(shape != null, "a string identifier needs a shape");
    }
  }

  public static IdentifierMarginal ofIntegers(double lower, double upper) {
    return new IdentifierMarginal(Form.INTEGER, lower, upper, null);
  }

  public static IdentifierMarginal ofStrings(StringShape shape) {
    return new IdentifierMarginal(Form.STRING, null, null, shape);
  }
}
