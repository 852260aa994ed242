package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters a route reads, checked before it runs: a parameter it does not read (a
 * misspelt {@code szie}, a {@code refersh=false} that would have waited for a refresh after all) is
 * a 400 {@code unknown_parameter} naming the known ones, as search has always answered, instead of
 * being ignored without a word. {@code after} (read-your-writes, checked for every request under
 * {@code /api/}) is known to every route.
 */
final class QueryParams {
  private QueryParams() {}

  /** Known to every route: the read-your-writes position. */
  private static final String AFTER = "after";

  /** {@code handler}, run only when the request's parameters are all among {@code known}. */
  static Handler accepting(Set<String> known, Handler handler) {
    return ctx -> {
      refuseUnknown(ctx, known);
      handler.handle(ctx);
    };
  }

  /** As {@link #accepting(Set, Handler)}, for a route that reads no parameter. */
  static Handler none(Handler handler) {
    return accepting(Set.of(), handler);
  }

  private static void refuseUnknown(Context ctx, Set<String> known) {
    Set<String> given;
    try {
      given = ctx.queryParamMap().keySet();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "invalid_parameter", "the query string is not valid URL encoding: " + e.getMessage());
    }
    for (String name : given) {
      if (name.equals(AFTER) || known.contains(name)) continue;
      Set<String> names = new TreeSet<>(known);
      names.add(AFTER);
      throw new InvalidRequestException(
          "unknown_parameter",
          "unknown parameter '" + name + "' (known here: " + String.join(", ", names) + ")");
    }
  }

  /** A whole number as ASCII digits with an optional sign; Java's parsing also takes "５". */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,9}");

  /**
   * The parameter {@code name} as a whole number, {@code fallback} when absent or blank.
   *
   * @throws InvalidRequestException when it is not ASCII digits (with an optional sign)
   */
  static int wholeNumber(Context ctx, String name, int fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) return fallback;
    if (!WHOLE_NUMBER.matcher(text.strip()).matches()) {
      throw new InvalidRequestException(
          "invalid_parameter", name + "='" + text + "' is not a whole number");
    }
    return Integer.parseInt(text.strip());
  }
}
