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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
    JobConfig config = null;
    try {
      config = YAML.readerFor(JobConfig.class)
          .withHandler(new ProblemCollector(problems))
          .readValue(YAML.treeAsTokens(root));
    } catch (JsonMappingException e) {
      problems.add(new ConfigProblem(pathOf(e), e.getOriginalMessage()));
    } catch (IOException e) {
      problems.add(new ConfigProblem("", e.getMessage()));
    }
    if (config != null && problems.isEmpty()) {
      problems.addAll(config.problems());
    }
    if (!problems.isEmpty()) {
      // In file order: binding reports some problems late (record properties are buffered).
      throw SynthException.config("config %s: %s", origin, problems.stream()
          .sorted(java.util.Comparator.comparingInt(p -> lineOf(p.path(), lines)))
          .map(p -> where(p.path(), lines, optionOf) + p.message())
          .collect(Collectors.joining("; ")));
    }
    return config;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw SynthException.config("config file %s does not exist", file);
    } catch (IOException e) {
      throw SynthException.config("cannot read config file %s: %s", file, e.getMessage());
    }
  }

  private static ObjectNode parse(String text, String origin) {
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

  /** The line of every key in the file, by dotted path. */
  private static Map<String, Integer> keyLines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    if (text.isBlank()) {
      return lines;
    }
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
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

  /** The line of a key, or of its nearest enclosing key; MAX_VALUE when unknown (command-line values). */
  private static int lineOf(String path, Map<String, Integer> lines) {
    for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return Integer.MAX_VALUE;
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
          .map(e -> ((Enum<?>) e).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
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
      problems.add(new ConfigProblem(path, path + " must be " + describe(targetType.getRawClass()) + ", got "
          + got));
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
