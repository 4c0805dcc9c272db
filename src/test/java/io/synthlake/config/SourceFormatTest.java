package io.synthlake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source format vocabulary: job-file names, the catalog's "table", and the messages a bad name gets. */
class SourceFormatTest {
  @Test
  void jobFilesNameTheFileFormatsOnly() {
    assertThat(SourceConfig.FORMATS).containsExactly("parquet", "delta", "csv", "orc", "json");
    assertThat(SourceFormat.fromConfigName("orc")).isEqualTo(SourceFormat.ORC);
    assertThat(SourceFormat.TABLE.configName()).isEqualTo("table");
    assertThatThrownBy(() -> SourceFormat.fromConfigName("table"))
        .hasMessage("format 'table' is not one of parquet, delta, csv, orc, json");
  }

  @Test
  void badFormatsKeepTheirMessages() {
    List<ConfigProblem> problems = new ArrayList<>();
    SourceConfig.builder().path("p").format("xml").build().validate(problems);
    SourceConfig.builder().path("p").format("csv").version(3L).build().validate(problems);
    assertThat(problems).containsExactly(
        new ConfigProblem("source.format", "format 'xml' is not one of parquet, delta, csv, orc, json"),
        new ConfigProblem("source.format", "time travel (version, timestamp) needs a Delta table"));
    assertThat(SourceConfig.builder().path("p").format("delta").build().declaredFormat())
        .isEqualTo(SourceFormat.DELTA);
    assertThat(SourceConfig.builder().path("p").build().declaredFormat()).isNull();
  }
}
