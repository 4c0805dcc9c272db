package io.synthlake.spark.io;

import io.delta.tables.DeltaTable;
import io.synthlake.config.SourceConfig;
import io.synthlake.config.SourceFormat;
import io.synthlake.errors.SynthException;
import io.synthlake.spark.Failures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Column;
import org.apache.spark.sql.functions;

/**
 * Opens a source table: a path (file or directory, Hive-style partitions, any Hadoop file system) in Parquet,
 * Delta, CSV, ORC or JSON, or a catalog table. Checks what it can before any scan: that the path exists, that a
 * directory has data files of one format, that Parquet files carry Parquet's magic bytes.
 */
public final class SourceReader {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*){0,2}");
  private static final Pattern COMPRESSION = Pattern.compile("\\.(gz|bz2|deflate|lz4|zst|zstd|xz|snappy)$");
  private static final int MAX_FILES_CHECKED = 1000;
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ORC_MAGIC = "ORC".getBytes(StandardCharsets.US_ASCII);

  private SourceReader() {}

  public static LoadedSource load(SparkSession spark, SourceConfig source) {
    // Checked before anything is read (CSV schema inference and Delta logs run jobs): a refused filter has run
    // nothing.
    org.apache.spark.sql.Column filter = source.where() == null ? null : RowFilter.parse(spark, source.where());
    LoadedSource loaded;
    if (source.table() != null) {
      loaded = fromCatalog(spark, source.table(), source);
    } else if (source.path() == null) {
      throw SynthException.config("no source: pass --source PATH_OR_TABLE or set source.path or source.table in "
          + "the job file");
    } else {
      loaded = fromPath(spark, source);
    }
    Dataset<Row> frame = loaded.frame();
    ColumnNames.requireDistinctSourceNames(spark, List.of(frame.columns()), loaded.location());
    if (filter != null) {
      RowFilter.requireColumns(spark, filter, List.of(frame.columns()), loaded.location());
      try {
        frame = frame.where(filter);
      } catch (Exception e) {
        throw SynthException.config(e, "source.where '%s' is not a valid filter on %s: %s", source.where(),
            loaded.location(), Failures.reason(e));
      }
    }
    return new LoadedSource(frame, loaded.location(), loaded.format(), loaded.deltaVersion(),
        loaded.partitionColumns(), source.name() != null ? source.name() : loaded.tableName());
  }

  private static LoadedSource fromCatalog(SparkSession spark, String table, SourceConfig source) {
    boolean exists;
    try {
      exists = spark.catalog().tableExists(table);
    } catch (Exception e) {
      throw SynthException.input(e, "cannot look up table %s in the catalog: %s", table, Failures.reason(e));
    }
    if (!exists) {
      throw SynthException.input("source table %s does not exist in the catalog (and no such path exists)", table);
    }
    Dataset<Row> frame;
    Long version = null;
    SourceFormat format = SourceFormat.TABLE;
    try {
      if (source.version() != null || source.timestamp() != null) {
        DataFrameReader reader = spark.read().format(SourceFormat.DELTA.configName());
        timeTravel(reader, source);
        frame = reader.table(table);
      } else {
        frame = spark.table(table);
      }
    } catch (Exception e) {
      throw SynthException.input(e, "cannot read table %s: %s", table, Failures.reason(e));
    }
    try {
      DeltaTable delta = DeltaTable.forName(spark, table);
      version = deltaVersion(delta, source);
      format = SourceFormat.DELTA;
    } catch (Exception notDelta) {
      // Not a Delta table: no version to record.
    }
    List<String> partitions = new ArrayList<>();
    try {
      for (Column column : spark.catalog().listColumns(table).collectAsList()) {
        if (column.isPartition()) {
          partitions.add(column.name());
        }
      }
    } catch (Exception e) {
      // Partition information is descriptive only.
    }
    String name = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
    return new LoadedSource(frame, table, format, version, partitions, name);
  }

  private static LoadedSource fromPath(SparkSession spark, SourceConfig source) {
    String location = source.path();
    Path path = new Path(location);
    FileSystem fs;
    FileStatus status;
    try {
      fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      status = fs.exists(path) ? fs.getFileStatus(path) : null;
    } catch (IOException | IllegalArgumentException e) {
      throw SynthException.input(e, "cannot access source %s: %s", location, Failures.reason(e));
    }
    if (status == null) {
      if (TABLE_NAME.matcher(location).matches() && tableExists(spark, location)) {
        return fromCatalog(spark, location, source);
      }
      throw SynthException.input("source %s does not exist (neither a path nor a catalog table)", location);
    }
    boolean delta = status.isDirectory() && exists(fs, DeltaPaths.log(path));
    SourceFormat format = source.declaredFormat();
    List<String> partitions = List.of();
    if (!delta && format != SourceFormat.DELTA) {
      DataFiles files = list(fs, path, status, location);
      if (files.files().isEmpty()) {
        throw SynthException.input("source %s has no data files (only hidden or empty entries)", location);
      }
      if (format == null) {
        format = files.format(location);
      }
      if (format == SourceFormat.PARQUET) {
        checkParquetMagic(fs, files.files(), location);
      }
      partitions = files.partitionColumns();
    } else if (format == null) {
      format = SourceFormat.DELTA;
    }
    if ((source.version() != null || source.timestamp() != null) && format != SourceFormat.DELTA) {
      throw SynthException.config("source.version and source.timestamp need a Delta table, but %s is %s",
          location, format.configName());
    }
    Dataset<Row> frame = read(spark, source, location, format);
    Long version = null;
    if (format == SourceFormat.DELTA) {
      try {
        DeltaTable table = DeltaTable.forPath(spark, location);
        version = deltaVersion(table, source);
        partitions = table.detail().select("partitionColumns").first().getList(0);
      } catch (Exception e) {
        throw SynthException.input(e, "cannot read the Delta log of %s: %s", location, Failures.reason(e));
      }
    }
    return new LoadedSource(frame, location, format, version, partitions, nameOf(path));
  }

  private static Dataset<Row> read(SparkSession spark, SourceConfig source, String location,
      SourceFormat format) {
    DataFrameReader reader = spark.read().format(format.configName());
    Map<String, String> options = new HashMap<>();
    if (format == SourceFormat.CSV) {
      options.put("header", "true");
      // RFC 4180: quoted fields may hold line breaks and doubled quotes ("a ""b"""); Spark's defaults read
      // neither (a record per line, backslash escapes).
      options.put("multiLine", "true");
      options.put("escape", "\"");
      if (source.schema() == null) {
        options.put("inferSchema", "true");
      }
    }
    options.putAll(source.options());
    reader = reader.options(options);
    if (source.schema() != null) {
      try {
        reader = reader.schema(source.schema());
      } catch (StackOverflowError e) {
        throw SynthException.config(e, "source.schema is nested too deeply to parse (%d characters): simplify it",
            source.schema().length());
      } catch (Exception e) {
        throw SynthException.config(e, "source.schema '%s' is not a valid DDL schema: %s", source.schema(),
            Failures.reason(e));
      }
    }
    if (format == SourceFormat.DELTA) {
      timeTravel(reader, source);
    }
    try {
      return reader.load(location);
    } catch (Exception e) {
      requireNoCaseClash(spark, location, format, options);
      throw SynthException.input(e, "cannot read %s as %s: %s", location, format.configName(), Failures.reason(e));
    }
  }

  /**
   * A case-insensitive session refuses a file whose columns differ only in case, naming one of them; a
   * case-sensitive look at the schema alone (no scan) names both.
   */
  private static void requireNoCaseClash(SparkSession spark, String location, SourceFormat format,
      Map<String, String> options) {
    if (ColumnNames.caseSensitive(spark)) {
      return;
    }
    List<String> names;
    try {
      SparkSession probe = spark.newSession();
      probe.conf().set("spark.sql.caseSensitive", "true");
      names = List.of(probe.read().format(format.configName()).options(options).load(location).columns());
    } catch (Exception e) {
      return; // unreadable for another reason: the caller reports it
    }
    ColumnNames.requireDistinctSourceNames(spark, names, location);
  }

  private static void timeTravel(DataFrameReader reader, SourceConfig source) {
    if (source.version() != null) {
      reader.option("versionAsOf", source.version());
    }
    if (source.timestamp() != null) {
      reader.option("timestampAsOf", source.timestamp());
    }
  }

  private static Long deltaVersion(DeltaTable table, SourceConfig source) {
    if (source.version() != null) {
      return source.version();
    }
    Dataset<Row> history = table.history();
    if (source.timestamp() != null) {
      history = history.where(functions.col("timestamp").leq(functions.lit(source.timestamp()).cast("timestamp")));
    }
    Row row = history.agg(functions.max("version")).first();
    return row.isNullAt(0) ? null : row.getLong(0);
  }

  private static boolean tableExists(SparkSession spark, String name) {
    try {
      return spark.catalog().tableExists(name);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  /** "adult" for data/adult.csv, "flights" for /lake/flights/ (partitioned or not). */
  static String nameOf(Path path) {
    String name = path.getName();
    name = COMPRESSION.matcher(name.toLowerCase(Locale.ROOT)).find() ? name.substring(0, name.lastIndexOf('.'))
        : name;
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Data files of a source path, with the format each has (by extension or magic bytes; null if unknown). */
  private record DataFiles(List<FileStatus> files, Map<String, List<String>> byFormat, List<String> partitionColumns) {
    /** The one format of the files, or an error naming what was found. */
    SourceFormat format(String location) {
      if (byFormat.size() > 1 || byFormat.containsKey("unknown")) {
        String found = byFormat.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue().size() + " e.g. " + e.getValue().get(0))
            .collect(Collectors.joining("; "));
        if (byFormat.size() == 1) {
          throw SynthException.input("cannot tell the format of %s (%s): pass --format", location, found);
        }
        throw SynthException.input("source %s mixes file formats (%s): pass --format or clean up the directory",
            location, found);
      }
      return SourceFormat.fromConfigName(byFormat.keySet().iterator().next());
    }
  }

  private static DataFiles list(FileSystem fs, Path root, FileStatus status, String location) {
    List<FileStatus> files = new ArrayList<>();
    Map<String, List<String>> byFormat = new TreeMap<>();
    List<String> partitions = new ArrayList<>();
    try {
      if (status.isFile()) {
        files.add(status);
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        String rootText = root.makeQualified(fs.getUri(), fs.getWorkingDirectory()).toUri().getPath();
        while (it.hasNext()) {
          LocatedFileStatus file = it.next();
          String relative = relative(rootText, file.getPath().toUri().getPath());
          if (hidden(relative)) {
            continue;
          }
          if (files.isEmpty()) {
            partitions = partitionColumns(relative);
          }
          files.add(file);
        }
      }
      for (FileStatus file : files) {
        SourceFormat format = formatOf(fs, file);
        // Keyed by name: the messages list what was found in name order, "unknown" included.
        byFormat.computeIfAbsent(format == null ? "unknown" : format.configName(), k -> new ArrayList<>())
            .add(file.getPath().getName());
      }
    } catch (IOException e) {
      throw SynthException.input(e, "cannot list source %s: %s", location, Failures.reason(e));
    }
    return new DataFiles(files, new LinkedHashMap<>(byFormat), partitions);
  }

  private static String relative(String root, String file) {
    String prefix = root.endsWith("/") ? root : root + "/";
    return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
  }

  /** Spark skips names starting with '_' (unless they hold a partition's '=') or '.'. */
  private static boolean hidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if ((part.startsWith("_") && !part.contains("=")) || part.startsWith(".") || part.endsWith("._COPYING_")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> partitionColumns(String relativePath) {
    List<String> columns = new ArrayList<>();
    String[] parts = relativePath.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        columns.add(parts[i].substring(0, eq));
      }
    }
    return columns;
  }

  private static SourceFormat formatOf(FileSystem fs, FileStatus file) throws IOException {
    String name = COMPRESSION.matcher(file.getPath().getName().toLowerCase(Locale.ROOT)).replaceFirst("");
    if (name.endsWith(".parquet")) {
      return SourceFormat.PARQUET;
    }
    if (name.endsWith(".orc")) {
      return SourceFormat.ORC;
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return SourceFormat.CSV;
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return SourceFormat.JSON;
    }
    byte[] head = head(fs, file, 4);
    if (startsWith(head, PARQUET_MAGIC)) {
      return SourceFormat.PARQUET;
    }
    if (startsWith(head, ORC_MAGIC)) {
      return SourceFormat.ORC;
    }
    return null;
  }

  private static void checkParquetMagic(FileSystem fs, List<FileStatus> files, String location) {
    int checked = 0;
    for (FileStatus file : files) {
      if (checked++ >= MAX_FILES_CHECKED) {
        return;
      }
      try {
        long length = file.getLen();
        boolean ok = length >= 12;
        if (ok) {
          try (FSDataInputStream in = fs.open(file.getPath())) {
            byte[] head = new byte[4];
            byte[] tail = new byte[4];
            in.readFully(0, head);
            in.readFully(length - 4, tail);
            ok = startsWith(head, PARQUET_MAGIC) && startsWith(tail, PARQUET_MAGIC);
          }
        }
        if (!ok) {
          throw SynthException.input("source %s: file %s is not a Parquet file (%s): remove or replace it",
              location, file.getPath(), length < 12 ? "only " + length + " bytes" : "no PAR1 magic bytes");
        }
      } catch (IOException e) {
        throw SynthException.input(e, "source %s: cannot read file %s: %s", location, file.getPath(),
            Failures.reason(e));
      }
    }
  }

  private static byte[] head(FileSystem fs, FileStatus file, int bytes) throws IOException {
    if (file.getLen() < bytes) {
      return new byte[0];
    }
    try (FSDataInputStream in = fs.open(file.getPath())) {
      byte[] head = new byte[bytes];
      in.readFully(0, head);
      return head;
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
