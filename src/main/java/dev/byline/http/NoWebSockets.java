package dev.byline.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers a WebSocket upgrade with a 400 JSON error before Javalin sees it: Byline serves no
 * WebSocket, and Javalin's own refusal (a 404 from its WebSocket path, which runs before any
 * route's checks) left a servlet session behind for each request, never expired, so that
 * unauthenticated clients could fill the heap. Other requests pass untouched.
 */
final class NoWebSockets implements Filter {
  private static final byte[] BODY =
      ("{\"error\":\"bad_request\",\"message\":\"Byline serves no WebSocket; send plain HTTP"
              + " requests (see /api/openapi.json)\"}")
          .getBytes(StandardCharsets.UTF_8);

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse out
        && isUpgrade(http)) {
      out.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      out.setContentType("application/json");
      out.setHeader("X-Content-Type-Options", "nosniff");
      out.setHeader("Connection", "close");
      out.setContentLength(BODY.length);
      out.getOutputStream().write(BODY);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isUpgrade(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }
}
