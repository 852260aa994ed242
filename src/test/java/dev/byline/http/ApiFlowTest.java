package dev.byline.http;

import static dev.byline.Fixtures.archive;
import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end on a real server: ingest, search, highlight, facets, filters, sort, paging, get, delete. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiFlowTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    Response r = server.post("/api/articles", "application/x-ndjson", ndjson(archive()));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("indexed").asInt()).isEqualTo(7);
    assertThat(r.json().get("failed").asInt()).isZero();
    for (JsonNode item : r.json().get("items")) {
      assertThat(item.get("status").asText()).isEqualTo("created");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static List<String> ids(Response r) {
    List<String> ids = new ArrayList<>();
    r.json().get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  @Order(1)
  void search_ranks_title_matches_first_and_stems() {
    Response r = server.searchFor("elections", "");
    assertThat(r.status()).isEqualTo(200);
    // "elections" finds "election" too; the title match ranks first.
    assertThat(ids(r)).containsExactlyInAnyOrder("a1", "a2", "a5");
    assertThat(ids(r).get(0)).isEqualTo("a1");
    assertThat(r.json().get("total").asInt()).isEqualTo(3);
    assertThat(r.json().get("total_relation").asText()).isEqualTo("eq");
    assertThat(r.json().get("took_ms").isNumber()).isTrue();
    JsonNode first = r.json().get("hits").get(0);
    assertThat(first.get("score").asDouble()).isPositive();
    assertThat(first.get("author").isArray()).isTrue();
    assertThat(first.get("category").isArray()).isTrue();
  }

  @Test
  @Order(2)
  void snippets_and_titles_are_highlighted() {
    JsonNode hit = server.searchFor("glacier ice", "").json().get("hits").get(0);
    assertThat(hit.get("title_html").asText())
        .isEqualTo("<mark>Glacier</mark> loses a third of its <mark>ice</mark>");
    assertThat(hit.get("snippets").size()).isBetween(1, 3);
    assertThat(hit.get("snippets").get(0).asText()).contains("<mark>glacier</mark>");
  }

  @Test
  @Order(2)
  void prefix_wildcard_and_fuzzy_matches_are_highlighted_too() {
    // These are rewritten to the terms they expand to before searching; the marks must follow.
    JsonNode prefix = server.searchFor("glac*", "").json().get("hits").get(0);
    assertThat(prefix.get("title_html").asText()).contains("<mark>Glacier</mark>");
    assertThat(prefix.get("snippets").get(0).asText()).contains("<mark>glacier</mark>");
    JsonNode fuzzy = server.searchFor("glaciar~1", "syntax=lucene").json().get("hits").get(0);
    assertThat(fuzzy.get("title_html").asText()).contains("<mark>Glacier</mark>");
    JsonNode wildcard = server.searchFor("gl?cier", "syntax=lucene").json().get("hits").get(0);
    assertThat(wildcard.get("snippets").get(0).asText()).contains("<mark>glacier</mark>");
  }

  @Test
  @Order(3)
  void a_body_without_matches_shows_its_opening() {
    // Matches the author only: the snippet is the body's first sentence, unmarked.
    JsonNode hit = server.searchFor("castellanos", "").json().get("hits").get(0);
    assertThat(hit.get("id").asText()).isEqualTo("a6");
    assertThat(hit.get("snippets").get(0).asText())
        .startsWith("Botanists found a rare orchid")
        .doesNotContain("<mark>");
  }

  @Test
  @Order(4)
  void accents_are_folded_in_queries_and_text() {
    assertThat(ids(server.searchFor("tubic", ""))).containsExactlyInAnyOrder("a1", "a2", "a5");
    assertThat(ids(server.searchFor("Müller", ""))).containsExactlyInAnyOrder("a2", "a3");
  }

  @Test
  @Order(5)
  void simple_syntax_handles_phrases_exclusions_or_and_prefixes() {
    assertThat(ids(server.searchFor("\"river cup\"", ""))).containsExactly("a4");
    assertThat(ids(server.searchFor("\"cup river\"", ""))).isEmpty();
    assertThat(ids(server.searchFor("harbour -island", ""))).containsExactly("a5");
    assertThat(ids(server.searchFor("orchid OR glacier", "")))
        .containsExactlyInAnyOrder("a3", "a6");
    assertThat(ids(server.searchFor("glac*", ""))).containsExactly("a3");
    assertThat(server.searchFor("\"unbalanced ( [ ~ -", "").status()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void facets_count_all_matches_not_only_the_page() {
    JsonNode facets = server.search("size=1").json().get("facets");
    assertThat(facets.get("author").get(0).get("value").asText()).isEqualTo("Ana Tubić");
    assertThat(facets.get("author").get(0).get("count").asInt()).isEqualTo(3);
    assertThat(facets.get("source").get(0).get("value").asText()).isEqualTo("Harbour Courier");
    assertThat(facets.get("source").get(0).get("count").asInt()).isEqualTo(3);
    assertThat(facets.get("category").toString()).contains("{\"value\":\"Politics\",\"count\":2}");
    // The year histogram: every year, in order.
    List<String> years = new ArrayList<>();
    facets.get("year").forEach(y -> years.add(y.get("value").asText()));
    assertThat(years).containsExactly("2013", "2014", "2016", "2021", "2022", "2023", "2024");
  }

  @Test
  @Order(7)
  void filters_combine_or_within_and_across_fields() {
    assertThat(ids(server.search("author=" + TestServer.enc("Ana Tubić"))))
        .containsExactlyInAnyOrder("a1", "a2", "a5");
    assertThat(
            ids(
                server.search(
                    "source="
                        + TestServer.enc("Valley Tribune")
                        + "&source="
                        + TestServer.enc("Coastline Weekly"))))
        .containsExactlyInAnyOrder("a4", "a7");
    assertThat(ids(server.search("author=" + TestServer.enc("Ana Tubić") + "&category=Politics")))
        .containsExactlyInAnyOrder("a1", "a5");
    Response filtered = server.searchFor("harbour", "category=Business");
    assertThat(filtered.json().get("total").asInt()).isZero();
  }

  @Test
  @Order(7)
  void a_filtered_field_keeps_its_other_values_in_the_facets_so_more_can_be_added() {
    JsonNode facets =
        server.search("source=" + TestServer.enc("Valley Tribune")).json().get("facets");
    // Sources are counted without the source filter (sideways), other fields with it.
    assertThat(facets.get("source").toString())
        .contains("Harbour Courier")
        .contains("Valley Tribune");
    assertThat(facets.get("author").toString())
        .contains("Liam O'Connor")
        .doesNotContain("Ana Tubić");
    JsonNode years =
        server.search("from=2020-01-01&to=2020-12-31").json().get("facets").get("year");
    assertThat(years.size()).isEqualTo(7); // every year stays on the histogram
  }

  @Test
  @Order(8)
  void date_filters_are_inclusive_of_whole_days() {
    assertThat(ids(server.search("from=2022-08-05&to=2023-02-01")))
        .containsExactlyInAnyOrder("a2", "a3");
    assertThat(ids(server.search("to=2013-12-31"))).containsExactly("a6");
    assertThat(ids(server.search("from=2024-01-01"))).containsExactly("a1");
  }

  @Test
  @Order(9)
  void empty_query_browses_newest_first_and_oldest_sorts_the_other_way() {
    assertThat(ids(server.search("size=3"))).containsExactly("a1", "a2", "a3");
    assertThat(ids(server.search("size=3&sort=oldest"))).containsExactly("a6", "a5", "a4");
    assertThat(ids(server.searchFor("harbour", "sort=newest"))).containsExactly("a1", "a5");
    JsonNode hit = server.search("size=1&sort=newest").json().get("hits").get(0);
    assertThat(hit.get("score").isNull()).isTrue();
  }

  @Test
  @Order(10)
  void pages_and_cursors_walk_every_hit_once() {
    List<String> byPages = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      byPages.addAll(ids(server.search("size=3&page=" + page)));
    }
    assertThat(byPages).hasSize(7).doesNotHaveDuplicates();

    List<String> byCursor = new ArrayList<>();
    Response r = server.search("size=2");
    int pages = 0;
    while (pages < 20) { // 7 hits by 2: a cursor that never ends fails here, not by hanging
      byCursor.addAll(ids(r));
      pages++;
      JsonNode next = r.json().get("next_cursor");
      if (next.isNull()) break;
      r = server.search("size=2&cursor=" + next.asText());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(byCursor).isEqualTo(byPages);
    assertThat(pages).isEqualTo(4);

    // Relevance order pages by cursor too.
    Response first = server.searchFor("the", "size=1");
    Set<String> seen = new HashSet<>(ids(first));
    Response second = server.searchFor("harbour OR ferry OR glacier", "size=1");
    String cursor = second.json().get("next_cursor").asText();
    Response after = server.searchFor("harbour OR ferry OR glacier", "size=10&cursor=" + cursor);
    assertThat(ids(after)).doesNotContainAnyElementsOf(ids(second));
    assertThat(ids(after).size() + 1).isEqualTo(second.json().get("total").asInt());
    assertThat(seen).isNotNull();
  }

  @Test
  @Order(11)
  void a_cursor_only_fits_its_own_sort() {
    String cursor = server.search("size=1").json().get("next_cursor").asText();
    Response r = server.search("size=1&sort=oldest&cursor=" + cursor);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_cursor");
  }

  @Test
  @Order(12)
  void get_returns_the_whole_article_and_404_for_unknown_ids() {
    Response r = server.get("/api/articles/a2");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("title").asText()).isEqualTo("Ferry fares to rise in spring");
    assertThat(r.json().get("author").toString()).isEqualTo("[\"Ana Tubić\",\"Jonas Müller\"]");
    assertThat(r.json().get("date").asText()).isEqualTo("2023-02-01");
    assertThat(r.json().get("body").asText()).startsWith("Ferry fares will rise");
    Response missing = server.get("/api/articles/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
  }

  @Test
  @Order(13)
  void reingesting_updates_instead_of_duplicating() {
    Response r =
        server.postJson(
            json(
                article(
                    "a4",
                    "Rowing club wins the river cup again",
                    "The rowing club won the river cup again, this time by a length.",
                    "source",
                    "Valley Tribune")));
    assertThat(r.json().get("items").get(0).get("status").asText()).isEqualTo("updated");
    assertThat(server.articleCount()).isEqualTo(7);
    assertThat(ids(server.searchFor("length", ""))).containsExactly("a4");
    // Same content without an id: a derived id, and the second time an update.
    String noId =
        json(article(null, "Untitled note", "A short note about tides.", "date", "2020-01-01"));
    Response once = server.postJson(noId);
    Response twice = server.postJson(noId);
    assertThat(once.json().get("items").get(0).get("status").asText()).isEqualTo("created");
    assertThat(twice.json().get("items").get(0).get("status").asText()).isEqualTo("updated");
    assertThat(twice.json().get("items").get(0).get("id").asText())
        .isEqualTo(once.json().get("items").get(0).get("id").asText());
    assertThat(server.articleCount()).isEqualTo(8);
  }

  @Test
  @Order(14)
  void delete_removes_an_article_from_search_at_once() {
    String id = server.searchFor("tides", "").json().get("hits").get(0).get("id").asText();
    Response r = server.delete("/api/articles/" + id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(server.searchFor("tides", "").json().get("total").asInt()).isZero();
    assertThat(server.get("/api/articles/" + id).status()).isEqualTo(404);
    assertThat(server.delete("/api/articles/" + id).status()).isEqualTo(404);
    assertThat(server.articleCount()).isEqualTo(7);
  }

  @Test
  @Order(15)
  void one_object_an_array_and_ndjson_are_all_accepted_and_answer_in_input_order() {
    Response array =
        server.postJson(
            "["
                + json(article("b1", "One", "First body."))
                + ","
                + json(article("b2", "Two", "Second body."))
                + "]");
    assertThat(array.json().get("indexed").asInt()).isEqualTo(2);
    assertThat(array.json().get("items").get(1).get("id").asText()).isEqualTo("b2");
    Response lines =
        server.post(
            "/api/articles",
            "application/x-ndjson",
            json(article("b3", "Three", "Third body."))
                + "\n{not json}\n\n"
                + json(article("b4", "Four", ""))
                + "\n"
                + json(article("b5", "Five", "Fifth body."))
                + " "
                + json(article("b6", "Six", "Sixth body."))
                + "\n");
    assertThat(lines.status()).isEqualTo(200);
    assertThat(lines.json().get("indexed").asInt()).isEqualTo(1);
    assertThat(lines.json().get("failed").asInt()).isEqualTo(3);
    JsonNode items = lines.json().get("items");
    assertThat(items.get(0).get("status").asText()).isEqualTo("created");
    assertThat(items.get(1).get("status").asText()).isEqualTo("error");
    assertThat(items.get(1).get("error").asText()).contains("invalid JSON");
    assertThat(items.get(2).get("error").asText()).contains("body is empty");
    assertThat(items.get(2).get("id").asText()).isEqualTo("b4");
    // Two articles on one line: the line is refused whole (the second was dropped unsaid).
    assertThat(items.get(3).get("error").asText()).contains("more JSON after the value");
    assertThat(server.get("/api/articles/b5").status()).isEqualTo(404);
  }

  @Test
  @Order(16)
  void stats_and_health_answer() {
    Response stats = server.get("/api/stats");
    assertThat(stats.json().get("articles").asInt()).isEqualTo(10);
    assertThat(stats.json().get("index_bytes").asLong()).isPositive();
    assertThat(stats.json().get("segments").asInt()).isPositive();
    assertThat(stats.json().get("schema_version").asInt())
        .isEqualTo(dev.byline.index.Schema.VERSION);
    assertThat(stats.json().get("last_commit").asText()).isNotBlank();
    assertThat(server.get("/health").json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void the_icon_is_served_where_browsers_look_for_it() {
    Response icon = server.get("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(icon.body()).startsWith("<svg");
    assertThat(server.get("/").body()).contains("rel=\"icon\"");
  }
}
