package io.synthlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every synthlake command line in the README's shell blocks parses: it is run with {@code --help} added, which
 * picocli answers only when every option and subcommand of the line exists. So an example cannot name an option
 * that was renamed or removed. Spark never starts.
 */
class ReadmeExamplesTest {
  @Test
  void everyCommandLineInTheReadmeParses() throws IOException {
    List<List<String>> commands = commands(Files.readString(Path.of("README.md")));
    assertThat(commands).hasSizeGreaterThan(15);
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      if (!args.contains("--help")) {
        args.add("--help");
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = SynthMain.execute(args.toArray(String[]::new), new PrintWriter(out, true),
          new PrintWriter(err, true));
      assertThat(code).as("README: synth %s\n%s", String.join(" ", command), err).isZero();
      assertThat(out.toString()).as("README: synth %s", String.join(" ", command)).contains("Usage: synth");
    }
  }

  /**
   * The synth arguments of each command in the README's bash blocks: lines of {@code scripts/synth}, and what
   * follows {@code --} or the jar in {@code scripts/submit} and {@code spark-submit} lines; continuation lines
   * joined, comments dropped.
   */
  static List<List<String>> commands(String readme) {
    List<List<String>> commands = new ArrayList<>();
    boolean inBash = false;
    StringBuilder pending = new StringBuilder();
    for (String line : readme.split("\n")) {
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (!inBash) {
        continue;
      }
      pending.append(line.strip());
      if (line.endsWith("\\")) {
        pending.setLength(pending.length() - 1);
        pending.append(' ');
        continue;
      }
      List<String> words = words(pending.toString());
      pending.setLength(0);
      int start = -1;
      if (words.size() > 1 && words.get(0).equals("scripts/synth")) {
        start = 1;
      } else if (words.size() > 1 && words.get(0).equals("scripts/submit")) {
        start = words.indexOf("--") + 1;
      } else if (words.size() > 1 && words.get(0).equals("spark-submit")) {
        start = indexEndingWith(words, ".jar") + 1;
      }
      if (start > 0 && start < words.size()) {
        commands.add(words.subList(start, words.size()));
      }
    }
    return commands;
  }

  private static int indexEndingWith(List<String> words, String suffix) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).endsWith(suffix)) {
        return i;
      }
    }
    return -1;
  }

  /** Shell words: whitespace-separated, single and double quotes grouping, an unquoted # starting a comment. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  @Test
  void wordsFollowTheShell() {
    assertThat(words("fit --where \"day >= '2025-01-01'\" --model m.json   # a comment"))
        .containsExactly("fit", "--where", "day >= '2025-01-01'", "--model", "m.json");
  }
}
