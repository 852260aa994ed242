package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published OpenAPI description is valid (checked by swagger-parser), documents every route,
 * and is true: each documented operation, called on a running server, answers with a status it
 * documents, and its 200/201 JSON carries the fields the schema requires.
 */
class OpenApiTest {
  /** The server's route table (BylineServer), which the description must match exactly. */
  static final Set<String> ROUTES =
      Set.of(
          "GET /",
          "GET /favicon.ico",
          "GET /health",
          "GET /metrics",
          "GET /api/search",
          "GET /api/suggest",
          "GET /api/stats",
          "GET /api/openapi.json",
          "POST /api/articles",
          "GET /api/articles/{id}",
          "DELETE /api/articles/{id}",
          "GET /api/articles/{id}/related",
          "GET /api/stories/{id}",
          "POST /api/stories/recluster",
          "POST /api/snapshots",
          "POST /api/refresh",
          "POST /api/reindex",
          "POST /api/reindex/rollback",
          "GET /api/tasks/{id}");

  @Test
  void the_description_is_valid_complete_and_true(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(
          "["
              + json(
                  article(
                      "o1",
                      "Harbour report",
                      "The harbour was busy all week.",
                      "author",
                      "Ana Tubić"))
              + ","
              + json(article("o2", "Harbour news", "More harbour news for the week."))
              + "]");
      Response published = server.get("/api/openapi.json");
      assertThat(published.status()).isEqualTo(200);
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      SwaggerParseResult parsed =
          new OpenAPIV3Parser().readContents(published.body(), null, options);
      assertThat(parsed.getMessages()).as("parser messages").isEmpty();
      OpenAPI api = parsed.getOpenAPI();
      assertThat(api.getOpenapi()).startsWith("3.1");

      Set<String> documented = new TreeSet<>();
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap().keySet().forEach(m -> documented.add(m + " " + path)));
      assertThat(documented).containsExactlyInAnyOrderElementsOf(ROUTES);

      check(
          api,
          server,
          "GET",
          "/api/search",
          "/api/search?q=harbour&author=Ana%20Tubi%C4%87&sort=newest",
          null,
          null,
          "SearchResponse");
      check(api, server, "GET", "/api/search", "/api/search?size=1000", null, null, null);
      check(api, server, "GET", "/api/suggest", "/api/suggest?q=harb", null, null, null);
      check(
          api,
          server,
          "POST",
          "/api/articles",
          "/api/articles",
          "application/json",
          json(article("o3", "Third", "Body.")),
          "IngestResult");
      check(
          api,
          server,
          "POST",
          "/api/articles",
          "/api/articles?url=https://example.org/p",
          "text/plain",
          "A page\n\nA paragraph of the page that says something useful.\n",
          "IngestResult");
      check(api, server, "POST", "/api/articles", "/api/articles", "application/xml", "<a/>", null);
      check(
          api,
          server,
          "GET",
          "/api/articles/{id}",
          "/api/articles/o1?q=harbour",
          null,
          null,
          "Article");
      check(api, server, "GET", "/api/articles/{id}", "/api/articles/missing", null, null, null);
      check(
          api,
          server,
          "GET",
          "/api/articles/{id}/related",
          "/api/articles/o1/related",
          null,
          null,
          null);
      check(api, server, "DELETE", "/api/articles/{id}", "/api/articles/o3", null, null, null);
      check(api, server, "DELETE", "/api/articles/{id}", "/api/articles/o3", null, null, null);
      check(api, server, "GET", "/api/stats", "/api/stats", null, null, "Stats");
      check(api, server, "POST", "/api/refresh", "/api/refresh", null, null, "Refreshed");
      check(
          api,
          server,
          "POST",
          "/api/snapshots",
          "/api/snapshots",
          "application/json",
          "{\"name\": \"openapi\"}",
          "Snapshot");
      check(
          api,
          server,
          "POST",
          "/api/snapshots",
          "/api/snapshots",
          "application/json",
          "{\"name\": \"openapi\"}",
          null);
      check(
          api,
          server,
          "POST",
          "/api/reindex/rollback",
          "/api/reindex/rollback",
          null,
          null,
          null); // 409: none yet
      Response started =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/reindex"))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(api.getPaths().get("/api/reindex").getPost().getResponses())
          .containsKey(Integer.toString(started.status()));
      String task = started.json().get("id").asText();
      for (int i = 0;
          i < 200
              && server.get("/api/tasks/" + task).json().get("state").asText().equals("running");
          i++) Thread.sleep(50);
      check(api, server, "GET", "/api/tasks/{id}", "/api/tasks/" + task, null, null, "Task");
      check(api, server, "GET", "/api/tasks/{id}", "/api/tasks/nope", null, null, null);
      check(
          api, server, "POST", "/api/reindex/rollback", "/api/reindex/rollback", null, null, null);
      Response reclustering =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/stories/recluster?threshold=0.5"))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(api.getPaths().get("/api/stories/recluster").getPost().getResponses())
          .containsKey(Integer.toString(reclustering.status()));
      String stories = reclustering.json().get("id").asText();
      for (int i = 0;
          i < 200
              && server.get("/api/tasks/" + stories).json().get("state").asText().equals("running");
          i++) Thread.sleep(50);
      check(api, server, "GET", "/api/tasks/{id}", "/api/tasks/" + stories, null, null, "Task");
      check(
          api,
          server,
          "POST",
          "/api/stories/recluster",
          "/api/stories/recluster?threshold=7",
          null,
          null,
          null);
      check(api, server, "GET", "/api/stories/{id}", "/api/stories/o1", null, null, "Story");
      check(api, server, "GET", "/api/search", "/api/search?facets=story", null, null, null);
      check(api, server, "GET", "/api/openapi.json", "/api/openapi.json", null, null, null);
      check(api, server, "GET", "/health", "/health", null, null, null);
      check(api, server, "GET", "/metrics", "/metrics", null, null, null);
      check(api, server, "GET", "/", "/", null, null, null);
    }
  }

  private static void check(
      OpenAPI api,
      TestServer server,
      String method,
      String path,
      String call,
      String contentType,
      String body,
      String schemaName) {
    PathItem item = api.getPaths().get(path);
    Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(call));
    if (body != null) {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    Response r = server.send(request);
    String status = Integer.toString(r.status());
    assertThat(op.getResponses()).as(method + " " + call + " answered " + r).containsKey(status);
    if (schemaName != null) {
      assertThat(status).startsWith("2");
      @SuppressWarnings("rawtypes")
      Schema schema = api.getComponents().getSchemas().get(schemaName);
      JsonNode json = r.json();
      for (Object field : schema.getRequired()) {
        assertThat(json.has((String) field))
            .as(schemaName + " requires " + field + " in " + r.body())
            .isTrue();
      }
    }
  }

  @Test
  void every_route_the_server_has_is_in_the_table_above() {
    // Guard against a route added to BylineServer without updating ROUTES and the description.
    try {
      String source =
          java.nio.file.Files.readString(
              Path.of("src/main/java/dev/byline/http/BylineServer.java"));
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "(?:cfg\\.routes\\.(get|post|delete|put|patch)|getAndHead\\.accept)"
                      + "\\(\\s*\"([^\"]+)\"")
              .matcher(source);
      Set<String> registered = new TreeSet<>();
      while (m.find()) {
        String method = m.group(1) == null ? "GET" : m.group(1); // getAndHead: GET, and HEAD
        registered.add(method.toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
      }
      assertThat(registered).containsExactlyInAnyOrderElementsOf(ROUTES);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
