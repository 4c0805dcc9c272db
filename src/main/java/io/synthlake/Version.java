package io.synthlake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, recorded in models and outputs. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String version() {
    return VERSION;
  }

  /** "synthlake 0.1.0". */
  public static String tool() {
    return "synthlake " + VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/synthlake-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String version = properties.getProperty("version");
      return version == null || version.startsWith("$") ? "dev" : version;
    } catch (IOException e) {
      return "dev";
    }
  }
}
