package dev.byline.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The search page's HTML ({@code /public/index.html} in the jar), read once. */
final class HomePage {
  private static volatile String html;

  private HomePage() {}

  static String html() {
    if (html == null) {
      try (InputStream in = HomePage.class.getResourceAsStream("/public/index.html")) {
        if (in == null) throw new IllegalStateException("the jar lacks /public/index.html");
        html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return html;
  }
}
