package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a route reads, checked before it runs: a parameter it does not read (a
 * misspelt {@code szie}, a {@code refersh=false} that would have waited for a refresh after all) is
 * a 400 {@code unknown_parameter} naming the known ones, as search has always answered, instead of
 * being ignored without a word. {@code after} (read-your-writes, checked for every request under
 * {@code /api/}) is known to every route. Each is given once: a second value is a 400 {@code
 * invalid_parameter}, as search answers.
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
    java.util.Map<String, java.util.List<String>> given;
    try {
      given = ctx.queryParamMap();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "invalid_parameter", "the query string is not valid URL encoding: " + e.getMessage());
    }
    for (String name : given.keySet()) {
      // Every parameter these routes read has one value: a second one was taken or dropped
      // without a word (keep=1&keep=200 reindexed with keep=1), where search answers a 400.
      int times = given.get(name).size();
      if (times > 1) {
        throw new InvalidRequestException(
            "invalid_parameter", name + " was given " + times + " times; give it once");
      }
      if (name.equals(AFTER) || known.contains(name)) continue;
      Set<String> names = new TreeSet<>(known);
      names.add(AFTER);
      throw new InvalidRequestException(
          "unknown_parameter",
          "unknown parameter '" + name + "' (known here: " + String.join(", ", names) + ")");
    }
  }

  /**
   * The parameter {@code name} as a whole number, {@code fallback} when absent or blank, by the
   * rule searches read theirs with ({@link dev.byline.search.SearchRequest#wholeNumber}).
   *
   * @throws InvalidRequestException when it is not ASCII digits (with an optional sign)
   */
  static int wholeNumber(Context ctx, String name, int fallback) {
    return dev.byline.search.SearchRequest.wholeNumber(name, ctx.queryParam(name), fallback);
  }

  /**
   * Refuses, for every route, a query string whose percent-escapes are not escapes ({@code %zz})
   * or do not spell UTF-8 ({@code %C3%28}, {@code %FF}, a lone surrogate, a sequence cut short):
   * the server decoded each bad byte as U+FFFD and searched for that, or failed in whichever
   * route read the parameter first. A 400 {@code invalid_parameter} instead, before any route.
   * Only runs of escapes are decoded: a character sent as itself is valid already, except U+FFFD:
   * the server's HTTP parser reads bytes sent unescaped as UTF-8 and puts U+FFFD for each that is
   * not, so an unescaped U+FFFD is a byte that was not UTF-8 ({@code q=caf} and the Latin-1 byte
   * E9 was searched for as "caf\uFFFD" while {@code q=caf%E9} was refused). A client that means
   * U+FFFD itself escapes it, as every client escapes what is not ASCII: {@code %EF%BF%BD}.
   */
  static void checkEncoding(Context ctx) {
    String query = ctx.req().getQueryString();
    if (query == null) return;
    int replaced = query.indexOf('\uFFFD');
    if (replaced >= 0) {
      throw new InvalidRequestException(
          "invalid_parameter",
          "the query string's bytes at character "
              + replaced
              + " are not UTF-8: encode the text as UTF-8, then percent-encode its bytes");
    }
    if (query.indexOf('%') < 0) return;
    byte[] run = new byte[query.length() / 3];
    CharsetDecoder strict = null; // made once a run needs it: most runs are ASCII (%20, %22)
    for (int i = 0; i < query.length(); ) {
      if (query.charAt(i) != '%') {
        i++;
        continue;
      }
      int n = 0;
      boolean ascii = true;
      while (i < query.length() && query.charAt(i) == '%') {
        int hi = i + 2 < query.length() ? hex(query.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hex(query.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw new InvalidRequestException(
              "invalid_parameter",
              "the query string is not valid percent-encoding at character "
                  + i
                  + ": a % must be followed by two hex digits");
        }
        run[n++] = (byte) (hi * 16 + lo);
        ascii &= hi < 8;
        i += 3;
      }
      if (ascii) continue;
      if (strict == null) {
        strict =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
      }
      try {
        strict.decode(ByteBuffer.wrap(run, 0, n)); // resets the decoder first
      } catch (CharacterCodingException e) {
        throw new InvalidRequestException(
            "invalid_parameter",
            "the query string's escapes before character "
                + i
                + " are not UTF-8: encode the text as UTF-8, then percent-encode its bytes");
      }
    }
  }

  /** The value of an ASCII hex digit, or -1 (Character.digit also reads other scripts' digits). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
