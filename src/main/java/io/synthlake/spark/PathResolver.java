package io.synthlake.spark;

import io.synthlake.config.SourceConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.paths.PathLayout;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;

/**
 * Resolves the paths of a command to normalised absolute URIs through the Hadoop FileSystem, so that {@code x},
 * {@code ./x}, {@code /abs/x} and {@code file:/abs/x} compare equal, and checks them with {@link PathLayout}
 * before any work. On the local file system, symbolic links in the existing part of a path are followed, so a
 * link into a source directory counts as the source.
 */
public final class PathResolver {
  private static final int HDFS_DEFAULT_PORT = 8020;
  private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)?");

  private PathResolver() {}

  /** Fails with exit code 5 when the layout breaks the rule (an output in an input, or nested outputs). */
  public static void check(PathLayout layout) {
    layout.problem().ifPresent(problem -> {
      throw SynthException.output("%s", problem);
    });
  }

  /** The normalised absolute URI of a path on its file system. */
  public static String resolve(Configuration conf, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      URI qualified = fs.makeQualified(path).toUri().normalize();
      String resolved;
      if ("file".equals(qualified.getScheme())) {
        resolved = followLinks(java.nio.file.Path.of(qualified.getPath())).toUri().toString();
      } else {
        resolved = canonical(qualified).toString();
      }
      return resolved.length() > 1 && resolved.endsWith("/") && !resolved.endsWith(":/")
          ? resolved.substring(0, resolved.length() - 1) : resolved;
    } catch (IOException | IllegalArgumentException e) {
      throw SynthException.config("cannot resolve path %s: %s", location, Failures.reason(e));
    }
  }

  public static String resolve(SparkSession spark, String location) {
    return resolve(spark.sparkContext().hadoopConfiguration(), location);
  }

  /**
   * Where a source's data lies, without reading it: its path, or a catalog table's location (null when the
   * catalog cannot say, e.g. a view or a table of another catalog).
   */
  public static String sourceLocation(SparkSession spark, SourceConfig source) {
    if (source.table() != null) {
      return catalogLocation(spark, source.table());
    }
    if (source.path() == null) {
      return null;
    }
    Path path = new Path(source.path());
    try {
      if (path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)
          || !CATALOG_NAME.matcher(source.path()).matches()) {
        return resolve(spark, source.path());
      }
    } catch (IOException | IllegalArgumentException e) {
      return resolve(spark, source.path());
    }
    String table = catalogLocation(spark, source.path());
    return table != null ? table : resolve(spark, source.path());
  }

  /** The location of a catalog table named db.table or table, read from the session catalog (no SQL text). */
  private static String catalogLocation(SparkSession spark, String name) {
    if (!CATALOG_NAME.matcher(name).matches()) {
      return null;
    }
    String[] parts = name.split("\\.");
    TableIdentifier identifier = parts.length == 1 ? new TableIdentifier(parts[0], Option.empty())
        : new TableIdentifier(parts[1], Option.apply(parts[0]));
    try {
      if (!spark.sessionState().catalog().tableExists(identifier)) {
        return null;
      }
      CatalogTable table = spark.sessionState().catalog().getTableMetadata(identifier);
      Option<URI> location = table.storage().locationUri();
      return location.isDefined() ? resolve(spark, location.get().toString()) : null;
    } catch (Exception e) {
      // Not a table the session catalog knows: nothing to compare.
      return null;
    }
  }

  /**
   * One spelling per location on a cluster file system: scheme and host in lower case, HDFS's default port
   * dropped, and Hadoop's three names of S3 as one ({@code s3a}); so {@code hdfs://NN:8020/x} equals
   * {@code hdfs://nn/x}. (An HA nameservice and one of its NameNodes' host names still differ: name paths one way.)
   */
  static URI canonical(URI uri) {
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if ("s3".equals(scheme) || "s3n".equals(scheme)) {
      scheme = "s3a";
    }
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(java.util.Locale.ROOT);
    int port = "hdfs".equals(scheme) && uri.getPort() == HDFS_DEFAULT_PORT ? -1 : uri.getPort();
    try {
      if (host == null) {
        return new URI(scheme, uri.getAuthority(), uri.getPath(), null, null);
      }
      return new URI(scheme, uri.getUserInfo(), host, port, uri.getPath(), null, null);
    } catch (java.net.URISyntaxException e) {
      return uri;
    }
  }

  /** The real path of the longest existing prefix (links followed), with the rest appended. */
  private static java.nio.file.Path followLinks(java.nio.file.Path path) throws IOException {
    java.nio.file.Path existing = path;
    java.nio.file.Path rest = null;
    while (existing != null && !Files.exists(existing, new LinkOption[0])) {
      java.nio.file.Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    java.nio.file.Path real = existing.toRealPath();
    return rest == null ? real : real.resolve(rest).normalize();
  }
}
