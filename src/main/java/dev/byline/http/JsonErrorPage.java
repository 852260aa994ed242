package dev.byline.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request Jetty refuses before any route sees it (a request line or URL it cannot
 * parse, a URL or headers over its size limits, no {@code Host}), in Byline's error shape rather
 * than Jetty's HTML page: {@code {"error": code, "message": ...}}, with the codes of {@link
 * ErrorResponses#codeFor(int)}.
 */
final class JsonErrorPage extends ErrorHandler {
  /** Every method gets a body, DELETE included (Jetty's page is for GET, POST and HEAD only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    BylineServer.SAFE_HEADERS.forEach(response.getHeaders()::put);
    response.write(true, ByteBuffer.wrap(body(status, message)), callback);
  }

  // Deprecated for removal in Jetty 12.1, but it is still what Jetty calls for a request it cannot
  // parse (bad framing, bad headers); without it those answers would be Jetty's HTML.
  @SuppressWarnings("removal")
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    BylineServer.SAFE_HEADERS.forEach(fields::put);
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String reason) {
    String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    return ErrorResponses.errorJson(
        ErrorResponses.codeFor(status), "the server cannot read this request: " + why);
  }
}
