package dev.byline.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Article ids. An id given by the caller is kept as it is (if it is safe in a URL path); otherwise
 * it is derived from the url, otherwise from the content, so that ingesting the same article twice
 * updates it instead of adding a copy.
 */
public final class ArticleIds {
  /** Ids go into URL paths ({@code /api/articles/{id}}), so they keep to unreserved characters. */
  public static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}");

  private static final HexFormat HEX = HexFormat.of();

  private ArticleIds() {}

  /** An id for an article with this url: {@code u-} and 20 hex digits of the normalised url's hash. */
  public static String fromUrl(String url) {
    return "u-" + hash(normaliseUrl(url));
  }

  /**
   * An id for an article known only by its content: {@code c-} and 20 hex digits of a hash over
   * title, date and body (whitespace folded, so a re-crawl with other line breaks keeps its id).
   */
  public static String fromContent(String title, PublicationDate date, String body) {
    return "c-"
        + hash(fold(title) + '\u0000' + (date == null ? "" : date.text()) + '\u0000' + fold(body));
  }

  /**
   * The form of a url that two crawls of one page share: scheme and host lower-cased, default port
   * and fragment dropped, an empty path made "/". Query strings are kept: they can name the
   * article.
   */
  static String normaliseUrl(String url) {
    String trimmed = url.strip();
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
        port = -1;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      StringBuilder out = new StringBuilder();
      if (scheme != null) {
        out.append(scheme).append("://");
      }
      if (host != null) {
        out.append(host);
      }
      if (port != -1) {
        out.append(':').append(port);
      }
      out.append(path);
      if (uri.getRawQuery() != null) {
        out.append('?').append(uri.getRawQuery());
      }
      return out.toString();
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }

  private static String fold(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
