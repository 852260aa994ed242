package dev.byline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.article.Article;
import dev.byline.article.PublicationDate;
import dev.byline.config.DataDir;
import dev.byline.config.StorySettings;
import dev.byline.index.ArticleIndex;
import dev.byline.story.SyndicationGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code byline stories} on an index written with detection off (no article has a story): offline
 * it gives every article its story, the copies of each generated story the original's, and the
 * ids the copies showed as (their own) resolve to it; a reindex keeps both; through a running
 * server it does the same and changes nothing more.
 */
class StoriesCommandTest {
  @TempDir Path dir;

  @Test
  void stories_groups_an_index_offline_and_through_a_server() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "StoriesCommandTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    Path data = dir.resolve("data");
    Map<String, String> originalOf = new HashMap<>();
    List<Article> articles = new ArrayList<>();
    var topic = gen.topic(random);
    for (int g = 0; g < 5; g++) {
      var story = gen.story(topic, random);
      for (int c = 0; c <= 1 + random.nextInt(3); c++) {
        String id = "s" + g + "-" + c;
        String title = story.title();
        String body = story.body();
        if (c > 0) {
          var variant = gen.variant(story, topic, "Source " + c, random, 0.2);
          title = variant.title();
          body = variant.body();
        }
        articles.add(
            new Article(
                id,
                null,
                title,
                body,
                List.of(),
                PublicationDate.ofDay(LocalDate.of(2024, 3, 1 + c)),
                "Source " + c,
                List.of(),
                null));
        originalOf.put(id, "s" + g + "-0");
      }
    }
    try (ArticleIndex index = ArticleIndex.open(DataDir.of(data).liveIndex(), StorySettings.OFF)) {
      index.write(articles);
    }

    CliTest.Run run = CliTest.run("stories", "--data", data.toString());
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("stories at threshold 0.5").contains("5 after");
    // Not a terminal: a line per step.
    assertThat(run.err())
        .contains("reading articles")
        .contains("comparing candidate pairs")
        .contains("moving articles")
        .doesNotContain("\r");
    check(data, originalOf, seed);

    CliTest.Run reindex = CliTest.run("reindex", "--data", data.toString());
    assertThat(reindex.status()).as(reindex.toString()).isZero();
    check(data, originalOf, seed);

    try (TestServer server = TestServer.start(data)) {
      CliTest.Run through =
          CliTest.run("stories", "--data", data.toString(), "--story-threshold", "0.6");
      assertThat(through.status()).as(through.toString()).isZero();
      assertThat(through.out())
          .contains("threshold 0.6 (through the server)")
          .contains("0 merged")
          .contains("0 articles moved");
      for (Map.Entry<String, String> e : originalOf.entrySet()) {
        var story = server.get("/api/stories/" + e.getKey()).json();
        assertThat(story.get("id").asText()).as("seed " + seed).isEqualTo(e.getValue());
      }
    }
    CliTest.Run bad = CliTest.run("stories", "--data", data.toString(), "--story-threshold", "0");
    assertThat(bad.status()).isNotZero();
  }

  private static void check(Path data, Map<String, String> originalOf, long seed) throws Exception {
    try (ArticleIndex index = ArticleIndex.openReadOnly(DataDir.of(data).liveIndex())) {
      for (Map.Entry<String, String> e : originalOf.entrySet()) {
        String context = "seed " + seed + " article " + e.getKey();
        assertThat(index.get(e.getKey()).orElseThrow().story()).as(context).isEqualTo(e.getValue());
        // Before, the copy showed as a story of its own, under its id: that id still resolves.
        assertThat(index.resolveStory(e.getKey())).as(context).isEqualTo(e.getValue());
      }
    }
  }
}
