package dev.byline.search;

import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import dev.byline.errors.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated search: what {@code GET /api/search} and {@code byline search} ask for. Build one
 * from raw parameters with {@link #fromParams}, which both the HTTP API and the command line use,
 * so they accept and refuse exactly the same things.
 */
public record SearchRequest(
    String query,
    Syntax syntax,
    List<String> authors,
    List<String> sources,
    List<String> categories,
    List<String> stories,
    PublicationDate from,
    PublicationDate to,
    SortOrder sort,
    int page,
    int size,
    Cursor cursor,
    List<String> facetFields,
    boolean snippets,
    Duration recency,
    Collapse collapse,
    Mode mode,
    Double semanticRatio,
    boolean cache,
    boolean autocorrect) {

  public static final int DEFAULT_SIZE = 10;
  public static final int MAX_SIZE = 100;

  /** Deepest hit reachable with {@code page}; deeper paging goes through the cursor. */
  public static final int MAX_WINDOW = 10_000;

  /**
   * Longest query text: room for a pasted paragraph or a long question (the simple syntax reads
   * at most {@link WordsQuery#MAX_WORDS} of its words).
   */
  public static final int MAX_QUERY_CHARS = 4_000;

  public static final int MAX_FILTER_VALUES = 100;

  /** The fields {@code facets=true} counts (the default). */
  public static final List<String> DEFAULT_FACETS = List.of("author", "source", "category", "year");

  /** Every field {@code facets} may name: the default ones and {@code story}. */
  public static final List<String> FACET_FIELDS =
      List.of("author", "source", "category", "year", "story");

  /** How the query text is read. */
  public enum Syntax {
    /** Words, "phrases", -exclusions, OR, prefix*, date phrases: never an error. */
    SIMPLE,
    /** Lucene's classic query syntax; a syntax error is reported with its position. */
    LUCENE
  }

  /**
   * Whether copies of one story are folded into one hit. The API's default is {@link #NONE}: a
   * client asking for articles gets every article, as before stories existed; the search page
   * asks for {@link #STORY}.
   */
  public enum Collapse {
    /** One hit per matching article. */
    NONE,
    /**
     * One hit per story: its best-ranked matching copy (see {@code StoryCollapse}); {@code
     * total} counts stories.
     */
    STORY
  }

  /**
   * What matches: the words ({@code KEYWORD}, BM25), the meaning ({@code SEMANTIC}, the nearest
   * article vectors to the query's), or both fused by reciprocal rank ({@code HYBRID}). Null in a
   * request: the server's default (hybrid when semantic search is on, else keyword).
   */
  public enum Mode {
    KEYWORD,
    SEMANTIC,
    HYBRID
  }

  /** Result order. Every order breaks ties by article id, so paging is stable. */
  public enum SortOrder {
    RELEVANCE,
    NEWEST,
    OLDEST
  }

  private static final Set<String> KNOWN_PARAMS =
      Set.of(
          "q",
          "syntax",
          "author",
          "source",
          "category",
          "story",
          "from",
          "to",
          "sort",
          "page",
          "size",
          "cursor",
          "facets",
          "snippets",
          "recency",
          "collapse",
          "mode",
          "semantic_ratio",
          "cache",
          "autocorrect",
          // Read-your-writes in cluster mode: the HTTP layer waits for it before the search.
          "after");
  private static final Pattern HALF_LIFE = Pattern.compile("(\\d{1,4})([dwmy])");

  public SearchRequest {
    query = query == null ? "" : query.strip();
    authors = List.copyOf(authors);
    sources = List.copyOf(sources);
    categories = List.copyOf(categories);
    stories = List.copyOf(stories);
    facetFields = List.copyOf(facetFields);
    if (collapse == null) collapse = Collapse.NONE;
  }

  /** Whether any facet is counted. */
  public boolean facets() {
    return !facetFields.isEmpty();
  }

  /** Whether the query box was left empty: then every article matches, newest first. */
  public boolean browsing() {
    return query.isEmpty();
  }

  /** The order actually used: relevance means nothing without a query, so browsing is newest. */
  public SortOrder effectiveSort() {
    return browsing() && sort == SortOrder.RELEVANCE ? SortOrder.NEWEST : sort;
  }

  /**
   * Validates raw parameters (each name mapped to its values, as a query string gives them).
   *
   * @throws InvalidRequestException naming the parameter and the bad value
   */
  public static SearchRequest fromParams(Map<String, List<String>> params) {
    for (String name : params.keySet()) {
      if (!KNOWN_PARAMS.contains(name)) {
        throw new InvalidRequestException(
            "unknown_parameter",
            "unknown parameter '" + name + "' (known: " + String.join(", ", sorted()) + ")");
      }
    }
    String query = single(params, "q", "");
    if (query.length() > MAX_QUERY_CHARS) {
      throw new InvalidRequestException(
          "query_too_long", "q is " + query.length() + " characters; at most " + MAX_QUERY_CHARS);
    }
    Syntax syntax = choice(params, "syntax", Syntax.class, Syntax.SIMPLE);
    SortOrder sort = choice(params, "sort", SortOrder.class, SortOrder.RELEVANCE);
    int size = integer(params, "size", DEFAULT_SIZE);
    if (size < 0 || size > MAX_SIZE) {
      throw invalid("size", size + "", "must be between 0 and " + MAX_SIZE);
    }
    int page = integer(params, "page", 1);
    if (page < 1) {
      throw invalid("page", page + "", "must be 1 or more");
    }
    if ((long) page * size > MAX_WINDOW) {
      throw invalid(
          "page", page + "", "reaches past hit " + MAX_WINDOW + "; use next_cursor to page deeper");
    }
    String cursorText = single(params, "cursor", null);
    Cursor cursor = null;
    if (cursorText != null && !cursorText.isEmpty()) {
      if (params.containsKey("page")) {
        throw new InvalidRequestException(
            "invalid_parameter", "give either page or cursor, not both");
      }
      cursor = Cursor.decode(cursorText);
    }
    PublicationDate from = date(params, "from");
    PublicationDate to = date(params, "to");
    if (from != null && to != null && from.instant().isAfter(to.instant())) {
      throw invalid("from", from.text(), "is after to (" + to.text() + ")");
    }
    Duration recency = halfLife(params);
    if (recency != null && sort != SortOrder.RELEVANCE) {
      throw invalid(
          "recency",
          single(params, "recency", ""),
          "blends freshness into relevance; it cannot be used with sort="
              + sort.name().toLowerCase(Locale.ROOT));
    }
    SearchRequest request =
        new SearchRequest(
            query,
            syntax,
            values(params, "author"),
            values(params, "source"),
            values(params, "category"),
            values(params, "story"),
            from,
            to,
            sort,
            page,
            size,
            cursor,
            facetFields(params),
            bool(params, "snippets", true),
            recency,
            choice(params, "collapse", Collapse.class, Collapse.NONE),
            choice(params, "mode", Mode.class, null),
            ratio(params),
            bool(params, "cache", true),
            bool(params, "autocorrect", true));
    if (cursor != null && !cursor.search().equals(request.fingerprint())) {
      throw new InvalidRequestException(
          "invalid_cursor",
          "the cursor was made for another search; a cursor continues only the query and filters"
              + " that returned it");
    }
    return request;
  }

  /**
   * What a cursor is bound to: the query as typed, its syntax, the filters, the mode, the recency
   * blend and the collapsing (a collapsed page's cursor marks a story's head, not an article) (not
   * the sort, which is checked on its own with a clearer message, nor the page size).
   */
  public String fingerprint() {
    String canonical =
        String.join(
            "\u0000",
            query,
            syntax.name(),
            String.join("\u0001", authors),
            String.join("\u0001", sources),
            String.join("\u0001", categories),
            String.join("\u0001", stories),
            from == null ? "" : from.text(),
            to == null ? "" : to.text(),
            recency == null ? "" : recency.toString(),
            collapse.name());
    if (mode != null) canonical += "\u0000" + mode.name(); // cursors of older versions still hold
    if (semanticRatio != null && semanticRatio != 0.5) canonical += "\u0000" + semanticRatio;
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(java.util.Arrays.copyOf(digest, 9));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The weight of the vectors' list in a hybrid search: {@code semantic_ratio}, else 0.5 (both
   * lists weigh the same).
   */
  public double semanticWeight() {
    return semanticRatio == null ? 0.5 : semanticRatio;
  }

  /**
   * {@code semantic_ratio} between 0 and 1, or null when not given: a value given outside hybrid
   * mode is refused, whatever it is (0.5, the default's value, was let through).
   */
  private static Double ratio(Map<String, List<String>> params) {
    String text = single(params, "semantic_ratio", null);
    if (text == null || text.isBlank()) return null;
    double ratio = decimal(text);
    if (Double.isNaN(ratio)) {
      throw invalid("semantic_ratio", text, "is not a number between 0 and 1");
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw invalid("semantic_ratio", text, "must be between 0 and 1");
    }
    return ratio;
  }

  /** {@code recency=30d} (days, weeks, months of 30 days, years of 365 days), or null. */
  private static Duration halfLife(Map<String, List<String>> params) {
    String text = single(params, "recency", null);
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = HALF_LIFE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
      throw invalid("recency", text, "must be a half-life such as 7d, 2w, 6m or 1y");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      case "m" -> Duration.ofDays(30 * n);
      default -> Duration.ofDays(365 * n);
    };
  }

  private static List<String> sorted() {
    return KNOWN_PARAMS.stream().sorted().toList();
  }

  private static InvalidRequestException invalid(String name, String value, String why) {
    return new InvalidRequestException("invalid_parameter", name + "='" + value + "' " + why);
  }

  private static String single(Map<String, List<String>> params, String name, String fallback) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    if (values.size() > 1) {
      throw new InvalidRequestException(
          "invalid_parameter", name + " was given " + values.size() + " times; give it once");
    }
    return values.get(0);
  }

  private static List<String> values(Map<String, List<String>> params, String name) {
    List<String> values =
        params.getOrDefault(name, List.of()).stream()
            .map(String::strip)
            .filter(v -> !v.isEmpty())
            .distinct()
            .toList();
    if (values.size() > MAX_FILTER_VALUES) {
      throw new InvalidRequestException(
          "invalid_parameter",
          name + " has " + values.size() + " values; at most " + MAX_FILTER_VALUES);
    }
    return values;
  }

  /** A whole number as ASCII digits; Java's parsing also takes other scripts' digits ("５"). */
  private static final java.util.regex.Pattern WHOLE_NUMBER =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,9}");

  /** A decimal as people write one: ASCII digits with at most one point, no sign or exponent. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[0-9]{1,9}(?:\\.[0-9]{0,9})?|\\.[0-9]{1,9}");

  /**
   * {@code text} as a decimal ({@link #DECIMAL}), or NaN when it is not one: {@link
   * Double#parseDouble} also takes "0x1p-3", "0.5d", "1e-1", "NaN" and "Infinity".
   */
  public static double decimal(String text) {
    String t = text.strip();
    return DECIMAL.matcher(t).matches() ? Double.parseDouble(t) : Double.NaN;
  }

  private static int integer(Map<String, List<String>> params, String name, int fallback) {
    return wholeNumber(name, single(params, name, null), fallback);
  }

  /**
   * The value {@code text} of the parameter {@code name} as a whole number: ASCII digits, at most
   * nine, with an optional sign, surrounding spaces ignored; {@code fallback} when it is null or
   * blank. Every route reads its whole-number parameters with this one rule.
   *
   * @throws InvalidRequestException ({@code invalid_parameter}) for anything else, such as {@code
   *     ten}, {@code 1.5} or other scripts' digits
   */
  public static int wholeNumber(String name, String text, int fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    if (!WHOLE_NUMBER.matcher(text.strip()).matches()) {
      throw invalid(name, text, "is not a whole number");
    }
    return Integer.parseInt(text.strip());
  }

  /**
   * {@code facets}: {@code true} (the default fields), {@code false} (none), or a comma-separated
   * list of {@link #FACET_FIELDS} ({@code facets=story}, {@code facets=source,story}).
   */
  private static List<String> facetFields(Map<String, List<String>> params) {
    String text = single(params, "facets", null);
    if (text == null || text.isBlank()) return DEFAULT_FACETS;
    String lower = text.strip().toLowerCase(Locale.ROOT);
    switch (lower) {
      case "true", "1", "yes", "on" -> {
        return DEFAULT_FACETS;
      }
      case "false", "0", "no", "off" -> {
        return List.of();
      }
      default -> {}
    }
    java.util.LinkedHashSet<String> fields = new java.util.LinkedHashSet<>();
    for (String f : lower.split(",")) {
      String field = f.strip();
      if (field.isEmpty()) continue;
      if (!FACET_FIELDS.contains(field)) {
        throw invalid(
            "facets",
            text,
            "must be true, false or a list of fields from " + String.join(", ", FACET_FIELDS));
      }
      fields.add(field);
    }
    if (fields.isEmpty()) throw invalid("facets", text, "names no field");
    return List.copyOf(fields);
  }

  private static boolean bool(Map<String, List<String>> params, String name, boolean fallback) {
    String text = single(params, name, null);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw invalid(name, text, "must be true or false");
    };
  }

  private static <E extends Enum<E>> E choice(
      Map<String, List<String>> params, String name, Class<E> type, E fallback) {
    String text = single(params, name, null);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          List.of(type.getEnumConstants()).stream()
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .toList();
      throw invalid(name, text, "must be one of " + String.join(", ", allowed));
    }
  }

  private static PublicationDate date(Map<String, List<String>> params, String name) {
    String text = single(params, name, null);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return DateParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("invalid_parameter", name + ": " + e.getMessage());
    }
  }
}
