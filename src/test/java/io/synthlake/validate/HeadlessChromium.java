package io.synthlake.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, headless, as a test's browser: loads a local page, runs its scripts and returns the DOM it
 * ends with. Without chromium the calling test is skipped, unless SYNTHLAKE_REQUIRE_BROWSER is set (CI sets it
 * after installing chromium), when it fails.
 */
public final class HeadlessChromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    boolean installed = Files.isExecutable(BINARY);
    if (System.getenv("SYNTHLAKE_REQUIRE_BROWSER") != null) {
      assertThat(installed).as("chromium is required (SYNTHLAKE_REQUIRE_BROWSER): apt-get install chromium")
          .isTrue();
    }
    Assumptions.assumeTrue(installed, "chromium is not installed (apt-get install chromium): browser check skipped");
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path dom = scratch.resolve("dom-" + System.nanoTime() + ".html");
    // The network flags keep chromium from calling out of a closed sandbox; the profile is new and empty.
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
    Process process = new ProcessBuilder(command).redirectOutput(dom.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished within 120 s").isTrue();
    assertThat(process.exitValue()).as("chromium's exit code").isZero();
    return Files.readString(dom, StandardCharsets.UTF_8);
  }
}
