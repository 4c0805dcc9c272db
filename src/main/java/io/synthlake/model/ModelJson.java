package io.synthlake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;

/**
 * Reads and writes model files: one pretty-printed UTF-8 JSON document with {@code format-version} first,
 * kebab-case keys, short stable type names (never Java class names), and one line per atom, category, note and
 * correlation row so that a person can review it.
 */
public final class ModelJson {
  private static final String FORMAT_VERSION_KEY = "format-version";

  private static final ObjectMapper COMPACT = baseMapper()
      .setDefaultPrettyPrinter(new SpacedCompactPrinter())
      .enable(SerializationFeature.INDENT_OUTPUT);

  private static final ObjectMapper PRETTY = baseMapper()
      .registerModule(new SimpleModule("synthlake-inline")
          .addSerializer(double[].class, new InlineSerializer<>())
          .addSerializer(Atom.class, new InlineSerializer<>())
          .addSerializer(Category.class, new InlineSerializer<>())
          .addSerializer(PositionShape.class, new InlineSerializer<>())
          .addSerializer(ModelNote.class, new InlineSerializer<>())
          .addSerializer(ScoreCalibration.class, new InlineSerializer<>())
          // The only maps in a model are a shape's character frequencies: one line each.
          .addSerializer(Map.class, new InlineSerializer<>()))
      .setDefaultPrettyPrinter(new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n")))
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  private static ObjectMapper baseMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
            JsonInclude.Include.NON_NULL))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        // Maps (a shape's character frequencies) in key order: the same model is always the same text, so its
        // hash identifies it across runs (lake refreshes resume on it).
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /** The model as the text of a model file (ends with a newline). */
  public static String write(SynthModel model) {
    try {
      return PRETTY.writeValueAsString(model) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise model of table " + model.table(), e);
    }
  }

  /**
   * Parses a model file. {@code origin} names the file in messages.
   *
   * @throws ModelFormatException when the text is not a readable model of a supported format version
   */
  public static SynthModel read(String json, String origin) {
    JsonNode tree;
    try {
      tree = COMPACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException("model " + origin + " is not valid JSON: " + e.getOriginalMessage()
          + location(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new ModelFormatException("model " + origin + " is not a JSON object: is it a synthlake model file?");
    }
    JsonNode version = tree.get(FORMAT_VERSION_KEY);
    if (version == null || !version.canConvertToInt()) {
      throw new ModelFormatException("model " + origin + " has no integer '" + FORMAT_VERSION_KEY
          + "': is it a synthlake model file?");
    }
    if (version.intValue() > SynthModel.FORMAT_VERSION) {
      throw new ModelFormatException("model " + origin + " has format-version " + version.intValue()
          + ", but this synthlake reads format-version " + SynthModel.FORMAT_VERSION
          + " and older: upgrade synthlake to read it");
    }
    try {
      return COMPACT.treeToValue(tree, SynthModel.class);
    } catch (JsonMappingException e) {
      throw new ModelFormatException("model " + origin + " is invalid at " + path(e) + ": " + reason(e), e);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException("model " + origin + " is invalid: " + e.getOriginalMessage(), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  private static String reason(JsonMappingException e) {
    Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
    String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
    if (message == null) {
      return cause.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Writes a value on one line (with spaces after ':' and ','), inside the pretty-printed document. */
  private static final class InlineSerializer<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeRawValue(COMPACT.writeValueAsString(value));
    }
  }

  /** One line, but readable: {"value": 0.0, "probability": 0.91}. */
  private static final class SpacedCompactPrinter extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
