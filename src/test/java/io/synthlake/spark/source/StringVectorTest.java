package io.synthlake.spark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringVectorTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void labelsAreWrappedOnceAndSharedByEveryRow() {
    StringVector vector = new StringVector(8);
    byte[] married = utf8("Married-civ-spouse");
    byte[] never = utf8("Never-married");
    vector.putLabel(0, married);
    vector.putLabel(1, never);
    vector.putLabel(2, married);
    assertThat(vector.getUTF8String(0).toString()).isEqualTo("Married-civ-spouse");
    assertThat(vector.getUTF8String(1).toString()).isEqualTo("Never-married");
    assertThat(vector.getUTF8String(2)).isSameAs(vector.getUTF8String(0));
  }

  @Test
  void otherStringsAreCopiedSoTheCallerMayReuseItsArray() {
    StringVector vector = new StringVector(4);
    byte[] buffer = utf8("abcdef");
    vector.putString(0, buffer, 3);
    buffer[0] = 'x';
    vector.putString(1, buffer, 6);
    assertThat(vector.getUTF8String(0).toString()).isEqualTo("abc");
    assertThat(vector.getUTF8String(1).toString()).isEqualTo("xbcdef");
    assertThat(vector.getBinary(1)).isEqualTo(utf8("xbcdef"));
  }

  @Test
  void nullsAreCountedAndForgottenOnReset() {
    StringVector vector = new StringVector(4);
    vector.putNull(0);
    vector.putLabel(1, utf8("a"));
    vector.putNull(2);
    assertThat(vector.isNullAt(0)).isTrue();
    assertThat(vector.isNullAt(1)).isFalse();
    assertThat(vector.hasNull()).isTrue();
    assertThat(vector.numNulls()).isEqualTo(2);
    vector.reset();
    assertThat(vector.hasNull()).isFalse();
    assertThat(vector.getUTF8String(1)).isNull();
    assertThatThrownBy(() -> vector.putInt(0, 1)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("a synthlake string column holds strings only");
  }
}
