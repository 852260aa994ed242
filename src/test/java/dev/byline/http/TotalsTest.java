package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.search.ArticleSearch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How totals are counted: exactly with facets; without them, exactly up to a bound, then a lower bound. */
class TotalsTest {
  @TempDir Path dir;

  @Test
  void without_facets_totals_are_exact_up_to_the_bound_then_a_lower_bound() throws Exception {
    int articles = ArticleSearch.EXACT_TOTAL_UP_TO + 200;
    try (TestServer server = TestServer.start(dir)) {
      for (int from = 0; from < articles; from += 600) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < Math.min(articles, from + 600); i++) {
          // Every article says "tide"; one in ten also says "ferry".
          lines
              .append("{\"id\":\"t")
              .append(i)
              .append("\",\"title\":\"Report ")
              .append(i)
              .append("\",\"body\":\"The tide rose")
              .append(i % 10 == 0 ? " and the ferry waited" : "")
              .append(".\"}\n");
        }
        Response r = server.post("/api/articles", "application/x-ndjson", lines.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
      }
      Response counted = server.search("q=tide&facets=true");
      assertThat(counted.json().get("total").asInt()).isEqualTo(articles);
      assertThat(counted.json().get("total_relation").asText()).isEqualTo("eq");

      Response bounded = server.search("q=tide&facets=false");
      assertThat(bounded.json().get("total").asInt())
          .isBetween(ArticleSearch.EXACT_TOTAL_UP_TO, articles);
      assertThat(bounded.json().get("total_relation").asText()).isEqualTo("gte");
      assertThat(bounded.json().get("hits")).hasSize(10);

      Response few = server.search("q=ferry&facets=false");
      assertThat(few.json().get("total").asInt()).isEqualTo(articles / 10);
      assertThat(few.json().get("total_relation").asText()).isEqualTo("eq");
    }
  }
}
