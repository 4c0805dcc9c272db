package io.synthlake.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds columns that hold personal data, by their names and by patterns in their values. Both are heuristics:
 * what they find is printed, and a job file declares the rest ({@code pii.columns}) or clears a false find
 * ({@code none}).
 *
 * <p>A name is split into lower-case words (snake_case, kebab-case and camelCase alike). A bare {@code name}
 * counts as a person's name only in a table of people (customers, users, patients, ...), since products,
 * airports and companies have names too.
 */
public final class PiiDetector {
  /** Share of a sample's non-null values that must match a pattern for the column to be personal data. */
  public static final double VALUE_SHARE = 0.9;
  /** Fewer non-null sampled values than this decide nothing. */
  public static final int MIN_VALUES = 10;

  /** A value pattern: Java regular expressions, as Spark's {@code rlike} takes them. */
  public record ValuePattern(PiiType type, String regex, String description) {}

  /** In the order they are tried: the first that most values match wins. */
  public static final List<ValuePattern> VALUE_PATTERNS = List.of(
      new ValuePattern(PiiType.EMAIL, "^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$",
          "e-mail addresses"),
      new ValuePattern(PiiType.NATIONAL_ID, "^[0-9]{3}-[0-9]{2}-[0-9]{4}$", "social security numbers"),
      new ValuePattern(PiiType.CREDIT_CARD, "^[0-9]{4}([ -]?[0-9]{4}){2}[ -]?[0-9]{1,7}$", "card numbers"),
      new ValuePattern(PiiType.IBAN, "^[A-Z]{2}[0-9]{2} ?([A-Z0-9]{4} ?){2,7}[A-Z0-9]{1,4}$", "IBANs"),
      new ValuePattern(PiiType.IP_ADDRESS, "^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"
          + "){3}$", "IPv4 addresses"),
      // 7 to 15 digits with separators or a leading +, but not an ISO date or a decimal number.
      new ValuePattern(PiiType.PHONE, "^(?![0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9]+\\.[0-9]+$)(?=.*[ ().+-])"
          + "(?=(?:[^0-9]*[0-9]){7,15}[^0-9]*$)\\+?[0-9(][0-9 ().-]*[0-9]$", "phone numbers"));

  private static final Set<String> PEOPLE = Set.of("customer", "client", "contact", "person", "people", "user",
      "employee", "patient", "member", "owner", "holder", "cardholder", "passenger", "student", "guest", "buyer",
      "seller", "recipient", "sender", "driver", "author", "applicant", "candidate", "staff", "subscriber",
      "traveler", "traveller", "beneficiary", "donor", "voter", "citizen");

  private static final Map<String, PiiType> WHOLE_NAMES = Map.ofEntries(
      Map.entry("firstname", PiiType.FIRST_NAME), Map.entry("givenname", PiiType.FIRST_NAME),
      Map.entry("forename", PiiType.FIRST_NAME), Map.entry("fname", PiiType.FIRST_NAME),
      Map.entry("lastname", PiiType.LAST_NAME), Map.entry("surname", PiiType.LAST_NAME),
      Map.entry("familyname", PiiType.LAST_NAME), Map.entry("lname", PiiType.LAST_NAME),
      Map.entry("fullname", PiiType.FULL_NAME), Map.entry("ssn", PiiType.NATIONAL_ID),
      Map.entry("socialsecuritynumber", PiiType.NATIONAL_ID), Map.entry("nationalid", PiiType.NATIONAL_ID),
      Map.entry("taxid", PiiType.NATIONAL_ID), Map.entry("passportnumber", PiiType.NATIONAL_ID),
      Map.entry("creditcard", PiiType.CREDIT_CARD), Map.entry("creditcardnumber", PiiType.CREDIT_CARD),
      Map.entry("cardnumber", PiiType.CREDIT_CARD), Map.entry("ccnumber", PiiType.CREDIT_CARD),
      Map.entry("iban", PiiType.IBAN), Map.entry("bankaccount", PiiType.IBAN),
      Map.entry("ip", PiiType.IP_ADDRESS), Map.entry("ipaddress", PiiType.IP_ADDRESS),
      Map.entry("ipv4", PiiType.IP_ADDRESS), Map.entry("username", PiiType.USERNAME),
      Map.entry("login", PiiType.USERNAME), Map.entry("screenname", PiiType.USERNAME),
      Map.entry("streetaddress", PiiType.STREET_ADDRESS), Map.entry("addressline1", PiiType.STREET_ADDRESS),
      Map.entry("addressline2", PiiType.STREET_ADDRESS), Map.entry("address1", PiiType.STREET_ADDRESS),
      Map.entry("address2", PiiType.STREET_ADDRESS), Map.entry("homeaddress", PiiType.ADDRESS),
      Map.entry("address", PiiType.ADDRESS), Map.entry("zip", PiiType.POSTCODE),
      Map.entry("zipcode", PiiType.POSTCODE), Map.entry("postcode", PiiType.POSTCODE),
      Map.entry("postalcode", PiiType.POSTCODE));

  /** Words that make a column personal data wherever they appear in its name. */
  private static final Map<String, PiiType> WORDS = Map.ofEntries(
      Map.entry("email", PiiType.EMAIL), Map.entry("mail", PiiType.EMAIL), Map.entry("phone", PiiType.PHONE),
      Map.entry("telephone", PiiType.PHONE), Map.entry("tel", PiiType.PHONE), Map.entry("mobile", PiiType.PHONE),
      Map.entry("cellphone", PiiType.PHONE), Map.entry("fax", PiiType.PHONE), Map.entry("msisdn", PiiType.PHONE),
      Map.entry("ssn", PiiType.NATIONAL_ID), Map.entry("passport", PiiType.NATIONAL_ID),
      Map.entry("iban", PiiType.IBAN), Map.entry("street", PiiType.STREET_ADDRESS),
      Map.entry("surname", PiiType.LAST_NAME), Map.entry("comment", PiiType.FREE_TEXT),
      Map.entry("comments", PiiType.FREE_TEXT), Map.entry("note", PiiType.FREE_TEXT),
      Map.entry("notes", PiiType.FREE_TEXT), Map.entry("remark", PiiType.FREE_TEXT),
      Map.entry("remarks", PiiType.FREE_TEXT), Map.entry("feedback", PiiType.FREE_TEXT));

  private PiiDetector() {}

  /** The personal data a column's name says it holds, or null. */
  public static PiiType byName(String table, String column) {
    List<String> words = words(column);
    if (words.isEmpty()) {
      return null;
    }
    String joined = String.join("", words);
    PiiType whole = WHOLE_NAMES.get(joined);
    if (whole != null) {
      return whole;
    }
    if (joined.equals("name")) {
      List<String> tableWords = words(table == null ? "" : table);
      return !tableWords.isEmpty() && PEOPLE.contains(singular(tableWords.get(tableWords.size() - 1)))
          ? PiiType.FULL_NAME : null;
    }
    String last = words.get(words.size() - 1);
    if (last.equals("name") && words.size() >= 2) {
      String before = words.get(words.size() - 2);
      if (before.equals("first") || before.equals("given")) {
        return PiiType.FIRST_NAME;
      }
      if (before.equals("last") || before.equals("family")) {
        return PiiType.LAST_NAME;
      }
      if (before.equals("full") || PEOPLE.contains(singular(before))) {
        return PiiType.FULL_NAME;
      }
    }
    if (last.equals("address") && words.size() >= 2 && !words.contains("ip") && !words.contains("mac")
        && !words.contains("email") && !words.contains("mail") && !words.contains("web")) {
      return PiiType.ADDRESS;
    }
    for (String word : words) {
      PiiType type = WORDS.get(word);
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  /**
   * The personal data a sample's values show, or null.
   *
   * @param nonNull the sample's non-null values
   * @param matches per pattern of {@link #VALUE_PATTERNS}, the values that match it
   */
  public static ValuePattern byValues(long nonNull, long[] matches) {
    if (nonNull < MIN_VALUES) {
      return null;
    }
    for (int p = 0; p < VALUE_PATTERNS.size(); p++) {
      if (matches[p] >= VALUE_SHARE * nonNull) {
        return VALUE_PATTERNS.get(p);
      }
    }
    return null;
  }

  /** A name's lower-case words: split at non-alphanumerics and at lower-to-upper case changes. */
  public static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
        flush(word, words);
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }

  /** A plural table name's singular, roughly (customers, companies); other words as they are. */
  public static String singular(String word) {
    if (word.endsWith("ies") && word.length() > 4) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 3) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
