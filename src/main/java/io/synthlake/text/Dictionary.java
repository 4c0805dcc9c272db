package io.synthlake.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Words of a language from datafaker's word lists (shipped in its jar): the general vocabulary that tells a real
 * word from character soup (validate's plausibility check), and the proper names and nouns that generate puts where
 * a source word was too rare to store. English reads a fixed set of general lists (words, names, places,
 * companies, products, books, nations, jobs, airports, universities, food, animals, ...), never the lists of TV
 * shows and games; another language reads its own file and English as well.
 */
public final class Dictionary {
  /** The English lists that make the general vocabulary. */
  static final List<String> ENGLISH_LISTS = List.of("words", "name", "address", "company", "commerce", "book",
      "nation", "job", "aviation", "university", "educator", "color", "food", "animal", "demographic",
      "industry_segments", "marketing", "measurement", "science");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Dictionary> CACHE = new ConcurrentHashMap<>();

  private final Set<String> words;
  private final List<String> names;
  private final List<String> nouns;
  private final List<String> placeSuffixes;

  private Dictionary(Set<String> words, List<String> names, List<String> nouns, List<String> placeSuffixes) {
    this.words = words;
    this.names = names;
    this.nouns = nouns;
    this.placeSuffixes = placeSuffixes;
  }

  /** The dictionary of a locale's language (en-US and en-GB share English's); loaded once per JVM. */
  public static Dictionary of(String localeTag) {
    String language = Locale.forLanguageTag(localeTag).getLanguage();
    return CACHE.computeIfAbsent(language.isEmpty() ? "en" : language, Dictionary::load);
  }

  private static Dictionary load(String language) {
    List<JsonNode> english = new ArrayList<>();
    for (String list : ENGLISH_LISTS) {
      english.add(read("en/" + list + ".yml").path("en").path("faker"));
    }
    List<JsonNode> roots = new ArrayList<>();
    if (!language.equals("en")) {
      JsonNode own = read(language + ".yml").path(language).path("faker");
      if (!own.isMissingNode()) {
        roots.add(own);
      }
    }
    roots.addAll(english);
    Set<String> words = new java.util.HashSet<>();
    for (JsonNode root : roots) {
      collectWords(root, words);
    }
    List<String> names = firstList(roots, "name", "last_name");
    List<String> nouns = firstList(roots, "words", "noun");
    List<String> suffixes = new ArrayList<>();
    for (JsonNode root : roots) {
      root.path("address").path("city_suffix").forEach(item -> {
        String suffix = item.asText().toLowerCase(Locale.ROOT);
        if (suffix.length() >= 2 && !suffixes.contains(suffix)) {
          suffixes.add(suffix);
        }
      });
    }
    return new Dictionary(Set.copyOf(words), names, nouns, List.copyOf(suffixes));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Dictionary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read datafaker's word list " + resource, e);
    }
  }

  /** Every word of every string in the tree, lower case; datafaker's templates (#{...}) are not words. */
  private static void collectWords(JsonNode node, Set<String> words) {
    if (node.isTextual()) {
      String text = node.asText();
      if (!text.contains("#{") && !text.contains("?")) {
        for (String token : Tokenizer.split(text).tokens()) {
          if (Tokenizer.kindOf(token) == Tokenizer.TokenKind.WORD) {
            words.add(token.toLowerCase(Locale.ROOT));
          }
        }
      }
      return;
    }
    Iterator<JsonNode> children = node.elements();
    while (children.hasNext()) {
      collectWords(children.next(), words);
    }
  }

  /** The first root's list at section.key that has one, as distinct single words. */
  private static List<String> firstList(List<JsonNode> roots, String section, String key) {
    for (JsonNode root : roots) {
      JsonNode list = root.path(section).path(key);
      if (list.isArray() && !list.isEmpty()) {
        Set<String> values = new LinkedHashSet<>();
        list.forEach(item -> {
          String text = item.asText();
          if (!text.contains("#{") && Tokenizer.split(text).size() == 1
              && Tokenizer.kindOf(Tokenizer.split(text).tokens().get(0)) == Tokenizer.TokenKind.WORD) {
            values.add(Tokenizer.split(text).tokens().get(0));
          }
        });
        if (!values.isEmpty()) {
          return List.copyOf(values);
        }
      }
    }
    throw new IllegalStateException("datafaker's word lists have no " + section + "." + key);
  }

  /** Whether a word (in any case) is in the vocabulary. */
  public boolean contains(String word) {
    return words.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a word is a dictionary name joined to one of datafaker's place suffixes ("Jaysonfurt",
   * "Gottliebton"): the words datafaker's city generator makes, so the vocabulary of that generator.
   */
  public boolean isPlaceCompound(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (String suffix : placeSuffixes) {
      if (lower.length() > suffix.length() + 1 && lower.endsWith(suffix)
          && words.contains(lower.substring(0, lower.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return words.size();
  }

  /** Proper names (surnames): what a rare capitalised word of a name or place is replaced with. */
  public List<String> names() {
    return names;
  }

  /** Common nouns: what a rare lower-case word is replaced with. */
  public List<String> nouns() {
    return nouns;
  }
}
