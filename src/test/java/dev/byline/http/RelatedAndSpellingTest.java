package dev.byline.http;

import static dev.byline.Fixtures.archive;
import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Related articles and "did you mean" through the API. */
class RelatedAndSpellingTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    List<Object> articles = new ArrayList<>(archive());
    articles.add(
        article(
            "g2",
            "Glacier meltwater feeds the river turbines",
            "The glacier above the valley melts faster each summer, and its meltwater turns the river turbines of the town.",
            "date",
            "2023-08-01"));
    articles.add(
        article(
            "g3",
            "Glacier loses a third of its ice",
            "A copy of the glacier story under the same title, syndicated by another paper about the ice and meltwater.",
            "source",
            "Other Paper"));
    server.post("/api/articles", "application/x-ndjson", ndjson(articles));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static List<String> ids(JsonNode hits) {
    List<String> ids = new ArrayList<>();
    hits.forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void related_articles_exclude_the_article_and_its_same_title_copies() {
    Response r = server.get("/api/articles/a3/related?size=5");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> related = ids(r.json().get("hits"));
    assertThat(related).isNotEmpty().doesNotContain("a3", "g3");
    assertThat(related.get(0)).isEqualTo("g2");
    assertThat(server.get("/api/articles/nope/related").status()).isEqualTo(404);
    assertThat(server.get("/api/articles/a3/related?size=0").status()).isEqualTo(400);
    assertThat(server.get("/api/articles/a3/related?size=x").status()).isEqualTo(400);
  }

  @Test
  void a_misspelled_query_gets_a_suggestion_that_finds_more() {
    Response r = server.searchFor("glaicer", "autocorrect=false");
    assertThat(r.json().get("total").asInt()).isZero();
    assertThat(r.json().get("suggestion").asText()).isEqualTo("glacier");
    assertThat(r.json().get("showing_results_for").isNull()).isTrue();
    Response multi = server.searchFor("rowing clbu", "autocorrect=false");
    assertThat(multi.json().get("suggestion").asText()).isEqualTo("rowing club");
  }

  @Test
  void a_query_finding_nothing_shows_the_results_of_its_respelling_and_pages_on_with_it() {
    Response r = server.searchFor("glaicer", "size=1");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode json = r.json();
    assertThat(json.get("showing_results_for").asText()).isEqualTo("glacier");
    assertThat(json.get("suggestion").isNull()).as("offered already").isTrue();
    assertThat(json.get("relaxed").asBoolean()).isFalse();
    long total = json.get("total").asLong();
    assertThat(total).isEqualTo(server.searchFor("glacier", "").json().get("total").asLong());
    assertThat(json.get("hits").get(0).get("title_html").asText()).contains("<mark>Glacier</mark>");
    // The cursor continues the respelling, sent as the query.
    String cursor = json.get("next_cursor").asText();
    Response next = server.searchFor("glacier", "size=1&cursor=" + TestServer.enc(cursor));
    assertThat(next.status()).as(next.toString()).isEqualTo(200);
    assertThat(ids(next.json().get("hits"))).doesNotContainAnyElementsOf(ids(json.get("hits")));
    // Some words right and one wrong: all of them respelled beat some of them as typed.
    Response some = server.searchFor("glacier meltwatr", "");
    assertThat(some.json().get("showing_results_for").asText()).isEqualTo("glacier meltwater");
    assertThat(some.json().get("relaxed").asBoolean()).isFalse();
    assertThat(ids(some.json().get("hits"))).contains("g2");
    // Only the simple syntax, and not when the reader asked for the words as typed.
    assertThat(server.searchFor("glaicer", "syntax=lucene").json().get("total").asInt()).isZero();
    Response exact = server.searchFor("glaicer", "autocorrect=false");
    assertThat(exact.json().get("showing_results_for").isNull()).isTrue();
    assertThat(server.searchFor("glaicer", "autocorrect=maybe").status()).isEqualTo(400);
    // A query that finds something as typed is left alone.
    assertThat(server.searchFor("glacier", "").json().get("showing_results_for").isNull()).isTrue();
  }

  @Test
  void a_last_word_being_typed_is_read_as_a_prefix_when_the_words_find_nothing() {
    // The page searches as you type: "meltwa" found nothing until the word was finished.
    Response r = server.searchFor("meltwa", "");
    assertThat(r.json().get("showing_results_for").asText()).as(r.toString()).isEqualTo("meltwa*");
    assertThat(ids(r.json().get("hits"))).contains("g2", "g3");
    Response two = server.searchFor("glacier meltwa", "");
    assertThat(two.json().get("showing_results_for").asText()).isEqualTo("glacier meltwa*");
    assertThat(two.json().get("relaxed").asBoolean()).isFalse();
    // Not a marked word, not two letters, not with autocorrect=false.
    assertThat(server.searchFor("meltwa", "autocorrect=false").json().get("total").asInt())
        .isZero();
    assertThat(server.searchFor("-meltwa", "").json().get("showing_results_for").isNull()).isTrue();
    assertThat(server.searchFor("zq", "").json().get("showing_results_for").isNull()).isTrue();
    assertThat(server.searchFor("xyzzyq", "").json().get("total").asInt()).isZero();
  }

  @Test
  void a_well_spelled_query_gets_no_suggestion() {
    Response r = server.searchFor("glacier", "");
    assertThat(r.json().get("total").asInt()).isPositive();
    assertThat(r.json().get("suggestion").isNull()).isTrue();
    assertThat(server.search("").json().get("suggestion").isNull()).isTrue();
    assertThat(server.searchFor("title:glaicer", "syntax=lucene").json().get("suggestion").isNull())
        .isTrue();
  }

  @Test
  void a_date_phrase_in_the_query_becomes_a_filter_and_is_reported() {
    Response r = server.searchFor("harbour since 2020", "");
    assertThat(ids(r.json().get("hits"))).containsExactly("a1");
    JsonNode understood = r.json().get("understood");
    assertThat(understood.get("text").asText()).isEqualTo("since 2020");
    assertThat(understood.get("from").asText()).isEqualTo("2020-01-01");
    assertThat(understood.get("to").isNull()).isTrue();
    // Explicit from/to, and the Lucene syntax, leave the words alone.
    Response explicit = server.searchFor("harbour since 2020", "from=2010-01-01");
    assertThat(explicit.json().get("understood").isNull()).isTrue();
    Response lucene = server.searchFor("harbour", "syntax=lucene");
    assertThat(lucene.json().get("understood").isNull()).isTrue();
    Response only = server.searchFor("before 2015", "");
    assertThat(ids(only.json().get("hits"))).containsExactly("a5", "a6");
  }

  @Test
  void recency_blends_freshness_into_relevance_only_when_asked() {
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    server.post(
        "/api/articles",
        "application/x-ndjson",
        ndjson(
            List.of(
                article(
                    "r1-old",
                    "Lantern festival lights the quay",
                    "The lantern festival lit the quay. The lantern festival is the oldest.",
                    "date",
                    "2016-05-01"),
                article(
                    "r2-new",
                    "Lantern festival lights the quay",
                    "The lantern festival lit the quay.",
                    "date",
                    today))));
    // The old one is a little more relevant; with recency the fresh one wins.
    assertThat(ids(server.searchFor("lantern festival", "").json().get("hits")))
        .containsExactly("r1-old", "r2-new");
    assertThat(ids(server.searchFor("lantern festival", "recency=30d").json().get("hits")))
        .containsExactly("r2-new", "r1-old");
    assertThat(server.searchFor("lantern", "recency=soon").status()).isEqualTo(400);
    assertThat(server.searchFor("lantern", "recency=0d").status()).isEqualTo(400);
  }

  private static List<String> suggestions(String typed) {
    Response r = server.get("/api/suggest?q=" + TestServer.enc(typed));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json()
        .get("suggestions")
        .forEach(
            s ->
                out.add(
                    s.get("kind").asText()
                        + ":"
                        + s.get("value").asText()
                        + (s.has("id") && !s.get("id").isNull()
                            ? "#" + s.get("id").asText()
                            : "")));
    return out;
  }

  @Test
  void suggest_completes_titles_and_names_infix_and_accent_insensitive() {
    assertThat(suggestions("tub")).contains("author:Ana Tubić");
    assertThat(suggestions("mull")).contains("author:Jonas Müller");
    assertThat(suggestions("glac"))
        .contains("title:Glacier loses a third of its ice#a3")
        .as("a title shared by copies is suggested once")
        .doesNotContain("title:Glacier loses a third of its ice#g3");
    assertThat(suggestions("a glacier mel"))
        .as("a stop word need not be in the title")
        .contains("title:Glacier meltwater feeds the river turbines#g2");
    assertThat(suggestions("meltwater turb"))
        .containsExactly("title:Glacier meltwater feeds the river turbines#g2");
    assertThat(suggestions("courier")).contains("source:Harbour Courier");
    assertThat(suggestions("polit")).contains("category:Politics");
    assertThat(suggestions("")).isEmpty();
    assertThat(suggestions("zzzz")).isEmpty();
    assertThat(server.get("/api/suggest?q=a&size=0").status()).isEqualTo(400);
    // found by HostileRequestsTest (seed 7550436318389): a name filling size=1 left no room for
    // titles
    Response one = server.get("/api/suggest?q=tub&size=1");
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().get("suggestions")).hasSize(1);
    assertThat(server.get("/api/suggest?q=" + "a".repeat(300)).status()).isEqualTo(400);
  }
}
