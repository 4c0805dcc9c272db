package io.synthlake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core (model, marginals, samplers, RNG, fit decisions, config) stays free of Spark, Hadoop and Delta. */
class ArchitectureTest {
  private static final List<String> CORE = List.of("config", "errors", "fit", "generate", "model", "profile",
      "stats", "validate", "pii", "lake", "paths");
  private static final List<String> FORBIDDEN = List.of("import org.apache.spark", "import org.apache.hadoop",
      "import io.delta", "import scala.");

  @Test
  void corePackagesImportNoSparkHadoopOrDeltaClass() throws IOException {
    for (String pkg : CORE) {
      Path dir = Path.of("src/main/java/io/synthlake", pkg);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          for (String forbidden : FORBIDDEN) {
            assertThat(source).as("%s must not %s", file, forbidden).doesNotContain(forbidden);
          }
        }
      }
    }
  }
}
