package io.synthlake.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathLayoutTest {
  @Test
  void insideIsAboutPathSegmentsNotCharacters() {
    assertThat(PathLayout.inside("file:/a/b", "file:/a")).isTrue();
    assertThat(PathLayout.inside("file:/a/b/c", "file:/a")).isTrue();
    assertThat(PathLayout.inside("file:/ab", "file:/a")).isFalse();
    assertThat(PathLayout.inside("file:/a", "file:/a")).isFalse();
    assertThat(PathLayout.inside("hdfs://nn/a/b", "file:/a")).isFalse();
  }

  @Test
  void aWriteMayNotEqualContainOrLieInsideARead() {
    assertThat(new PathLayout().read("source", "s", "file:/d/s").write("model", "m", "file:/d/s").problem())
        .hasValue("the model m is the same path as the source s: synthlake never writes into what it reads; "
            + "choose a model path outside s");
    assertThat(new PathLayout().read("source", "s", "file:/d/s").write("output", "o", "file:/d/s/o").problem())
        .get().asString().startsWith("the output o lies inside the source s");
    assertThat(new PathLayout().read("source", "s", "file:/d/s").write("output", "o", "file:/d").problem())
        .get().asString().startsWith("the output o contains the source s");
    assertThat(new PathLayout().read("source", "s", "file:/d/s").write("output", "o", "file:/d/so").problem())
        .isEmpty();
  }

  @Test
  void writesMayNotNestButASharedHistoryMayRepeat() {
    assertThat(new PathLayout().write("output of table a", "x/a", "file:/x/a")
        .write("output of table b", "x/a/b", "file:/x/a/b").problem())
        .hasValue("the output of table a x/a contains the output of table b x/a/b: give each its own path, "
            + "neither inside the other");
    assertThat(new PathLayout().sharedWrite("score history", "h", "file:/h").sharedWrite("score history", "h",
        "file:/h").problem()).isEmpty();
    assertThat(new PathLayout().sharedWrite("score history", "h", "file:/h").write("report directory", "h/r",
        "file:/h/r").problem()).isPresent();
  }
}
