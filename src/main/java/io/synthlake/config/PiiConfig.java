package io.synthlake.config;

import io.synthlake.pii.FakeValues;
import io.synthlake.pii.PiiType;
import java.util.List;
import java.util.Map;

/**
 * Personal data: which columns hold it (detected, declared, or declared {@code none}), the locale of the fake
 * values, and for masked tables the strategy and where the pseudonymisation key is. The key itself never appears
 * in a job file.
 *
 * @param detect whether columns are detected by name and value patterns (declarations always count)
 * @param locale the IETF language tag of the fake values
 * @param strategy how a masked table's values are replaced
 * @param keyEnv the environment variable holding the pseudonymisation key
 * @param keyFile a file holding the key, which wins over the environment variable
 * @param sampleRows the rows whose values the patterns are tried on
 * @param columns declared columns: their type, or none for a column that holds no personal data
 */
public record PiiConfig(Boolean detect, String locale, PiiStrategy strategy, String keyEnv, String keyFile,
    Integer sampleRows, Map<String, PiiType> columns) {
  public static final String DEFAULT_KEY_ENV = "SYNTHLAKE_PII_KEY";

  public PiiConfig {
    detect = detect == null || detect;
    locale = locale == null ? "en-US" : locale;
    strategy = strategy == null ? PiiStrategy.FAKE : strategy;
    keyEnv = keyEnv == null ? DEFAULT_KEY_ENV : keyEnv;
    sampleRows = sampleRows == null ? 10_000 : sampleRows;
    columns = columns == null ? Map.of() : Map.copyOf(columns);
  }

  public static PiiConfig defaults() {
    return new PiiConfig(null, null, null, null, null, null, null);
  }

  void validate(List<ConfigProblem> problems) {
    try {
      FakeValues.locale(locale);
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem("pii.locale", e.getMessage()));
    }
    if (sampleRows < 100 || sampleRows > 10_000_000) {
      problems.add(new ConfigProblem("pii.sample-rows", "sample-rows must be between 100 and 10000000, got "
          + sampleRows));
    }
    columns.forEach((name, type) -> {
      if (type == null) {
        problems.add(new ConfigProblem("pii.columns." + name, "a pii column needs a type (one of "
            + PiiType.names() + ")"));
      }
    });
  }
}
