package dev.byline.search;

import dev.byline.errors.InvalidRequestException;
import dev.byline.search.SearchRequest.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where the previous page ended, for search-after paging: the sort order, the last hit's sort value
 * (its score, or its date in epoch milliseconds) and its id, which breaks ties. Opaque to clients:
 * URL-safe base64 of {@code v1|order|value|id}.
 */
public record Cursor(SortOrder sort, String value, String id) {
  private static final String VERSION = "v1";

  public String encode() {
    String plain = VERSION + "|" + sort.name().toLowerCase(Locale.ROOT) + "|" + value + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws InvalidRequestException if the text is not a cursor Byline made */
  public static Cursor decode(String text) {
    try {
      String plain =
          new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 4);
      if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
        throw bad();
      }
      SortOrder sort = SortOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
      if (sort == SortOrder.RELEVANCE) {
        Float.parseFloat(parts[2]);
      } else {
        Long.parseLong(parts[2]);
      }
      return new Cursor(sort, parts[2], parts[3]);
    } catch (IllegalArgumentException e) {
      throw bad();
    }
  }

  private static InvalidRequestException bad() {
    return new InvalidRequestException(
        "invalid_cursor", "cursor is not one that Byline returned as next_cursor");
  }
}
