package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.ServerConfig;
import dev.byline.config.StorySettings;
import dev.byline.story.SyndicationGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/stories/recluster} (what {@code bin/byline stories} asks a running server): on
 * an archive indexed with a threshold of 1 (only exact copies and pure additions join), a
 * reclustering at the default threshold merges each syndicated story's copies into the story of
 * its original; the merged ids become aliases that {@code GET /api/stories/{id}} and the {@code
 * story} filter still resolve, after a restart, a snapshot's restore and a reindex too;
 * different stories on one topic stay apart; a second run changes nothing.
 */
class StoryReclusterTest {
  @TempDir Path dir;
  @TempDir Path other;

  @Test
  void merged_stories_keep_resolving_under_their_old_ids() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "StoryReclusterTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    String[] sources = {"Wire", "Beacon", "Anvil", "Courier"};
    List<ObjectNode> articles = new ArrayList<>();
    Map<String, Integer> groupOf = new HashMap<>();
    Map<Integer, String> original = new HashMap<>();
    var topic = gen.topic(random); // every story on one topic, with the same names
    for (int g = 0; g < 6; g++) {
      var story = gen.story(topic, random);
      int copies = 1 + random.nextInt(3);
      for (int c = 0; c <= copies; c++) {
        String id = "s" + g + "-" + c;
        String title = story.title();
        String body = story.body();
        if (c > 0) {
          var variant = gen.variant(story, topic, sources[c % sources.length], random, 0.2);
          title = variant.title();
          body = variant.body();
        } else {
          original.put(g, id);
        }
        ObjectNode a = article(id, title, body, "source", sources[c % sources.length]);
        a.put("date", String.format("2024-03-%02d", 1 + c)); // the original first
        articles.add(a);
        groupOf.put(id, g);
      }
    }
    ServerConfig config =
        ServerConfig.defaults(dir).withPort(0).withStories(new StorySettings(true, 1.0));
    Map<String, String> before = new HashMap<>();
    try (TestServer server = TestServer.start(config)) {
      Response posted = server.post("/api/articles", "application/x-ndjson", ndjson(articles));
      assertThat(posted.status()).as(posted.toString()).isBetween(200, 299);
      for (String id : groupOf.keySet()) before.put(id, storyOf(server, id));
      assertThat(Set.copyOf(before.values()).size())
          .as("seed " + seed + ": threshold 1 keeps trimmed copies apart")
          .isGreaterThan(6);

      assertThat(server.post("/api/stories/recluster?threshold=2", "text/plain", "").status())
          .isEqualTo(400);
      // A decimal as written, not whatever Java's parser takes (an outside fault hunt).
      for (String odd : new String[] {"0x1p-3", "0.5d", "5e-1", "NaN", "%2B0.5"}) {
        assertThat(
                server.post("/api/stories/recluster?threshold=" + odd, "text/plain", "").status())
            .as(odd)
            .isEqualTo(400);
      }
      JsonNode task = recluster(server, "?threshold=0.5");
      assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("succeeded");
      assertThat(task.get("stories_after").asInt()).as("seed " + seed).isEqualTo(6);
      assertThat(task.get("merged").asInt()).isEqualTo(Set.copyOf(before.values()).size() - 6);

      checkMerged(server, groupOf, original, before, seed);
      checkStoryFacet(server, groupOf, original, before);

      JsonNode again = recluster(server, "");
      assertThat(again.get("threshold").asDouble()).isEqualTo(1.0); // the server's own
      assertThat(again.get("moved").asInt()).isZero();
      assertThat(again.get("merged").asInt()).isZero();
    }
    // A snapshot holds the aliases (they are in its commit's data), and so does its restore.
    var snapshot =
        dev.byline.cli.CliTestAccess.run(
            "snapshot", other.resolve("snap").toString(), "--data", dir.toString());
    assertThat(snapshot.status()).as(snapshot.toString()).isZero();
    var restore =
        dev.byline.cli.CliTestAccess.run(
            "restore",
            other.resolve("snap").toString(),
            "--data",
            other.resolve("restored").toString());
    assertThat(restore.status()).as(restore.toString()).isZero();
    try (TestServer server =
        TestServer.start(
            ServerConfig.defaults(other.resolve("restored"))
                .withPort(0)
                .withStories(new StorySettings(true, 1.0)))) {
      checkMerged(server, groupOf, original, before, seed);
    }
    try (TestServer server = TestServer.start(config)) { // the aliases were committed
      checkMerged(server, groupOf, original, before, seed);
      Response started = server.post("/api/reindex", "text/plain", "");
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      JsonNode reindex = follow(server, started.json().get("id").asText());
      assertThat(reindex.get("state").asText()).as(reindex.toString()).isEqualTo("succeeded");
      checkMerged(server, groupOf, original, before, seed);
    }
    try (TestServer server = TestServer.start(config)) { // the reindexed generation, reopened
      checkMerged(server, groupOf, original, before, seed);
    }
  }

  private static void checkMerged(
      TestServer server,
      Map<String, Integer> groupOf,
      Map<Integer, String> original,
      Map<String, String> before,
      long seed) {
    Set<String> survivors = new HashSet<>();
    for (Map.Entry<String, Integer> e : groupOf.entrySet()) {
      String id = e.getKey();
      String survivor = before.get(original.get(e.getValue()));
      String context = "seed " + seed + " article " + id;
      assertThat(storyOf(server, id)).as(context).isEqualTo(survivor);
      survivors.add(survivor);
      String old = before.get(id);
      long size = groupOf.values().stream().filter(g -> g.equals(e.getValue())).count();
      JsonNode story = server.get("/api/stories/" + TestServer.enc(old)).json();
      assertThat(story.get("id").asText()).as(context).isEqualTo(survivor);
      assertThat(story.get("size").asLong()).as(context).isEqualTo(size);
      if (old.equals(survivor)) {
        assertThat(story.get("resolved_from").isNull()).as(context).isTrue();
      } else {
        assertThat(story.get("resolved_from").asText()).as(context).isEqualTo(old);
      }
      JsonNode filtered = server.search("story=" + TestServer.enc(old) + "&snippets=false").json();
      assertThat(filtered.get("total").asLong()).as(context).isEqualTo(size);
    }
    assertThat(survivors).as("seed " + seed + ": same-topic stories stay apart").hasSize(6);
  }

  /**
   * {@code facets=story} counts each story's matching articles (only the fields named are
   * counted); filtered by a story (an alias here), the story facet is counted sideways, so the
   * other stories stay visible.
   */
  private static void checkStoryFacet(
      TestServer server,
      Map<String, Integer> groupOf,
      Map<Integer, String> original,
      Map<String, String> before) {
    Map<String, Long> expected = new HashMap<>();
    groupOf.forEach((id, g) -> expected.merge(before.get(original.get(g)), 1L, Long::sum));
    JsonNode facets = server.search("facets=story&snippets=false").json().get("facets");
    assertThat(facets.size()).isEqualTo(1);
    Map<String, Long> counted = new HashMap<>();
    facets.get("story").forEach(v -> counted.put(v.get("value").asText(), v.get("count").asLong()));
    assertThat(counted).isEqualTo(expected);

    String alias = null;
    for (String id : groupOf.keySet()) {
      if (!before.get(id).equals(storyOf(server, id))) alias = before.get(id);
    }
    assertThat(alias).as("some story was merged").isNotNull();
    JsonNode filtered =
        server.search("story=" + TestServer.enc(alias) + "&facets=story,source").json();
    assertThat(filtered.get("facets").has("source")).isTrue();
    assertThat(filtered.get("facets").has("author")).isFalse();
    assertThat(filtered.get("facets").get("story").size()).isEqualTo(expected.size());

    Response bad = server.search("facets=story,nope");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("facets").contains("story");
  }

  private static String storyOf(TestServer server, String id) {
    Response r = server.get("/api/articles/" + id);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("story").asText();
  }

  private static JsonNode recluster(TestServer server, String query) throws Exception {
    Response started = server.post("/api/stories/recluster" + query, "text/plain", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    return follow(server, started.json().get("id").asText());
  }

  private static JsonNode follow(TestServer server, String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode task = server.get("/api/tasks/" + id).json();
      if (!task.get("state").asText().equals("running")) return task;
      Thread.sleep(100);
    }
    throw new AssertionError("task " + id + " did not end in 60 s");
  }
}
