package dev.byline.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Text files shipped in the jar (the page, the OpenAPI description), read once. */
final class Resources {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Resources() {}

  static String text(String path) {
    return CACHE.computeIfAbsent(
        path,
        p -> {
          try (InputStream in = Resources.class.getResourceAsStream(p)) {
            if (in == null) throw new IllegalStateException("the jar lacks " + p);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
