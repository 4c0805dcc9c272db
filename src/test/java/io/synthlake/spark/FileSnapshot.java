package io.synthlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content of every file under a directory (path relative to the root, SHA-256 of the bytes), taken before a
 * hostile command and compared after it: the safety tests' proof that nothing pre-existing was changed or removed.
 */
public record FileSnapshot(Path root, Map<String, String> files) {
  public static FileSnapshot of(Path root) {
    Map<String, String> files = new TreeMap<>();
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(file -> files.put(root.relativize(file).toString(), sha256(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new FileSnapshot(root, files);
  }

  /** Every file seen before is still there with the same bytes (new files elsewhere are allowed). */
  public void assertUnchanged() {
    Map<String, String> now = of(root).files();
    for (Map.Entry<String, String> file : files.entrySet()) {
      assertThat(now).as("file %s under %s", file.getKey(), root).containsEntry(file.getKey(), file.getValue());
    }
  }

  /** Nothing was added, changed or removed. */
  public void assertIdentical() {
    assertThat(of(root).files()).as("files under %s", root).isEqualTo(files);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
