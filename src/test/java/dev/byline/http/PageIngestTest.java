package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw pages through the running server: every fixture page is posted as text/plain or text/html;
 * its body words are searchable and its noise words are not.
 */
class PageIngestTest {
  @TempDir static Path dir;
  static TestServer server;
  static final Path PAGES = Path.of("src/test/resources/pages");

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Response postPage(Path file, String url) throws Exception {
    String type = file.toString().endsWith(".html") ? "text/html" : "text/plain";
    return server.send(
        HttpRequest.newBuilder(
                server.uri("/api/articles" + (url == null ? "" : "?url=" + TestServer.enc(url))))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))));
  }

  @Test
  void noise_words_of_every_fixture_page_are_not_searchable_but_its_story_is() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    try (var files = Files.list(PAGES)) {
      for (Path expectedFile :
          files.filter(f -> f.toString().endsWith(".expected.json")).sorted().toList()) {
        String name = expectedFile.getFileName().toString().replace(".expected.json", "");
        Path page =
            Files.exists(PAGES.resolve(name + ".html"))
                ? PAGES.resolve(name + ".html")
                : PAGES.resolve(name + ".txt");
        Response r = postPage(page, null);
        assertThat(r.status()).as(name + " " + r).isEqualTo(200);
        assertThat(r.json().get("indexed").asInt()).as(name + " " + r).isEqualTo(1);
        String id = r.json().get("items").get(0).get("id").asText();
        JsonNode expected = mapper.readTree(expectedFile.toFile());
        String start = expected.get("body_start").asText();
        Response found = server.searchFor("\"" + start + "\"", "");
        assertThat(found.json().get("hits").toString()).as(name).contains(id);
        for (JsonNode noise : expected.path("noise")) {
          Response leak = server.searchFor("\"" + noise.asText() + "\"", "");
          assertThat(leak.json().get("hits").toString())
              .as(name + " noise " + noise)
              .doesNotContain("\"" + id + "\"");
        }
      }
    }
  }

  @Test
  void the_seed_shape_reports_missing_fields_as_warnings_and_takes_a_url() throws Exception {
    Path page = Files.createTempFile(dir, "bare", ".txt");
    Files.writeString(
        page,
        "A headline without byline\n\nThe council met on Tuesday and agreed to repaint the old bridge over the river before summer.\n");
    Response r = postPage(page, "https://example.org/bridge");
    JsonNode item = r.json().get("items").get(0);
    assertThat(item.get("status").asText()).isEqualTo("created");
    assertThat(item.get("id").asText()).startsWith("u-");
    assertThat(item.get("warnings").toString())
        .contains("no date found")
        .contains("no author found");
    JsonNode article = server.get("/api/articles/" + item.get("id").asText()).json();
    assertThat(article.get("url").asText()).isEqualTo("https://example.org/bridge");
    assertThat(article.get("title").asText()).isEqualTo("A headline without byline");
  }

  @Test
  void unreadable_pages_are_item_errors_with_reasons() throws Exception {
    Response empty = server.post("/api/articles", "text/plain", " \n ");
    assertThat(empty.status()).isIn(400, 200);
    Response binary =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/articles"))
                .header("Content-Type", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, 3, 0, 5, 6, 7})));
    assertThat(binary.status()).isEqualTo(200);
    assertThat(binary.json().get("failed").asInt()).isEqualTo(1);
    assertThat(binary.json().get("items").get(0).get("error").asText().toLowerCase(Locale.ROOT))
        .contains("binary");
  }
}
