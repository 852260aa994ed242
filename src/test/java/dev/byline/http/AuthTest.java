package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
  @Test
  void with_a_key_configured_writes_need_it_and_reads_stay_open(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withApiKey("s3cret"))) {
      String body = json(article("k1", "Keyed", "Written with a key."));
      Response none = server.postJson(body);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
      assertThat(none.raw().headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(server.postJson(body, "Authorization", "Bearer wrong").status()).isEqualTo(401);
      assertThat(server.postJson(body, "Authorization", "Bearer s3cre").status()).isEqualTo(401);
      assertThat(server.articleCount()).isZero();

      assertThat(server.postJson(body, "Authorization", "Bearer s3cret").status()).isEqualTo(200);
      assertThat(server.search("q=keyed").json().get("total").asInt()).isEqualTo(1);
      assertThat(server.get("/api/articles/k1").status()).isEqualTo(200);

      assertThat(server.delete("/api/articles/k1").status()).isEqualTo(401);
      assertThat(server.delete("/api/articles/k1", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
    }
  }

  @Test
  void without_a_key_writes_are_open(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      // A brand-new, empty index answers searches (with empty facets), not errors.
      Response empty = server.search("q=anything");
      assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
      assertThat(empty.json().get("total").asInt()).isZero();
      assertThat(empty.json().get("facets").get("author").size()).isZero();
      assertThat(server.postJson(json(article("o1", "Open", "No key."))).status()).isEqualTo(200);
    }
  }
}
