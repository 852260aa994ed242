package dev.byline.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the JSON form of an article into a validated {@link Article}, and back.
 *
 * <p>Input: {@code title} and {@code body} required (non-blank strings); {@code author} and {@code
 * category} a string or an array of strings; everything else optional. Unknown fields are ignored,
 * so feeds with extra metadata can be indexed as they are; so is {@code story}, which the index
 * assigns (see {@link #readStored}). Output always gives lists as arrays, and the story when set.
 */
public final class ArticleJson {
  public static final int MAX_TITLE_CHARS = 1_000;

  /**
   * Characters of a body: as many as a JSON string may hold under Jackson's default limit, so that
   * a page's extracted body (up to 50 MiB) meets the same limit as one sent as JSON.
   */
  public static final int MAX_BODY_CHARS = 20_000_000;

  public static final int MAX_NAME_CHARS = 300;
  public static final int MAX_LIST_SIZE = 100;
  public static final int MAX_URL_CHARS = 4_096;

  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  private ArticleJson() {}

  /**
   * Reads one article.
   *
   * @throws InvalidArticleException naming the field at fault
   */
  public static Article read(JsonNode node) {
    return read(node, true);
  }

  /**
   * @param input whether the article comes from outside: then control characters are read as
   *     spaces ({@link #withoutControls}) and the limits (lengths, list sizes, the forms of ids,
   *     URLs and language tags) are checked; what Byline wrote itself is read back exactly as
   *     written, limits unchecked: it passed them when it came in, and a replay (or a node of
   *     another version reading the topic) must not refuse an acknowledged article because a
   *     limit has changed since
   */
  private static Article read(JsonNode node, boolean input) {
    if (node == null || !node.isObject()) {
      throw new InvalidArticleException(
          null, "an article must be a JSON object, not " + describe(node));
    }
    String title = requiredText(node, "title", input);
    if (input && title.length() > MAX_TITLE_CHARS) {
      throw new InvalidArticleException(
          "title", "title is " + title.length() + " characters; at most " + MAX_TITLE_CHARS);
    }
    String body = requiredText(node, "body", input);
    if (input && body.length() > MAX_BODY_CHARS) {
      throw new InvalidArticleException(
          "body", "body is " + body.length() + " characters; at most " + MAX_BODY_CHARS);
    }
    String url = optionalText(node, "url", input);
    if (url != null && input) {
      checkUrl(url);
    }
    PublicationDate date = null;
    String dateText = optionalText(node, "date", input);
    if (dateText != null) {
      try {
        date = DateParser.parse(dateText);
      } catch (IllegalArgumentException e) {
        throw new InvalidArticleException("date", e.getMessage());
      }
    }
    String language = optionalText(node, "language", input);
    if (input && language != null && !LANGUAGE.matcher(language).matches()) {
      throw new InvalidArticleException(
          "language", "language '" + language + "' is not a language tag such as 'en' or 'pt-BR'");
    }
    String id = optionalText(node, "id", input);
    if (input && id != null && !ArticleIds.VALID_ID.matcher(id).matches()) {
      throw new InvalidArticleException(
          "id",
          "id '"
              + abbreviate(id)
              + "' must be 1-200 letters, digits or . _ : ~ - (starting with a letter or digit)");
    }
    if (id == null) {
      id = url != null ? ArticleIds.fromUrl(url) : ArticleIds.fromContent(title, date, body);
    }
    return new Article(
        id,
        url,
        title,
        body,
        names(node, "author", input),
        date,
        name(optionalText(node, "source", input), "source", input),
        names(node, "category", input),
        language == null ? null : language.toLowerCase(Locale.ROOT));
  }

  /**
   * Reads one article written by {@link #write}, its {@code story} included: for what Byline wrote
   * itself (the write-ahead log), never for input, whose story the index decides.
   */
  public static Article readStored(JsonNode node) {
    Article article = read(node, false);
    JsonNode story = node.get("story");
    return story != null && story.isTextual() ? article.withStory(story.asText()) : article;
  }

  /** The JSON form of an article, as the API returns it. */
  public static ObjectNode write(Article article) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", article.id());
    out.put("url", article.url());
    out.put("title", article.title());
    out.put("body", article.body());
    article.author().forEach(out.putArray("author")::add);
    out.put("date", article.date() == null ? null : article.date().text());
    out.put("source", article.source());
    article.category().forEach(out.putArray("category")::add);
    out.put("language", article.language());
    if (article.story() != null) out.put("story", article.story());
    return out;
  }

  private static String requiredText(JsonNode node, String field, boolean input) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidArticleException(field, field + " is required");
    }
    if (!value.isTextual()) {
      throw new InvalidArticleException(field, field + " must be a string, not " + describe(value));
    }
    String text = (input ? withoutControls(value.asText()) : value.asText()).strip();
    if (input ? showsNothing(text) : text.isEmpty()) {
      throw new InvalidArticleException(field, field + " is empty");
    }
    return text;
  }

  private static String optionalText(JsonNode node, String field, boolean input) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidArticleException(field, field + " must be a string, not " + describe(value));
    }
    String text = (input ? withoutControls(value.asText()) : value.asText()).strip();
    return (input ? showsNothing(text) : text.isEmpty()) ? null : text;
  }

  /**
   * True when {@code text} shows a reader nothing: only spaces of any kind (the no-break space,
   * which {@link String#strip()} keeps, too) and characters that take no room — format characters
   * (zero-width space and joiners, soft hyphen, byte order mark, word joiner) and the blank
   * fillers of Hangul and Braille. A title of U+200B alone was stored as a title nobody can see.
   */
  static boolean showsNothing(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean blank =
          Character.isWhitespace(c)
              || Character.isSpaceChar(c)
              || Character.getType(c) == Character.FORMAT
              || c == 0x115F
              || c == 0x1160
              || c == 0x3164
              || c == 0xFFA0
              || c == 0x2800;
      if (!blank) return false;
    }
    return true;
  }

  /**
   * Control characters (U+0000-U+001F, U+007F-U+009F) other than tab and line breaks, each as a
   * space: they mean nothing to a reader, and a form feed between a text dump's pages separates
   * words.
   */
  private static String withoutControls(String text) {
    // A loop, not a regular expression: it runs over every body that comes in, nearly always
    // finding nothing, and then returns the same string.
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        if (chars == null) chars = text.toCharArray();
        chars[i] = ' ';
      }
    }
    return chars == null ? text : new String(chars);
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  /**
   * Whether {@code name} fits an author, source or category as input: at most {@link
   * #MAX_NAME_CHARS} once stripped and its whitespace folded (what {@link #read} then checks).
   */
  public static boolean fitsName(String name) {
    return name.strip().replaceAll("\\s+", " ").length() <= MAX_NAME_CHARS;
  }

  /** Whether {@code title} fits an article's title as input: at most {@link #MAX_TITLE_CHARS}. */
  public static boolean fitsTitle(String title) {
    return title.strip().length() <= MAX_TITLE_CHARS;
  }

  /** Whether {@code tag} is a language tag an article can hold, such as {@code en} or {@code pt-BR}. */
  public static boolean isLanguageTag(String tag) {
    return LANGUAGE.matcher(tag.strip()).matches();
  }

  /** A string or an array of strings; blanks dropped, whitespace folded, duplicates removed. */
  private static List<String> names(JsonNode node, String field, boolean input) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(items::add);
    } else {
      items.add(value);
    }
    if (input && items.size() > MAX_LIST_SIZE) {
      throw new InvalidArticleException(
          field, field + " has " + items.size() + " entries; at most " + MAX_LIST_SIZE);
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (JsonNode item : items) {
      if (!item.isTextual()) {
        throw new InvalidArticleException(
            field, field + " must be a string or an array of strings, not " + describe(item));
      }
      String name = name(item.asText(), field, input);
      if (name != null) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static String name(String raw, String field, boolean input) {
    if (raw == null) {
      return null;
    }
    String name = (input ? withoutControls(raw) : raw).strip().replaceAll("\\s+", " ");
    if (input && name.length() > MAX_NAME_CHARS) {
      throw new InvalidArticleException(
          field,
          field + " '" + abbreviate(name) + "' is longer than " + MAX_NAME_CHARS + " characters");
    }
    return (input ? showsNothing(name) : name.isEmpty()) ? null : name;
  }

  private static void checkUrl(String url) {
    String problem = urlProblem(url);
    if (problem != null) {
      throw new InvalidArticleException("url", "url '" + abbreviate(url) + "' " + problem);
    }
  }

  /**
   * What is wrong with a URL as an article's {@code url} (too long, not absolute http or https,
   * no host, not a URL), or null when nothing is.
   */
  public static String urlProblem(String url) {
    if (url.length() > MAX_URL_CHARS) {
      return "is longer than " + MAX_URL_CHARS + " characters";
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "must be an absolute http or https URL";
      }
      return uri.getHost() == null ? "has no host" : null;
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason() + ")";
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
