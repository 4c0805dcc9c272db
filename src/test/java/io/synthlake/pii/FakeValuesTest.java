package io.synthlake.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeValuesTest {
  @Test
  void aValueIsAFunctionOfTypeLocaleAndKeyAlone() {
    FakeValues first = new FakeValues("en-US");
    FakeValues second = new FakeValues("en-US");
    // The second instance makes other values first: earlier draws must not change later ones.
    for (long key = 0; key < 50; key++) {
      second.fake(PiiType.ADDRESS, key * 31 + 7);
    }
    for (PiiType type : PiiType.values()) {
      if (type == PiiType.NONE) {
        continue;
      }
      for (long key = 0; key < 20; key++) {
        assertThat(second.fake(type, key)).as(type + " key " + key).isEqualTo(first.fake(type, key)).isNotBlank();
      }
    }
  }

  @Test
  void valuesVaryWithTheKeyAndFollowTheLocale() {
    FakeValues english = new FakeValues("en-US");
    FakeValues german = new FakeValues("de-DE");
    Set<String> names = new HashSet<>();
    int germanMail = 0;
    for (long key = 0; key < 200; key++) {
      names.add(english.fake(PiiType.FULL_NAME, key));
      if (german.fake(PiiType.EMAIL, key).endsWith(".de")) {
        germanMail++;
      }
      assertThat(english.fake(PiiType.EMAIL, key)).matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}");
    }
    assertThat(names).as("distinct names among 200").hasSizeGreaterThan(190);
    assertThat(germanMail).as("de-DE e-mail addresses at German domains, of 200").isGreaterThan(50);
  }

  @Test
  void takenValuesAreNeverReturned() {
    FakeValues fakes = new FakeValues("en-US");
    Set<String> taken = new HashSet<>();
    for (long key = 0; key < 100; key++) {
      taken.add(fakes.fake(PiiType.FIRST_NAME, key));
    }
    for (long key = 0; key < 100; key++) {
      String value = fakes.fakeAvoiding(PiiType.FIRST_NAME, key, taken::contains);
      assertThat(taken).doesNotContain(value);
      assertThat(fakes.fakeAvoiding(PiiType.FIRST_NAME, key, taken::contains)).isEqualTo(value);
    }
    // When every draw is taken, numbered variants of the first value are used.
    assertThat(fakes.fakeAvoiding(PiiType.LAST_NAME, 1, v -> !v.matches(".* \\d+"))).matches(".+ \\d+");
  }

  @Test
  void aBadLocaleIsNamed() {
    assertThatThrownBy(() -> new FakeValues("en_US!")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("locale 'en_US!' is not a language tag");
  }

  @Test
  void pseudonymsDependOnTheKeyTypeAndValueOnly() {
    PseudonymKey key = PseudonymKey.load("K", null, Map.of("K", "0123456789abcdef0123"), "test");
    PseudonymKey other = PseudonymKey.load("K", null, Map.of("K", "another-key-of-20-bytes"), "test");
    assertThat(key.seedOf(PiiType.EMAIL, "Ann@Example.com")).isEqualTo(key.seedOf(PiiType.EMAIL, " ann@example.com"));
    assertThat(key.seedOf(PiiType.FULL_NAME, "Ann")).isNotEqualTo(key.seedOf(PiiType.FULL_NAME, "ann"));
    assertThat(key.seedOf(PiiType.EMAIL, "a@b.co")).isNotEqualTo(other.seedOf(PiiType.EMAIL, "a@b.co"))
        .isNotEqualTo(key.seedOf(PiiType.USERNAME, "a@b.co"));
    assertThat(key.toString()).doesNotContain("0123456789");
    for (String value : List.of("x", "y")) {
      assertThat(key.seedOf(PiiType.PHONE, value)).isEqualTo(key.seedOf(PiiType.PHONE, value));
    }
  }

  @Test
  void aMissingOrShortKeyIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> PseudonymKey.load("SYNTHLAKE_PII_KEY", null, Map.of(), "table customers"))
        .hasMessage("table customers: pseudonymize needs a secret key: set the environment variable "
            + "SYNTHLAKE_PII_KEY or pii.key-file (a file holding at least 16 random bytes)");
    assertThatThrownBy(() -> PseudonymKey.load("K", null, Map.of("K", "short-secret"), "t"))
        .hasMessage("t: the pseudonymisation key in the environment variable K has 12 bytes; use at least 16 "
            + "random bytes (for example: openssl rand -hex 32)");
    assertThatThrownBy(() -> PseudonymKey.load("K", "/no/such/key", Map.of(), "t"))
        .hasMessage("t: cannot read the pseudonymisation key file /no/such/key (NoSuchFileException)");
  }

  @Test
  void aBinaryOrShortKeyFileGetsAClearMessageAndKeyLengthsAreBytes(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path binary = dir.resolve("binary.key");
    byte[] random = new byte[32];
    new java.util.Random(7).nextBytes(random);
    random[0] = (byte) 0xC3;
    random[1] = (byte) 0x28;
    java.nio.file.Files.write(binary, random);
    assertThatThrownBy(() -> PseudonymKey.load("K", binary.toString(), Map.of(), "table t"))
        .hasMessage("table t: the pseudonymisation key file " + binary + " is binary, not text: write the key as "
            + "text, for example: openssl rand -hex 32 > " + binary);
    // Six characters of two bytes each: 12 bytes, too short although a byte count of 16 is not far.
    java.nio.file.Path shortKey = dir.resolve("short.key");
    java.nio.file.Files.writeString(shortKey, "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\n");
    assertThatThrownBy(() -> PseudonymKey.load("K", shortKey.toString(), Map.of(), "table t"))
        .hasMessage("table t: the pseudonymisation key in file " + shortKey + " has 12 bytes; use at least 16 random "
            + "bytes (for example: openssl rand -hex 32)")
        .hasMessageNotContaining("\u00e9");
    // Eight such characters are 16 bytes: enough.
    java.nio.file.Files.writeString(shortKey, "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9");
    assertThat(PseudonymKey.load("K", shortKey.toString(), Map.of(), "table t")).hasToString("PseudonymKey[hidden]");
  }
}
