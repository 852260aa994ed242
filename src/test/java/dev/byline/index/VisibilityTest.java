package dev.byline.index;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write is searchable; one that cannot be made searchable in time is not
 * acknowledged but answered 503, saying it is durable, and it does become searchable.
 */
class VisibilityTest {
  @TempDir Path dir;

  @Test
  void an_acknowledged_write_is_searchable_at_once() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      for (int i = 0; i < 50; i++) {
        assertThat(
                server
                    .postJson(json(article("v" + i, "Visible " + i, "Harbour note " + i)))
                    .status())
            .isEqualTo(200);
        assertThat(server.get("/api/articles/v" + i).status()).as("write %d", i).isEqualTo(200);
      }
    }
  }

  @Test
  void
      a_write_not_searchable_within_the_wait_is_a_503_that_says_it_is_saved_and_it_becomes_searchable()
          throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.server.index().visibilityWait(0); // as if every refresh took longer than the wait
      Response r =
          server.postJson(
              json(article("late-1", "Late harbour story", "Saved before it was searchable.")));
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.json().get("error").asText()).isEqualTo("not_yet_searchable");
      assertThat(r.json().get("message").asText())
          .contains("saved")
          .contains("sending them again is safe");
      assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (server.get("/api/articles/late-1").status() != 200 && System.nanoTime() < deadline)
        Thread.sleep(20);
      assertThat(server.get("/api/articles/late-1").status()).isEqualTo(200);
    }
    try (TestServer again = TestServer.start(dir)) {
      assertThat(again.get("/api/articles/late-1").status()).isEqualTo(200);
    }
  }
}
