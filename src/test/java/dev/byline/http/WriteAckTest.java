package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/articles?refresh=...}: when a write is answered. */
class WriteAckTest {
  @TempDir Path dir;

  private static String batch(int n, String word) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      body.append(json(article(word + "-" + i, "Article " + i, "A " + word + " body, number " + i)))
          .append('\n');
    }
    return body.toString();
  }

  /**
   * {@code refresh=false} answers once the batch is durable, without waiting for a refresh; a
   * server nobody has searched yet does not refresh every half second, and its first search waits
   * for the refresh that shows every write made before it.
   */
  @Test
  void refresh_false_is_answered_once_durable_and_the_first_search_sees_every_article()
      throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Response written =
          server.post("/api/articles?refresh=false", "application/x-ndjson", batch(150, "bulk"));
      assertThat(written.status()).as(written.toString()).isEqualTo(200);
      assertThat(written.json().get("indexed").asInt()).isEqualTo(150);
      assertThat(written.json().get("failed").asInt()).isZero();
      assertThat(written.json().get("items").get(149).get("status").asText()).isEqualTo("created");
      assertThat(server.searchFor("bulk", "").json().get("total").asInt()).isEqualTo(150);
    }
  }

  /**
   * {@code POST /api/refresh} answers once every write acknowledged before it is searchable: on an
   * index being searched (refreshed every half second), a search right after it sees each
   * {@code refresh=false} batch, round after round.
   */
  @Test
  void a_refresh_request_makes_every_durable_write_searchable_before_it_answers() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.searchFor("nothing", "").status()).isEqualTo(200); // now searched
      for (int round = 1; round <= 5; round++) {
        Response written =
            server.post(
                "/api/articles?refresh=false", "application/x-ndjson", batch(20, "round" + round));
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        Response refreshed =
            server.send(
                java.net.http.HttpRequest.newBuilder(server.uri("/api/refresh"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().get("refreshed").asBoolean()).isTrue();
        assertThat(server.searchFor("round" + round, "").json().get("total").asInt())
            .as("round " + round)
            .isEqualTo(20);
      }
    }
  }

  /** The default, and its spellings, answer once searchable; the searches see the write at once. */
  @Test
  void wait_for_true_and_the_default_are_answered_once_searchable() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.searchFor("nothing", "").status()).isEqualTo(200); // now searched
      String[] paths = {
        "/api/articles", "/api/articles?refresh=wait_for", "/api/articles?refresh=true"
      };
      for (int p = 0; p < paths.length; p++) {
        String word = "spelling" + p;
        Response written = server.post(paths[p], "application/x-ndjson", batch(3, word));
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        assertThat(server.searchFor(word, "").json().get("total").asInt())
            .as(paths[p])
            .isEqualTo(3);
      }
    }
  }

  /** Any other value is a 400 that names the choices, and nothing is written. */
  @Test
  void another_refresh_value_is_a_400_and_writes_nothing() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Response refused =
          server.post(
              "/api/articles?refresh=later",
              "application/json",
              json(article("x1", "Refused", "Never written")));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("error").asText()).isEqualTo("invalid_parameter");
      assertThat(refused.json().get("message").asText()).contains("wait_for").contains("false");
      assertThat(server.get("/api/articles/x1").status()).isEqualTo(404);
      assertThat(server.articleCount()).isZero();
    }
  }
}
