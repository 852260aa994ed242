package dev.byline.search;

import dev.byline.errors.InvalidRequestException;
import dev.byline.search.SearchRequest.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where the previous page ended, for search-after paging: the sort order, the search it belongs
 * to, and the last hit's sort values: its score and date (relevance), or its date (newest,
 * oldest), then its id, which breaks ties. Opaque to clients: URL-safe base64 of {@code
 * v2|order|search|relaxed|value|date|id}.
 *
 * @param search {@link SearchRequest#fingerprint()} of the search that made it: a cursor answers
 *     only the same query and filters
 * @param relaxed whether the pages are those of the relaxed query (see {@link
 *     SearchResponse#relaxed()}), so later pages read the same matches
 * @param value the score (relevance) or the date in epoch milliseconds
 * @param date with relevance, the date in epoch milliseconds that breaks equal scores; else null
 */
public record Cursor(
    SortOrder sort, String search, boolean relaxed, String value, Long date, String id) {
  private static final String VERSION = "v2";

  /** A score as {@link Float#toString} writes it. */
  private static final java.util.regex.Pattern SCORE =
      java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?");

  /** A date in epoch milliseconds, as {@link Long#toString} writes it. */
  private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d+");

  public String encode() {
    String plain =
        String.join(
            "|",
            VERSION,
            sort.name().toLowerCase(Locale.ROOT),
            search,
            relaxed ? "r" : "s",
            value,
            date == null ? "" : date.toString(),
            id);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor from its text form.
   *
   * @throws InvalidRequestException if the text is not a cursor Byline made
   */
  public static Cursor decode(String text) {
    try {
      String plain =
          new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 7);
      if (parts.length != 7 || !parts[0].equals(VERSION) || parts[6].isEmpty()) {
        throw bad();
      }
      SortOrder sort = SortOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
      // Only what encode writes: a finite score or a plain date number (parseFloat also takes
      // " 1", "NaN" and "Infinity"), and an id without control characters.
      if (sort == SortOrder.RELEVANCE) {
        if (!SCORE.matcher(parts[4]).matches() || !Float.isFinite(Float.parseFloat(parts[4]))) {
          throw bad();
        }
      } else if (!WHOLE.matcher(parts[4]).matches()) {
        throw bad();
      } else {
        Long.parseLong(parts[4]);
      }
      if (parts[6].chars().anyMatch(Character::isISOControl)) throw bad();
      Long date = null;
      if (sort == SortOrder.RELEVANCE) {
        date = Long.parseLong(parts[5]);
      } else if (!parts[5].isEmpty()) {
        throw bad();
      }
      if (!parts[3].equals("r") && !parts[3].equals("s")) throw bad();
      return new Cursor(sort, parts[2], parts[3].equals("r"), parts[4], date, parts[6]);
    } catch (IllegalArgumentException e) {
      throw bad();
    }
  }

  private static InvalidRequestException bad() {
    return new InvalidRequestException(
        "invalid_cursor", "cursor is not one that Byline returned as next_cursor");
  }
}
