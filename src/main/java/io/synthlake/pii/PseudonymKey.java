package io.synthlake.pii;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of pseudonymisation: a keyed hash (HMAC-SHA256) of each source value seeds its fake value, so the
 * same value gets the same pseudonym in every table and run with the same key, and nobody without the key can
 * test a guess. The key comes from an environment variable or a file, never from a job file, and is never
 * printed: {@link #toString} hides it.
 */
public final class PseudonymKey implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The shortest accepted key: 16 bytes, as for an AES-128 key. */
  static final int MIN_KEY_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;
  private transient ThreadLocal<Mac> macs;

  PseudonymKey(byte[] secret) {
    this(secret, "the pseudonymisation key");
  }

  /** @param what the key and where it came from, for the message (never the key itself) */
  private PseudonymKey(byte[] secret, String what) {
    if (secret.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(what + " has " + secret.length + " bytes; use at least " + MIN_KEY_BYTES
          + " random bytes (for example: openssl rand -hex 32)");
    }
    this.secret = secret.clone();
  }

  /**
   * The key from the file when one is named, else from the environment variable. Either is text (surrounding
   * white space is ignored) and its length is counted in bytes of UTF-8.
   *
   * @param source where a missing key is looked for, for the error message
   */
  public static PseudonymKey load(String envVariable, String keyFile, Map<String, String> environment,
      String source) {
    if (keyFile != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(Path.of(keyFile));
      } catch (IOException e) {
        throw new IllegalArgumentException(source + ": cannot read the pseudonymisation key file " + keyFile + " ("
            + e.getClass().getSimpleName() + ")", e);
      }
      String text = textOf(bytes);
      if (text == null) {
        // Trimming or decoding binary would silently change the key: ask for text instead.
        throw new IllegalArgumentException(source + ": the pseudonymisation key file " + keyFile + " is binary, "
            + "not text: write the key as text, for example: openssl rand -hex 32 > " + keyFile);
      }
      text = text.strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(source + ": the pseudonymisation key file " + keyFile + " is empty");
      }
      return new PseudonymKey(text.getBytes(StandardCharsets.UTF_8), source + ": the pseudonymisation key in file "
          + keyFile);
    }
    String value = environment.get(envVariable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(source + ": pseudonymize needs a secret key: set the environment variable "
          + envVariable + " or pii.key-file (a file holding at least " + MIN_KEY_BYTES + " random bytes)");
    }
    return new PseudonymKey(value.strip().getBytes(StandardCharsets.UTF_8), source
        + ": the pseudonymisation key in the environment variable " + envVariable);
  }

  /** The bytes as UTF-8 text, or null when they are not text (malformed UTF-8 or control characters). */
  private static String textOf(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
        return null;
      }
    }
    return text;
  }

  /**
   * The seed of a source value's pseudonym. It depends on the type and the value only, not on the table or the
   * column, so a value keeps its pseudonym across tables; e-mail addresses are compared ignoring case.
   */
  public long seedOf(PiiType type, String value) {
    String normal = type == PiiType.EMAIL ? value.strip().toLowerCase(Locale.ROOT) : value.strip();
    byte[] digest = mac().doFinal((type.configName() + '\u0000' + normal).getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(digest).getLong();
  }

  private Mac mac() {
    if (macs == null) {
      macs = ThreadLocal.withInitial(() -> {
        try {
          Mac mac = Mac.getInstance(ALGORITHM);
          mac.init(new SecretKeySpec(secret, ALGORITHM));
          return mac;
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
      });
    }
    return macs.get();
  }

  @Override
  public String toString() {
    return "PseudonymKey[hidden]";
  }
}
