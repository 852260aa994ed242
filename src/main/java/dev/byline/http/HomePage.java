package dev.byline.http;

/**
 * What {@code GET /} shows until the search page arrives: where the API is. Static text only.
 */
final class HomePage {
  static final String HTML =
      """
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Byline</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}
      code{background:#f3f3f3;padding:0 .25rem}</style></head>
      <body>
      <h1>Byline</h1>
      <p>Full-text search for news and article archives. The API:</p>
      <ul>
      <li><a href="/api/search?q=election"><code>GET /api/search?q=election</code></a> &mdash; ranked hits with highlighted snippets and facets</li>
      <li><a href="/api/search"><code>GET /api/search</code></a> &mdash; every article, newest first</li>
      <li><code>GET /api/articles/{id}</code>, <code>POST /api/articles</code>, <code>DELETE /api/articles/{id}</code></li>
      <li><a href="/api/stats"><code>GET /api/stats</code></a>, <a href="/health"><code>GET /health</code></a></li>
      </ul>
      <p>See the README for every parameter.</p>
      </body>
      </html>
      """;

  private HomePage() {}
}
