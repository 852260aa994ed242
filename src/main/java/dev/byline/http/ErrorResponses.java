package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import dev.byline.index.IndexReadOnlyException;
import dev.byline.index.IndexUnavailableException;
import dev.byline.index.InsufficientStorageException;
import dev.byline.index.NotYetSearchableException;
import dev.byline.index.ReindexConflictException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: each domain exception has its status and
 * {@code {"error": code, "message": ...}} body here, and anything not listed is a 500 that is
 * logged (a bug, never the user's input). Handlers throw; they do not pick error statuses.
 */
final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** Maps every exception a route can throw, and Javalin's own 404 and 405, to its answer. */
  static void register(JavalinConfig cfg) {
    cfg.routes.exception(InvalidRequestException.class, ErrorResponses::userError);
    cfg.routes.exception(HttpResponseException.class, ErrorResponses::httpError);
    cfg.routes.exception(ReindexConflictException.class, ErrorResponses::reindexConflict);
    cfg.routes.exception(NotYetSearchableException.class, retryLater(503, "not_yet_searchable", 5));
    cfg.routes.exception(
        InsufficientStorageException.class, retryLater(507, "insufficient_storage", 30));
    cfg.routes.exception(IndexUnavailableException.class, retryLater(503, "index_unavailable", 5));
    // Cluster mode (issue 18).
    cfg.routes.exception(
        dev.byline.cluster.ClusterUnavailableException.class,
        retryLater(503, "kafka_unavailable", 5));
    cfg.routes.exception(
        dev.byline.cluster.NotCaughtUpException.class, retryLater(503, "not_caught_up", 1));
    cfg.routes.exception(
        dev.byline.cluster.MalformedPositionException.class,
        (e, ctx) -> error(ctx, 400, "invalid_parameter", e.getMessage()));
    cfg.routes.exception(
        IndexReadOnlyException.class,
        (e, ctx) ->
            error(ctx, 409, "index_read_only", "this server is read-only: " + e.getMessage()));
    // The request's own Content-Type names the charset: Jetty throws when it parses it.
    cfg.routes.exception(UnsupportedCharsetException.class, ErrorResponses::unknownCharset);
    cfg.routes.exception(IllegalCharsetNameException.class, ErrorResponses::unknownCharset);
    cfg.routes.exception(Exception.class, ErrorResponses::unexpected);
    // An Error (a stack overflow on some deeply nested input, out of memory) skips the exception
    // mappers: Javalin's own answer was a 500 with an empty body, which no client can read.
    cfg.router.javaLangErrorHandler(ErrorResponses::internalError);
    cfg.routes.error(404, "*", ErrorResponses::notFound);
    cfg.routes.error(405, "*", ErrorResponses::notAllowed);
  }

  /** A state that passes by itself: the status and code, and when to try again (Retry-After, seconds). */
  private static <E extends Exception> io.javalin.http.ExceptionHandler<E> retryLater(
      int status, String code, int seconds) {
    return (e, ctx) -> {
      ctx.header("Retry-After", Integer.toString(seconds));
      error(ctx, status, code, e.getMessage());
    };
  }

  static void error(Context ctx, int status, String code, String message) {
    ctx.status(status).json(errorBody(code, message));
  }

  private static Map<String, Object> errorBody(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return body;
  }

  /** The error body as JSON bytes, for answers written outside Javalin (see {@link JsonErrorPage}). */
  static byte[] errorJson(String code, String message) {
    try {
      return Json.mapper().writeValueAsBytes(errorBody(code, message));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The error code of a status that has no more specific one. */
  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      default -> "http_" + status;
    };
  }

  private static void userError(InvalidRequestException e, Context ctx) {
    error(ctx, e.status(), e.code(), e.getMessage());
  }

  /** A reindex or rollback the index's state does not allow now (nothing changed): a 409 that says why. */
  private static void reindexConflict(ReindexConflictException e, Context ctx) {
    String code =
        switch (e.reason()) {
          case REINDEX_RUNNING -> "reindex_running";
          case NOTHING_TO_ROLL_BACK -> "nothing_to_roll_back";
        };
    error(ctx, 409, code, e.getMessage());
  }

  private static void httpError(HttpResponseException e, Context ctx) {
    if (e instanceof MethodNotAllowedResponse) {
      // Javalin lists the route's methods in the details (one entry, keyed by its wording).
      String allowed = e.getDetails().values().stream().findFirst().orElse("");
      ctx.header("Allow", allowed);
      error(
          ctx,
          405,
          "method_not_allowed",
          ctx.method()
              + " is not allowed on "
              + ctx.path()
              + (allowed.isEmpty() ? "" : " (allowed: " + allowed + ")"));
      return;
    }
    error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage());
  }

  private static void unknownCharset(IllegalArgumentException e, Context ctx) {
    String name =
        e instanceof UnsupportedCharsetException u
            ? u.getCharsetName()
            : ((IllegalCharsetNameException) e).getCharsetName();
    error(
        ctx,
        415,
        "unsupported_media_type",
        "the Content-Type names charset '" + name + "', which Byline does not know: send UTF-8");
  }

  /**
   * Jetty's verdict on a request it could not read (broken chunked framing, a body that ends early)
   * reaches us where the body is read, as an exception carrying a 4xx; anything else is our fault.
   */
  private static void unexpected(Exception e, Context ctx) {
    if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
      ctx.header("Connection", "close"); // the framing is lost: nothing more can be read on it
      error(
          ctx,
          http.getCode(),
          codeFor(http.getCode()),
          "the request could not be read ("
              + http.getReason()
              + "): check its framing (Content-Length, chunked encoding)");
      return;
    }
    internalError(e, ctx);
  }

  private static void internalError(Exception e, Context ctx) {
    log.error("internal error on {} {}", ctx.method(), ctx.path(), e);
    error(ctx, 500, "internal_error", "Byline failed to handle this request; see the server log");
  }

  /**
   * An {@link Error} thrown by a route: logged as a bug and answered as {@link #internalError} is,
   * unless the answer is already on its way (then all that can be done is to log it).
   */
  private static void internalError(jakarta.servlet.http.HttpServletResponse response, Error e) {
    log.error("internal error (an Error thrown while handling a request)", e);
    if (response.isCommitted()) {
      return;
    }
    try {
      response.resetBuffer();
      response.setStatus(500);
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(
              errorJson(
                  "internal_error", "Byline failed to handle this request; see the server log"));
    } catch (IOException | RuntimeException writeFailed) {
      log.warn("could not answer the failed request", writeFailed);
    }
  }

  private static void notFound(Context ctx) {
    if (!isJsonError(ctx)) {
      error(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
    }
  }

  private static void notAllowed(Context ctx) {
    if (!isJsonError(ctx)) {
      error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
    }
  }

  /** Whether a handler already wrote one of our error bodies (then the error handler keeps it). */
  private static boolean isJsonError(Context ctx) {
    String result = ctx.result();
    return result != null && result.startsWith("{\"error\"");
  }
}
