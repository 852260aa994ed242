package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search by meaning (issue 17) through the real server, with the model that ships with Byline: a
 * query that shares no word with an article finds it, filters hold, the backlog drains, and what a
 * stop left unembedded is embedded after the restart. Eight short articles: the model embeds tens
 * a second.
 */
class SemanticSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Eight articles; r1 is about housing costs without using either word. */
  private static String fixture() {
    ArrayNode items = JSON.createArrayNode();
    add(
        items,
        "r1",
        "Tenants squeezed as rents soar",
        "Landlords raised monthly rents by a fifth this year, and mortgage rates climbed too, so"
            + " families are paying far more for a flat than they did.",
        "City Post",
        "economy");
    add(
        items,
        "r2",
        "Striker scores twice in derby win",
        "The home side won the derby three goals to one after a second-half double from their"
            + " striker.",
        "City Post",
        "sport");
    add(
        items,
        "r3",
        "Orchestra opens its winter season",
        "The symphony orchestra began the season with Mahler before a full hall.",
        "Valley Tribune",
        "culture");
    add(
        items,
        "r4",
        "Council approves new cycle lanes",
        "Councillors voted to paint protected cycle lanes on the high street by spring.",
        "Valley Tribune",
        "politics");
    add(
        items,
        "r5",
        "Storm closes coastal road",
        "High winds and waves closed the coastal road overnight; crews cleared debris at dawn.",
        "City Post",
        "weather");
    add(
        items,
        "r6",
        "Bakery wins regional bread award",
        "A family bakery took first prize for its sourdough at the regional show.",
        "Valley Tribune",
        "food");
    add(
        items,
        "r7",
        "Tenancy board hears eviction appeals",
        "The tenancy board heard appeals from renters facing eviction after steep increases in what"
            + " their landlords charge.",
        "Valley Tribune",
        "economy");
    add(
        items,
        "r8",
        "School choir tours abroad",
        "The school choir sang in three cities on its first tour abroad.",
        "City Post",
        "culture");
    return items.toString();
  }

  private static void add(
      ArrayNode items, String id, String title, String body, String source, String category) {
    ObjectNode a = items.addObject();
    a.put("id", id);
    a.put("title", title);
    a.put("body", body);
    a.put("source", source);
    a.putArray("category").add(category);
  }

  private TestServer semanticServer() throws Exception {
    return TestServer.start(ServerConfig.defaults(dir).withPort(0).withSemantic(true));
  }

  private static List<String> ids(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode hit : r.json().get("hits")) ids.add(hit.get("id").asText());
    return ids;
  }

  /** Waits until every article has its vector; fails after a minute. */
  private static void awaitEmbedded(TestServer server) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    JsonNode semantic = null;
    while (System.nanoTime() < until) {
      semantic = server.get("/api/stats").json().get("semantic");
      if (semantic.get("backlog").asLong() == 0) return;
      Thread.sleep(100);
    }
    throw new AssertionError("backlog did not drain: " + semantic);
  }

  @Test
  void a_query_sharing_no_word_with_an_article_finds_it_by_meaning() throws Exception {
    try (TestServer server = semanticServer()) {
      assertThat(server.postJson(fixture()).status()).isEqualTo(200);
      // Keyword search works at once, before any vector exists.
      assertThat(ids(server.searchFor("derby", "mode=keyword"))).containsExactly("r2");
      awaitEmbedded(server);
      JsonNode semantic = server.get("/api/stats").json().get("semantic");
      assertThat(semantic.get("on").asBoolean()).isTrue();
      assertThat(semantic.get("embedded").asLong()).isEqualTo(8);
      assertThat(semantic.get("failed").asLong()).isZero(); // none set aside
      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("byline_embedding_backlog 0.0");
      assertThat(metrics).contains("byline_embedding_failed 0.0");
      assertThat(metrics).contains("byline_embedding_embedded_total 8.0");

      assertThat(ids(server.searchFor("housing costs", "mode=keyword"))).isEmpty();
      List<String> bySense = ids(server.searchFor("housing costs", "mode=semantic&size=2"));
      assertThat(bySense).containsExactlyInAnyOrder("r1", "r7");
      // Hybrid is the default with semantic search on.
      assertThat(ids(server.searchFor("housing costs", "size=2")))
          .containsExactlyInAnyOrder("r1", "r7");
      // The blend: all keyword finds nothing for these words; all vectors is semantic's list.
      assertThat(ids(server.searchFor("housing costs", "semantic_ratio=0"))).isEmpty();
      assertThat(ids(server.searchFor("housing costs", "semantic_ratio=1&size=2")))
          .containsExactlyInAnyOrder("r1", "r7");
      // A purely semantic hit shows its opening as the snippet.
      JsonNode hit = server.searchFor("housing costs", "mode=semantic&size=1").json().get("hits");
      assertThat(hit.get(0).get("snippets").get(0).asText()).isNotBlank();

      // Related articles by meaning: r7 shares almost no word with r1.
      JsonNode related = server.get("/api/articles/r1/related?size=1").json();
      assertThat(related.toString()).contains("\"r7\"");

      // Filters apply inside the vector search: only the other source's articles come back.
      List<String> filtered =
          ids(server.searchFor("housing costs", "mode=semantic&source=Valley%20Tribune&size=3"));
      assertThat(filtered).first().isEqualTo("r7");
      assertThat(filtered).doesNotContain("r1", "r2", "r5", "r8");
      // Facets are counted over the vector hits.
      JsonNode facets =
          server.searchFor("housing costs", "mode=hybrid&category=economy").json().get("facets");
      assertThat(facets.get("category").toString()).contains("economy");
      assertThat(ids(server.searchFor("housing costs", "mode=hybrid&category=economy")))
          .containsExactlyInAnyOrder("r1", "r7");
      // A filter no article passes leaves the vector side nothing to rescore: no hits, not a 500.
      for (String mode : List.of("semantic", "hybrid")) {
        Response none = server.searchFor("housing costs", "mode=" + mode + "&source=Nowhere");
        assertThat(ids(none)).as(mode).isEmpty();
        assertThat(none.json().get("total").asInt()).as(mode).isZero();
        Response sideways =
            server.searchFor("housing costs", "mode=" + mode + "&source=Nowhere&category=nothing");
        assertThat(sideways.status()).as(sideways.toString()).isEqualTo(200);
      }
      // No article holds both words: as in keyword mode, hybrid's keyword list is then of the
      // articles holding either (before, it was empty and the vectors' list stood alone).
      Response eitherWord = server.searchFor("derby orchestra", "semantic_ratio=0");
      assertThat(ids(eitherWord)).containsExactlyInAnyOrder("r2", "r3");
      assertThat(eitherWord.json().get("relaxed").asBoolean()).isTrue();
      assertThat(server.searchFor("derby", "").json().get("relaxed").asBoolean()).isFalse();
      // "Did you mean" asks what the words alone found: the vectors find something for anything.
      assertThat(
              server
                  .searchFor("derbby", "mode=hybrid&autocorrect=false")
                  .json()
                  .get("suggestion")
                  .asText())
          .isEqualTo("derby");
      // A typo (no article holds it, no dictionary knows it) is replaced by its respelling
      // however much the vectors found for it.
      assertThat(
              server.searchFor("derbby", "mode=hybrid").json().get("showing_results_for").asText())
          .isEqualTo("derby");
      assertThat(server.searchFor("derby", "mode=hybrid").json().get("suggestion").isNull())
          .isTrue();
      // A filtered field's facet is counted sideways, as in keyword mode: over the lists searched
      // again without its own filter (all eight articles are among the nearest 100), so the
      // other values stay visible to be added.
      for (String mode : List.of("semantic", "hybrid")) {
        JsonNode sideways =
            server
                .searchFor("housing costs", "mode=" + mode + "&source=Valley%20Tribune")
                .json()
                .get("facets");
        assertThat(sideways.get("source").toString())
            .as(mode)
            .contains("{\"value\":\"City Post\",\"count\":4}")
            .contains("{\"value\":\"Valley Tribune\",\"count\":4}");
        // The other fields are still counted over the filtered hits alone.
        assertThat(sideways.get("category").toString()).as(mode).doesNotContain("sport");
      }
    }
  }

  @Test
  void an_only_article_has_no_related_articles_and_that_is_not_an_error() throws Exception {
    try (TestServer server = semanticServer()) {
      String only =
          "[{\"id\":\"only\",\"title\":\"Rents soar\",\"body\":\"Landlords raised rents.\"}]";
      assertThat(server.postJson(only).status()).isEqualTo(200);
      awaitEmbedded(server);
      // The nearest articles but itself: none, which Lucene's rescorer did not expect (a 500).
      Response related = server.get("/api/articles/only/related");
      assertThat(related.status()).as(related.toString()).isEqualTo(200);
      assertThat(related.body()).doesNotContain("\"id\"");
    }
  }

  @Test
  void articles_left_unembedded_by_a_stop_are_embedded_after_a_restart() throws Exception {
    try (TestServer plain = TestServer.start(dir)) {
      assertThat(plain.postJson(fixture()).status()).isEqualTo(200);
      assertThat(plain.get("/api/stats").json().get("semantic").get("on").asBoolean()).isFalse();
    }
    try (TestServer server = semanticServer()) {
      awaitEmbedded(server);
      assertThat(server.get("/api/stats").json().get("semantic").get("embedded").asLong())
          .isEqualTo(8);
      assertThat(ids(server.searchFor("housing costs", "mode=semantic&size=2")))
          .containsExactlyInAnyOrder("r1", "r7");
      // An update after embedding drops the old vector and gets a new one.
      String update =
          "[{\"id\":\"r3\",\"title\":\"Rent rises push families out\",\"body\":\"Landlords"
              + " doubled what flats cost.\",\"source\":\"Valley Tribune\"}]";
      assertThat(server.postJson(update).status()).isEqualTo(200);
      awaitEmbedded(server);
      assertThat(ids(server.searchFor("housing costs", "mode=semantic&size=3")))
          .containsExactlyInAnyOrder("r1", "r3", "r7");
    }
  }

  @Test
  void a_reindex_keeps_the_vectors_so_the_vector_side_answers_at_once() throws Exception {
    try (TestServer server = semanticServer()) {
      assertThat(server.postJson(fixture()).status()).isEqualTo(200);
      awaitEmbedded(server);
      var run = dev.byline.cli.CliTestAccess.run("reindex", "--data", dir.toString());
      assertThat(run.status()).as(run.toString()).isZero();
      assertThat(run.out()).contains("through the server");
      // At once: nothing to embed again, and the vector side finds by meaning.
      JsonNode semantic = server.get("/api/stats").json().get("semantic");
      assertThat(semantic.get("backlog").asLong()).as(semantic.toString()).isZero();
      assertThat(semantic.get("embedded").asLong()).isEqualTo(8); // none embedded twice
      assertThat(ids(server.searchFor("housing costs", "mode=semantic&size=2")))
          .containsExactlyInAnyOrder("r1", "r7");
      // A later update still gets a new vector in the new generation.
      String update =
          "[{\"id\":\"r3\",\"title\":\"Rent rises push families out\",\"body\":\"Landlords"
              + " doubled what flats cost.\",\"source\":\"Valley Tribune\"}]";
      assertThat(server.postJson(update).status()).isEqualTo(200);
      awaitEmbedded(server);
      assertThat(ids(server.searchFor("housing costs", "mode=semantic&size=3")))
          .containsExactlyInAnyOrder("r1", "r3", "r7");
    }
  }

  /**
   * The offline reindex (no server running) carries the vectors over too: the server started on
   * the rebuilt index has nothing to embed and finds by meaning at once. It embedded every article
   * again before.
   */
  @Test
  void an_offline_reindex_keeps_the_vectors() throws Exception {
    try (TestServer server = semanticServer()) {
      assertThat(server.postJson(fixture()).status()).isEqualTo(200);
      awaitEmbedded(server);
    }
    var run = dev.byline.cli.CliTestAccess.run("reindex", "--data", dir.toString());
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).doesNotContain("through the server").contains("reindexed 8 articles");
    try (TestServer server = semanticServer()) {
      JsonNode semantic = server.get("/api/stats").json().get("semantic");
      assertThat(semantic.get("backlog").asLong()).as(semantic.toString()).isZero();
      assertThat(ids(server.searchFor("housing costs", "mode=semantic&size=2")))
          .containsExactlyInAnyOrder("r1", "r7");
      Thread.sleep(500); // time enough for the pipeline to embed eight, had it anything to embed
      semantic = server.get("/api/stats").json().get("semantic");
      assertThat(semantic.get("embedded").asLong()).as(semantic.toString()).isZero();
    }
  }

  @Test
  void semantic_modes_are_a_400_while_semantic_search_is_off_and_a_bad_mode_is_a_400()
      throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Response semantic = server.searchFor("housing", "mode=semantic");
      assertThat(semantic.status()).isEqualTo(400);
      assertThat(semantic.json().get("error").asText()).isEqualTo("semantic_off");
      assertThat(semantic.json().get("message").asText()).contains("--semantic");
      assertThat(server.searchFor("housing", "mode=hybrid").status()).isEqualTo(400);
      Response bad = server.searchFor("housing", "mode=vibes");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("message").asText()).contains("keyword, semantic, hybrid");
      assertThat(server.searchFor("housing", "mode=keyword").status()).isEqualTo(200);
      Response ratio = server.searchFor("housing", "mode=keyword&semantic_ratio=0.8");
      assertThat(ratio.status()).isEqualTo(400);
      assertThat(ratio.json().get("message").asText()).contains("mode=hybrid");
      // Whatever the value: 0.5 (the default's) was let through, any other refused.
      for (String value : new String[] {"0.5", "0.50", "0"}) {
        assertThat(server.searchFor("housing", "mode=keyword&semantic_ratio=" + value).status())
            .as(value)
            .isEqualTo(400);
      }
      assertThat(server.searchFor("housing", "semantic_ratio=2").status()).isEqualTo(400);
    }
  }
}
