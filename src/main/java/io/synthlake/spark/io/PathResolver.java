package io.synthlake.spark.io;

import io.synthlake.config.SourceConfig;
import io.synthlake.errors.SynthException;
import io.synthlake.paths.PathLayout;
import io.synthlake.spark.Failures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * Resolves the paths of a command to normalised absolute URIs through the Hadoop FileSystem, so that {@code x},
 * {@code ./x}, {@code /abs/x} and {@code file:/abs/x} compare equal, and checks them with {@link PathLayout}
 * before any work. On the local file system, symbolic links in the existing part of a path are followed, so a
 * link into a source directory counts as the source.
 */
public final class PathResolver {
  private static final int HDFS_DEFAULT_PORT = 8020;
  private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*){0,2}");
  /** {@code parquet.`/data/t`}, {@code delta.`s3a://b/t`}: a file-based format and a path. */
  private static final Pattern PATH_IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*\\.`((?:[^`]|``)+)`");
  private static final String SESSION_CATALOG = "spark_catalog";

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
   * Every root directory a source reads, without reading its rows: its path; for {@code format.`path`} the path;
   * for a table of the session catalog its location; for anything else readable (a view, a table of another
   * catalog) the directories of its input files. Empty when the table cannot be read at all: its read then fails
   * with its own error before anything is written.
   */
  public static List<String> sourceLocations(SparkSession spark, SourceConfig source) {
    if (source.table() != null) {
      return tableLocations(spark, source.table());
    }
    if (source.path() == null) {
      return List.of();
    }
    Path path = new Path(source.path());
    try {
      if (path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)
          || !CATALOG_NAME.matcher(source.path()).matches()) {
        return List.of(resolve(spark, source.path()));
      }
    } catch (IOException | IllegalArgumentException e) {
      return List.of(resolve(spark, source.path()));
    }
    // SourceReader falls back to a catalog table of that name; if none, the path itself (it fails as missing).
    List<String> table = tableLocations(spark, source.path());
    return table.isEmpty() ? List.of(resolve(spark, source.path())) : table;
  }

  private static List<String> tableLocations(SparkSession spark, String name) {
    Matcher pathIdentifier = PATH_IDENTIFIER.matcher(name);
    if (pathIdentifier.matches()) {
      return List.of(resolve(spark, pathIdentifier.group(1).replace("``", "`")));
    }
    String location = catalogLocation(spark, name);
    return location != null ? List.of(location) : inputRoots(spark, name);
  }

  /**
   * The location of a table (not a view) of the session catalog named [spark_catalog.]db.table or table, read
   * from the catalog (no SQL text); null for anything else.
   */
  private static String catalogLocation(SparkSession spark, String name) {
    if (!CATALOG_NAME.matcher(name).matches()) {
      return null;
    }
    List<String> parts = new ArrayList<>(List.of(name.split("\\.")));
    if (parts.size() == 3) {
      if (!SESSION_CATALOG.equalsIgnoreCase(parts.get(0))) {
        return null;
      }
      parts.remove(0);
    }
    TableIdentifier identifier = parts.size() == 1 ? new TableIdentifier(parts.get(0), Option.empty())
        : new TableIdentifier(parts.get(1), Option.apply(parts.get(0)));
    try {
      SessionCatalog catalog = spark.sessionState().catalog();
      // A temporary view shadows a table of the same name.
      if (catalog.isTempView(identifier) || !catalog.tableExists(identifier)) {
        return null;
      }
      CatalogTable table = catalog.getTableMetadata(identifier);
      Option<URI> location = table.storage().locationUri();
      return location.isDefined() && !CatalogTableType.VIEW().equals(table.tableType())
          ? resolve(spark, location.get().toString()) : null;
    } catch (Exception e) {
      // Not a table the session catalog knows: its input files say where it lies.
      return null;
    }
  }

  /**
   * One spelling per location on a cluster file system: scheme and host in lower case, HDFS's default port
   * dropped, and Hadoop's three names of S3 as one ({@code s3a}); so {@code hdfs://NN:8020/x} equals
   * {@code hdfs://nn/x}. (An HA nameservice and one of its NameNodes' host names still differ: name paths one way.)
   * Public: visible for tests.
   */
  public static URI canonical(URI uri) {
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

  /**
   * The fewest directories holding every input file of a readable table or view: each file's directory, above
   * any Hive-style partition directories ({@code k=v}), without those inside another.
   */
  private static List<String> inputRoots(SparkSession spark, String name) {
    String[] files;
    try {
      files = spark.table(name).inputFiles();
    } catch (Exception e) {
      return List.of();
    }
    Set<String> directories = new TreeSet<>();
    for (String file : files) {
      Path directory = new Path(file).getParent();
      while (directory != null && directory.getParent() != null && directory.getName().indexOf('=') > 0) {
        directory = directory.getParent();
      }
      if (directory != null) {
        directories.add(directory.toString());
      }
    }
    Set<String> resolved = new TreeSet<>();
    for (String directory : directories) {
      resolved.add(resolve(spark, directory));
    }
    return resolved.stream()
        .filter(root -> resolved.stream().noneMatch(other -> PathLayout.inside(root, other)))
        .toList();
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
