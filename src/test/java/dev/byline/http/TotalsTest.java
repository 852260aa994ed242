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

  /**
   * Collapsed, the same rule: with facets every match is visited and stories are counted exactly;
   * without, the articles that are stories of their own are counted as an uncollapsed search
   * counts (then {@code gte}), while copies of a story are always all found, so the page's story
   * sizes stay exact.
   */
  @Test
  void collapsed_totals_are_exact_with_facets_and_bounded_without() throws Exception {
    int singles = ArticleSearch.EXACT_TOTAL_UP_TO + 200;
    java.util.Random random = new java.util.Random(5);
    String[] words = {"harbour", "quay", "pier", "crane", "cargo", "berth", "pilot", "buoy"};
    try (TestServer server = TestServer.start(dir)) {
      for (int from = 0; from < singles; from += 600) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < Math.min(singles, from + 600); i++) {
          StringBuilder body = new StringBuilder("The tide rose at " + i);
          for (int w = 0; w < 8; w++) body.append(' ').append(words[random.nextInt(words.length)]);
          lines
              .append("{\"id\":\"s")
              .append(i)
              .append("\",\"title\":\"Report ")
              .append(i)
              .append("\",\"body\":\"")
              .append(body)
              .append(".\"}\n");
        }
        Response r = server.post("/api/articles", "application/x-ndjson", lines.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
      }
      // One story of three copies, whose words the others do not have.
      String wire =
          "Spring tides flooded the low quay at dawn, and the harbour master closed the outer"
              + " berths until the afternoon while pilots waited offshore for the water to fall.";
      StringBuilder copies = new StringBuilder();
      for (int c = 0; c < 3; c++) {
        copies
            .append("{\"id\":\"w")
            .append(c)
            .append("\",\"title\":\"Flooded quay ")
            .append(c)
            .append("\",\"body\":\"")
            .append(wire)
            .append("\"}\n");
      }
      assertThat(server.post("/api/articles", "application/x-ndjson", copies.toString()).status())
          .isEqualTo(200);

      // "tides" is "tide" stemmed: the copies match too, one story of three articles.
      Response exact = server.search("q=tide&collapse=story&facets=true");
      assertThat(exact.json().get("total").asInt()).isEqualTo(singles + 1);
      assertThat(exact.json().get("total_articles").asInt()).isEqualTo(singles + 3);
      assertThat(exact.json().get("total_relation").asText()).isEqualTo("eq");

      Response bounded = server.search("q=tide&collapse=story&facets=false");
      assertThat(bounded.json().get("total").asInt())
          .isBetween(ArticleSearch.EXACT_TOTAL_UP_TO, singles + 1);
      assertThat(bounded.json().get("total_relation").asText()).isEqualTo("gte");
      assertThat(bounded.json().get("hits")).hasSize(10);

      Response story = server.search("q=flooded+quay&collapse=story&facets=false");
      assertThat(story.json().get("total").asInt()).isEqualTo(1);
      assertThat(story.json().get("total_relation").asText()).isEqualTo("eq");
      assertThat(story.json().get("hits").get(0).get("story").get("size").asInt()).isEqualTo(3);
    }
  }
}
