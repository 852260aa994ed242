package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.story.SyndicationGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collapse=story through the real server: one hit per story, exact cursor paging, totals. */
class CollapseTest {
  @TempDir Path dir;

  @Test
  void a_collapsed_search_shows_each_story_once_with_its_size_and_sources() throws Exception {
    SyndicationGenerator gen = new SyndicationGenerator(3);
    Random random = new Random(3);
    var topic = gen.topic(random);
    var wire = gen.story(topic, random);
    var other = gen.story(topic, random);
    String word = topic.words().get(0);
    String wireBody = wire.body() + " " + word;
    try (TestServer server = TestServer.start(dir)) {
      // Exact copies score the same: the earliest (the original) is the one shown.
      post(
          server,
          List.of(
              article("w-late", wire.title(), wireBody, "source", "Beacon", "date", "2024-05-03"),
              article("w-first", wire.title(), wireBody, "source", "Wire", "date", "2024-05-01"),
              article("w-mid", wire.title(), wireBody, "source", "Anvil", "date", "2024-05-02"),
              article("solo", other.title(), other.body() + " " + word, "source", "Wire")));

      JsonNode plain = server.searchFor(word, "snippets=false").json();
      assertThat(plain.get("total").asInt()).isEqualTo(4);
      assertThat(plain.get("total_articles").isNull()).isTrue();
      assertThat(plain.get("hits").get(0).get("story").get("size").isNull()).isTrue();

      Response collapsed = server.searchFor(word, "collapse=story");
      assertThat(collapsed.status()).as(collapsed.toString()).isEqualTo(200);
      JsonNode json = collapsed.json();
      assertThat(json.get("total").asInt()).isEqualTo(2);
      assertThat(json.get("total_articles").asInt()).isEqualTo(4);
      Map<String, JsonNode> byStory = new HashMap<>();
      json.get("hits").forEach(h -> byStory.put(h.get("story").get("id").asText(), h));
      assertThat(byStory).containsOnlyKeys("w-late", "solo"); // named after the first written
      JsonNode wireHit = byStory.get("w-late");
      assertThat(wireHit.get("id").asText()).isEqualTo("w-first");
      assertThat(wireHit.get("story").get("size").asInt()).isEqualTo(3);
      assertThat(wireHit.get("story").get("sources").toString())
          .isEqualTo("[\"Anvil\",\"Beacon\",\"Wire\"]");
      assertThat(byStory.get("solo").get("story").get("size").asInt()).isEqualTo(1);
      // Facets count articles, every copy.
      assertThat(json.get("facets").get("source").toString())
          .contains("\"value\":\"Wire\",\"count\":2");

      // A story filter with collapse shows the story's head; without, every copy.
      assertThat(server.search("story=w-late&collapse=story").json().get("total").asInt())
          .isEqualTo(1);
      assertThat(server.search("story=w-late").json().get("total").asInt()).isEqualTo(3);

      // The story: every copy, earliest first, and what differs from the first publication.
      JsonNode story = server.get("/api/stories/w-late").json();
      assertThat(story.get("size").asInt()).isEqualTo(3);
      assertThat(story.get("first").asText()).isEqualTo("w-first");
      List<String> order = new ArrayList<>();
      story.get("copies").forEach(c -> order.add(c.get("id").asText()));
      assertThat(order).containsExactly("w-first", "w-mid", "w-late");
      assertThat(story.get("copies").get(0).get("first").asBoolean()).isTrue();
      assertThat(story.get("copies").get(2).get("same_title").asBoolean()).isTrue();
      assertThat(story.get("copies").get(2).get("words_difference").asInt()).isZero();
      assertThat(story.get("copies").get(1).get("source").asText()).isEqualTo("Anvil");
      assertThat(server.get("/api/stories/nope").status()).isEqualTo(404);
      // An article without a story of its own kind is its own story.
      assertThat(server.get("/api/stories/solo").json().get("size").asInt()).isEqualTo(1);

      Response bad = server.search("collapse=source");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("collapse").contains("none, story");

      // A collapsed search's cursor does not continue an uncollapsed one.
      String cursor =
          server.searchFor(word, "collapse=story&size=1").json().get("next_cursor").asText();
      Response mixed = server.searchFor(word, "size=1&cursor=" + cursor);
      assertThat(mixed.status()).isEqualTo(400);
      assertThat(mixed.body()).contains("invalid_cursor");
    }
  }

  @Test
  void cursor_pages_of_a_collapsed_search_show_every_story_once_in_the_uncollapsed_order()
      throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("CollapseTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    List<SyndicationGenerator.Topic> topics = new ArrayList<>();
    for (int t = 0; t < 3; t++) topics.add(gen.topic(random));
    List<ObjectNode> articles = new ArrayList<>();
    String[] sources = {"Wire", "Beacon", "Anvil", "Courier"};
    for (int s = 0; s < 40; s++) {
      var topic = topics.get(random.nextInt(topics.size()));
      var story = gen.story(topic, random);
      int copies = random.nextInt(5);
      for (int c = 0; c <= copies; c++) {
        String title = story.title();
        String body = story.body();
        if (c > 0) {
          var variant =
              random.nextBoolean()
                  ? new SyndicationGenerator.Variant(title, body, 1, List.of()) // exact copy
                  : gen.variant(story, topic, sources[c % sources.length], random, 0.2);
          title = variant.title();
          body = variant.body();
        }
        ObjectNode a = article("s" + s + "-" + c, title, body);
        if (random.nextInt(5) > 0) {
          a.put(
              "date",
              String.format("2024-%02d-%02d", 1 + random.nextInt(3), 1 + random.nextInt(5)));
        }
        a.put("source", sources[random.nextInt(sources.length)]);
        articles.add(a);
      }
    }
    java.util.Collections.shuffle(articles, random);
    try (TestServer server = TestServer.start(dir)) {
      post(server, articles);
      List<String> searches = new ArrayList<>();
      searches.add("sort=newest");
      searches.add("sort=oldest");
      for (int i = 0; i < 4; i++) {
        var topic = topics.get(random.nextInt(topics.size()));
        String words =
            topic.words().get(random.nextInt(topic.words().size()))
                + (random.nextBoolean() ? " " + topic.words().get(0) : "");
        String sort = random.nextInt(3) == 0 ? "&sort=oldest" : "";
        searches.add("q=" + TestServer.enc(words) + sort);
      }
      for (String search : searches) {
        // The uncollapsed list: every article, in order.
        List<JsonNode> all = pages(server, search + "&snippets=false&facets=false", 100);
        Map<String, Integer> position = new HashMap<>();
        Map<String, Integer> perStory = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
          position.put(all.get(i).get("id").asText(), i);
          perStory.merge(all.get(i).get("story").get("id").asText(), 1, Integer::sum);
        }
        int size = 1 + random.nextInt(7);
        List<JsonNode> collapsed =
            pages(
                server,
                search + "&collapse=story&snippets=false&facets=" + random.nextBoolean(),
                size);
        Set<String> seen = new HashSet<>();
        int last = -1;
        for (JsonNode hit : collapsed) {
          String story = hit.get("story").get("id").asText();
          String context = search + " page size " + size + " seed " + seed + ": " + hit;
          assertThat(seen.add(story)).as("story twice, " + context).isTrue();
          assertThat(hit.get("story").get("size").asInt())
              .as(context)
              .isEqualTo(perStory.get(story));
          int at = position.get(hit.get("id").asText());
          assertThat(at).as("out of order, " + context).isGreaterThan(last);
          last = at;
        }
        assertThat(seen).as(search + " seed " + seed).isEqualTo(perStory.keySet());
        if (search.equals("sort=newest")) { // every article: the copies did join stories
          assertThat(perStory.values()).as("seed " + seed).anyMatch(n -> n > 1);
        }
        JsonNode first =
            server.search(search + "&collapse=story&snippets=false&size=" + size).json();
        assertThat(first.get("total").asInt()).isEqualTo(perStory.size());
        assertThat(first.get("total_articles").asInt()).isEqualTo(all.size());
      }
    }
  }

  private static void post(TestServer server, List<ObjectNode> articles) {
    Response r = server.post("/api/articles", "application/x-ndjson", ndjson(articles));
    assertThat(r.status()).as(r.toString()).isBetween(200, 299);
  }

  /** Every hit of a search, following next_cursor from the first page. */
  private static List<JsonNode> pages(TestServer server, String search, int size) {
    List<JsonNode> hits = new ArrayList<>();
    String cursor = null;
    for (int guard = 0; guard < 10_000; guard++) {
      Response r =
          server.search(search + "&size=" + size + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      r.json().get("hits").forEach(hits::add);
      JsonNode next = r.json().get("next_cursor");
      if (next == null || next.isNull()) return hits;
      cursor = next.asText();
    }
    throw new AssertionError("no last page");
  }
}
