package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.index.ArticleIndex;
import dev.byline.story.SyndicationGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stories through the real server: on hits and articles, as a filter, across a reindex. */
class StoriesApiTest {
  @TempDir Path dir;

  @Test
  void hits_and_articles_show_their_story_which_filters_and_survives_a_reindex() throws Exception {
    long seed = 16;
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    Random random = new Random(seed);
    var topic = gen.topic(random);
    var wire = gen.story(topic, random);
    var other = gen.story(topic, random);
    var copy = gen.variant(wire, topic, "Harbour", random, 0.2);
    try (TestServer server = TestServer.start(dir)) {
      Response posted =
          server.post(
              "/api/articles",
              "application/x-ndjson",
              ndjson(
                  List.of(
                      article("wire-1", wire.title(), wire.body(), "source", "Meridian Wire"),
                      article("other-1", other.title(), other.body(), "source", "Meridian Wire"))));
      assertThat(posted.status()).as(posted.toString()).isBetween(200, 299);
      // A story given by a client is not taken: the index decides.
      assertThat(
              server
                  .postJson(
                      json(
                          article(
                              "copy-1",
                              copy.title(),
                              copy.body(),
                              "source",
                              "Harbour",
                              "story",
                              "mine")))
                  .status())
          .isBetween(200, 299);

      assertThat(server.get("/api/articles/copy-1").json().get("story").asText())
          .isEqualTo("wire-1");
      assertThat(server.get("/api/articles/other-1").json().get("story").asText())
          .isEqualTo("other-1");

      Response all = server.search("size=10");
      List<String> stories = new ArrayList<>();
      all.json()
          .get("hits")
          .forEach(
              h -> stories.add(h.get("id").asText() + "=" + h.get("story").get("id").asText()));
      assertThat(stories)
          .containsExactlyInAnyOrder("wire-1=wire-1", "copy-1=wire-1", "other-1=other-1");

      // The story view says how the copy differs: its headline, its length.
      JsonNode story = server.get("/api/stories/wire-1").json();
      assertThat(story.get("first").asText()).isEqualTo("wire-1");
      JsonNode copyView = story.get("copies").get(1);
      assertThat(copyView.get("id").asText()).isEqualTo("copy-1");
      assertThat(copyView.get("same_title").asBoolean())
          .isEqualTo(copy.title().equalsIgnoreCase(wire.title()));
      assertThat(copyView.get("words_difference").asInt())
          .isEqualTo(words(copy.body()) - words(wire.body()));

      Response filtered = server.search("story=wire-1&sort=oldest");
      assertThat(filtered.status()).as(filtered.toString()).isEqualTo(200);
      assertThat(filtered.json().get("total").asInt()).isEqualTo(2);
      assertThat(server.search("story=nope").json().get("total").asInt()).isZero();

      server
          .server
          .index()
          .reindexOnline(
              dir,
              1,
              new ArticleIndex.ReindexProgress() {
                @Override
                public void total(long articles) {}

                @Override
                public void copied(long articles) {}
              });
      assertThat(server.get("/api/articles/copy-1").json().get("story").asText())
          .isEqualTo("wire-1");
      assertThat(server.search("story=wire-1").json().get("total").asInt()).isEqualTo(2);
    }
  }

  private static int words(String body) {
    return body.strip().split("\\s+").length;
  }

  @Test
  void with_detection_off_each_article_is_a_story_of_its_own_named_after_it() throws Exception {
    SyndicationGenerator gen = new SyndicationGenerator(7);
    Random random = new Random(7);
    var topic = gen.topic(random);
    var wire = gen.story(topic, random);
    var config =
        dev.byline.config.ServerConfig.defaults(dir)
            .withPort(0)
            .withStories(dev.byline.config.StorySettings.OFF);
    try (TestServer server = TestServer.start(config)) {
      for (String id : List.of("a-1", "a-2")) { // exact copies: one story when detection is on
        assertThat(server.postJson(json(article(id, wire.title(), wire.body()))).status())
            .isBetween(200, 299);
      }
      assertThat(server.get("/api/articles/a-2").json().get("story").asText()).isEqualTo("a-2");
      Response filtered = server.search("story=a-2");
      assertThat(filtered.json().get("total").asInt()).as(filtered.toString()).isEqualTo(1);
      assertThat(filtered.json().get("hits").get(0).get("story").get("id").asText())
          .isEqualTo("a-2");
    }
  }
}
