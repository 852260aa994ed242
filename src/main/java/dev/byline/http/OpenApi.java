package dev.byline.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 description of the API ({@code /openapi.json} in the jar), served at {@code GET
 * /api/openapi.json}. Written by hand next to the route table; a test parses it with a real
 * OpenAPI parser and calls every documented operation on a running server.
 */
final class OpenApi {
  private static volatile String json;

  private OpenApi() {}

  static String json() {
    if (json == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
        if (in == null) throw new IllegalStateException("the jar lacks /openapi.json");
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return json;
  }
}
