package io.synthlake.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.synthlake.errors.SynthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a YAML job file, applies command-line overrides, and binds it to {@link JobConfig}. Every problem (unknown
 * key, wrong value type, value out of range) is collected and reported together in one line, each with its line
 * in the file or the option it came from, so a user fixes a file in one round.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigLoader() {}

  /** Loads the job file (or nothing, when {@code file} is null) with the overrides applied on top. */
  public static JobConfig load(Path file, List<ConfigOverride> overrides) {
    String origin = file == null ? "command line" : file.toString();
    String text = file == null ? "" : read(file);
    ObjectNode root = parse(text, origin);
    Map<String, Integer> lines = keyLines(text);
    Map<String, String> optionOf = new HashMap<>();
    for (ConfigOverride override : overrides) {
      apply(root, override);
      optionOf.put(override.dottedPath(), override.option());
    }
    List<ConfigProblem> problems = new ArrayList<>();
    JobConfig config = bind(root, JobConfig.class, problems);
    if (config != null && problems.isEmpty()) {
      problems.addAll(config.problems());
    }
    failOn(problems, origin, lines, optionOf);
    return config;
  }

  /**
   * Loads a lake job file: {@code lake} (shared settings), {@code defaults} (job sections every table starts
   * from) and {@code tables} (per table a mode and job sections). Each table's model, output path and format,
   * report directory and seed default to the lake's settings. Every problem of every table is reported at once.
   */
  public static LakeConfig loadLake(Path file) {
    String origin = file.toString();
    String text = read(file);
    ObjectNode root = parse(text, origin);
    Map<String, Integer> lines = keyLines(text);
    JsonNode tables = root.get("tables");
    if (!(tables instanceof ObjectNode) || tables.isEmpty()) {
      throw SynthException.config("lake file %s needs a tables section that maps each table's name to its source "
          + "and mode (see jobs/lake-demo.yaml)", origin);
    }
    List<ConfigProblem> nameProblems = new ArrayList<>();
    tables.fieldNames().forEachRemaining(name -> LakeConfig.tableNameProblem(name).ifPresent(message ->
        nameProblems.add(new ConfigProblem("tables." + name, message))));
    failOn(nameProblems, origin, lines, Map.of());
    JsonNode defaults = root.remove("defaults");
    root.set("tables", LakeFileDefaults.tables((ObjectNode) tables, defaults, root.path("lake")));
    List<ConfigProblem> problems = new ArrayList<>();
    LakeConfig.LakeFile bound = bind(root, LakeConfig.LakeFile.class, problems);
    Map<String, LakeConfig.LakeTable> result = new java.util.LinkedHashMap<>();
    LakeConfig.LakeSettings settings = bound == null || bound.lake() == null ? LakeConfig.LakeSettings.defaults()
        : bound.lake();
    if (bound != null && problems.isEmpty()) {
      bound.tables().forEach((name, spec) -> result.put(name, new LakeConfig.LakeTable(name,
          spec.mode() == null ? TableMode.SYNTHESIZE : spec.mode(), spec.job(), spec.foreignKeys())));
      problems.addAll(LakeConfig.problems(result, settings));
    }
    failOn(problems, origin, lines, Map.of());
    return new LakeConfig(settings, result);
  }

  /** Binds the tree, collecting every problem instead of stopping at the first; null when binding failed. */
  private static <T> T bind(ObjectNode root, Class<T> type, List<ConfigProblem> problems) {
    try {
      return YAML.readerFor(type).withHandler(new ProblemCollector(problems)).readValue(YAML.treeAsTokens(root));
    } catch (JsonMappingException e) {
      problems.add(new ConfigProblem(pathOf(e), e.getOriginalMessage()));
    } catch (IOException e) {
      problems.add(new ConfigProblem("", e.getMessage()));
    }
    return null;
  }

  /** One error naming every problem, in file order (binding reports some late: record fields are buffered). */
  private static void failOn(List<ConfigProblem> problems, String origin, Map<String, Integer> lines,
      Map<String, String> optionOf) {
    if (!problems.isEmpty()) {
      throw SynthException.config("config %s: %s", origin, problems.stream()
          .sorted(java.util.Comparator.comparingInt(p -> lineOf(p.path(), lines)))
          .map(p -> where(p.path(), lines, optionOf) + p.message())
          .collect(Collectors.joining("; ")));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw SynthException.config(e, "config file %s does not exist", file);
    } catch (IOException e) {
      throw SynthException.config(e, "cannot read config file %s: %s", file, e.getMessage());
    }
  }

  private static ObjectNode parse(String text, String origin) {
    refuseAliases(text, origin);
    JsonNode tree;
    try {
      tree = text.isBlank() ? null : YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw SynthException.config("config %s is not valid YAML%s: %s", origin, line,
          firstLine(e.getOriginalMessage()));
    }
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw SynthException.config("config %s must be a YAML mapping of sections (source, model, fit, generate, "
          + "output, validate), got a %s", origin, tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return (ObjectNode) tree;
  }

  /**
   * Jackson's YAML parser reads an alias ({@code *name}) as the text "name", not as the anchored value: a job file
   * would silently run with the anchor's name as a path, filter or option. Aliases are refused instead.
   */
  private static void refuseAliases(String text, String origin) {
    if (text.isBlank()) {
      return;
    }
    try (YAMLParser parser = (YAMLParser) new YAMLFactory().createParser(text)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          throw SynthException.config("config %s line %d: YAML aliases (*%s) are not supported: write the value "
              + "out in full", origin, parser.currentTokenLocation().getLineNr(), parser.getText());
        }
      }
    } catch (IOException e) {
      // Not valid YAML: parse reports it, with its line.
    }
  }

  /** The line of every key in the file, and of every plain item of a list ({@code fit.rules[2]}), by path. */
  private static Map<String, Integer> keyLines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    if (text.isBlank()) {
      return lines;
    }
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token.isScalarValue() && parser.getParsingContext().inArray()) {
          lines.putIfAbsent(pathOf(parser.getParsingContext()), parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // The text already parsed as a tree; a failure here only costs line numbers.
    }
    return lines;
  }

  private static void apply(ObjectNode root, ConfigOverride override) {
    ObjectNode node = root;
    List<String> path = override.path();
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode child = node.get(path.get(i));
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(path.get(i));
      }
      node = (ObjectNode) child;
    }
    node.set(path.get(path.size() - 1), YAML.valueToTree(override.value()));
  }

  private static String where(String path, Map<String, Integer> lines, Map<String, String> optionOf) {
    String option = optionOf.get(path);
    if (option != null) {
      return "option " + option + ": ";
    }
    int line = lineOf(path, lines);
    return line == Integer.MAX_VALUE ? "" : "line " + line + ": ";
  }

  /** The line of a key or list item, or of its nearest enclosing one; MAX_VALUE when unknown (command line). */
  private static int lineOf(String path, Map<String, Integer> lines) {
    for (String p = path; !p.isEmpty(); p = parentOf(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** {@code fit.rules} for {@code fit.rules[2]}, {@code fit} for {@code fit.rules}, "" at the top. */
  private static String parentOf(String path) {
    int end = path.endsWith("]") && path.contains("[") ? path.lastIndexOf('[') : path.lastIndexOf('.');
    return path.substring(0, Math.max(0, end));
  }

  static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      } else if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (path.length() > 0 && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.toString();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(e -> ConfigEnum.nameOf((Enum<?>) e))
          .collect(Collectors.joining(", "));
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys to values";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a " + type.getSimpleName();
  }

  /** Records each binding problem and lets binding go on, so that every problem is reported at once. */
  private static final class ProblemCollector extends DeserializationProblemHandler {
    private final List<ConfigProblem> problems;

    ProblemCollector(List<ConfigProblem> problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
      String path = pathOf(p.getParsingContext());
      Set<String> known = new LinkedHashSet<>();
      for (Object name : deserializer.getKnownPropertyNames()) {
        known.add(String.valueOf(name));
      }
      String section = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
      String allowed = known.isEmpty() ? "" : "; keys allowed" + (section.isEmpty() ? "" : " in " + section)
          + ": " + String.join(", ", known);
      String hint = Suggestions.hint(propertyName, known);
      problems.add(new ConfigProblem(path, "unknown key '" + path + "'" + (hint.isEmpty() ? allowed : hint)));
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
        String failureMsg) {
      String path = pathOf(ctxt.getParser().getParsingContext());
      problems.add(new ConfigProblem(path, path + " must be " + describe(targetType) + ", got '" + value + "'"));
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
        String failureMsg) {
      String path = pathOf(ctxt.getParser().getParsingContext());
      problems.add(new ConfigProblem(path, path + " must be " + describe(targetType) + ", got " + value));
      return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
        JsonParser p, String failureMsg) throws IOException {
      return wrongShape(targetType.getRawClass(), t, p);
    }

    /** A single value where a list or a mapping belongs ({@code rules: a -> b}). */
    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
        ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
      return wrongShape(instClass, p.currentToken(), p);
    }

    private Object wrongShape(Class<?> type, JsonToken t, JsonParser p) throws IOException {
      // On a start token the parser has already entered the new container: the key is its parent's.
      boolean container = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT;
      String path = pathOf(container ? p.getParsingContext().getParent() : p.getParsingContext());
      String got = switch (t) {
        case START_OBJECT -> "a mapping";
        case START_ARRAY -> "a list";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
        case VALUE_TRUE, VALUE_FALSE -> p.getText();
        case VALUE_STRING -> "'" + p.getText() + "'";
        default -> t.asString() == null ? t.name().toLowerCase(java.util.Locale.ROOT) : t.asString();
      };
      problems.add(new ConfigProblem(path, path + " must be " + describe(type) + ", got " + got));
      p.skipChildren();
      return null;
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
        Throwable t) {
      String path = pathOf(ctxt.getParser().getParsingContext());
      String reason = t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
      problems.add(new ConfigProblem(path, path + ": " + reason));
      return null;
    }
  }
}
