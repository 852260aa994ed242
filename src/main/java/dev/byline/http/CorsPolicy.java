package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may call the API, when {@code --cors-origins} names some (without it this
 * policy is not installed, and browsers keep other sites' pages from reading the answers).
 *
 * <p>As in Elasticsearch, a request whose {@code Origin} is neither a configured origin nor the
 * server's own is refused with a 403 {@code origin_not_allowed} before any handler runs: a page
 * elsewhere gets no results to read and cannot make a write happen (a browser sends a {@code
 * text/plain} POST without asking first). A configured origin gets {@code
 * Access-Control-Allow-Origin}, and its preflight ({@code OPTIONS} with {@code
 * Access-Control-Request-Method}) is answered here with a 204. Requests without {@code Origin}
 * (curl, the command line, the search page's own reads) pass untouched.
 */
final class CorsPolicy {
  static final String ALLOWED_METHODS = "GET, HEAD, POST, DELETE";
  static final String ALLOWED_HEADERS = "Authorization, Content-Type";

  /** Seconds a browser may keep a preflight's answer. */
  static final int MAX_AGE_SECONDS = 600;

  private final Set<String> origins;

  /** @param origins origins such as {@code https://news.example}, as validated by the config */
  CorsPolicy(List<String> origins) {
    this.origins =
        origins.stream().map(CorsPolicy::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** A before handler for every path. */
  void apply(Context ctx) {
    ctx.header("Vary", "Origin"); // the answer depends on it, for caches
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    if (!allowed(origin, ctx.header("Host"))) {
      throw new InvalidRequestException(
          403,
          "origin_not_allowed",
          "requests from pages at '"
              + origin
              + "' are not allowed: the server's --cors-origins does not name it");
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    if (HandlerType.OPTIONS.equals(ctx.method())
        && ctx.header("Access-Control-Request-Method") != null) {
      ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
      ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      ctx.header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
      ctx.status(204).skipRemainingHandlers();
    }
  }

  /** A configured origin, or the server's own (the origin's host and port are the Host header). */
  private boolean allowed(String origin, String host) {
    String normalized = normalize(origin);
    if (origins.contains(normalized)) {
      return true;
    }
    int scheme = normalized.indexOf("://");
    return host != null
        && scheme > 0
        && normalized.substring(scheme + 3).equals(host.toLowerCase(Locale.ROOT));
  }

  /** Lower case, without a trailing slash or the scheme's default port: how browsers write an origin. */
  private static String normalize(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    if (o.endsWith("/")) o = o.substring(0, o.length() - 1);
    if (o.startsWith("https://") && o.endsWith(":443")) o = o.substring(0, o.length() - 4);
    if (o.startsWith("http://") && o.endsWith(":80")) o = o.substring(0, o.length() - 3);
    return o;
  }
}
