package io.synthlake.validate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column's distribution in both tables, for charts: shares of the non-missing values per label. Numbers and
 * datetimes get equal-width bins between the source's protected bounds (never its raw extremes), with a bin for
 * values below and one for values above; categories get the most frequent source categories that fit kept (never
 * a rare one) and "(other)" for the rest.
 *
 * @param edges the bin edges of a histogram (its labels start with "below" and end with "above"); null otherwise
 */
@JsonPropertyOrder({"kind", "labels", "edges", "source", "synthetic"})
public record ColumnDistribution(Kind kind, List<String> labels, double[] edges, double[] source,
    double[] synthetic) {
  /** How the labels divide the values: equal-width bins (numbers, datetimes) or categories. */
  public enum Kind {
    HISTOGRAM, CATEGORIES;

    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final int BINS = 20;
  public static final int TOP_CATEGORIES = 20;
  public static final String BELOW = "below";
  public static final String ABOVE = "above";
  public static final String OTHER = "(other)";
  private static final double NANOS_PER_SECOND = 1e9;

  /** The bins between the protected bounds: one when they are equal. */
  public static int binCount(double low, double high) {
    return high > low ? BINS : 1;
  }

  /** The bin key of a value: its bin number, or {@link #BELOW} or {@link #ABOVE}, as text. */
  public static String binOf(double value, double low, double high) {
    if (value < low) {
      return BELOW;
    }
    if (value > high) {
      return ABOVE;
    }
    int bins = binCount(low, high);
    return Integer.toString(bins == 1 ? 0 : Math.min(bins - 1, (int) Math.floor((value - low) / (high - low) * bins)));
  }

  /** @param real counts per bin key ({@link #binOf}); {@code datetime} values are nanoseconds since 1970 */
  public static ColumnDistribution histogram(double low, double high, boolean datetime, Map<String, Long> real,
      Map<String, Long> synthetic) {
    int bins = binCount(low, high);
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = i == bins ? high : low + (high - low) * i / bins;
    }
    List<String> keys = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    keys.add(BELOW);
    labels.add(BELOW);
    for (int i = 0; i < bins; i++) {
      keys.add(Integer.toString(i));
      labels.add(edgeLabel(edges[i], datetime) + " – " + edgeLabel(edges[i + 1], datetime));
    }
    keys.add(ABOVE);
    labels.add(ABOVE);
    return new ColumnDistribution(Kind.HISTOGRAM, labels, edges, shares(keys, real, false),
        shares(keys, synthetic, false));
  }

  /** The most frequent source categories counted at least {@code minCount} times, then "(other)". */
  public static ColumnDistribution categories(Map<String, Long> real, Map<String, Long> synthetic, int minCount) {
    List<String> top = real.entrySet().stream().filter(e -> e.getValue() >= minCount)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_CATEGORIES).map(Map.Entry::getKey).toList();
    List<String> labels = new ArrayList<>(top);
    labels.add(OTHER);
    return new ColumnDistribution(Kind.CATEGORIES, labels, null, shares(top, real, true),
        shares(top, synthetic, true));
  }

  /** Shares of the total per key, with the rest last when {@code rest} is set. */
  private static double[] shares(List<String> keys, Map<String, Long> counts, boolean rest) {
    double total = counts.values().stream().mapToLong(Long::longValue).sum();
    double[] shares = new double[keys.size() + (rest ? 1 : 0)];
    double listed = 0;
    for (int i = 0; i < keys.size(); i++) {
      long count = counts.getOrDefault(keys.get(i), 0L);
      shares[i] = total == 0 ? 0 : count / total;
      listed += count;
    }
    if (rest) {
      shares[keys.size()] = total == 0 ? 0 : (total - listed) / total;
    }
    return shares;
  }

  /** A bin edge as the labels show it; {@code datetime} edges are nanoseconds since 1970. */
  public static String edgeLabel(double value, boolean datetime) {
    if (datetime) {
      Instant instant = Instant.ofEpochSecond(Math.floorDiv((long) value, (long) NANOS_PER_SECOND));
      String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
      return text.endsWith("T00:00:00") ? text.substring(0, 10) : text.replace('T', ' ');
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
