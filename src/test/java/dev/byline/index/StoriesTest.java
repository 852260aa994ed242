package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import dev.byline.story.SyndicationGenerator;
import dev.byline.story.SyndicationGenerator.Story;
import dev.byline.story.SyndicationGenerator.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Story ids as the index gives them (issue 16): joins, new stories, stability. */
class StoriesTest {
  @TempDir Path dir;

  private static final long SEED = Long.getLong("stories.seed", System.nanoTime());
  private final SyndicationGenerator gen = new SyndicationGenerator(SEED);
  private final Random random = new Random(SEED);

  {
    System.out.println("StoriesTest seed: " + SEED + " (-Dstories.seed=" + SEED + " repeats it)");
  }

  private static Article article(String id, String title, String body) {
    return new Article(id, null, title, body, List.of(), null, null, List.of(), "en");
  }

  private static String story(ArticleIndex index, String id) throws Exception {
    return index.get(id).orElseThrow().story();
  }

  @Test
  void an_article_given_its_vector_is_still_found_by_later_copies_of_its_story() throws Exception {
    // The pipeline replaces the document to add the vector; the story keys must be written again.
    Topic topic = gen.topic(random);
    Story first = gen.story(topic, random);
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      EmbeddingPipelineTest.HeldEmbedder model = new EmbeddingPipelineTest.HeldEmbedder();
      model.go.countDown(); // not held: vectors at once
      index.embedWith(model);
      index.write(List.of(article("a", first.title(), first.body())));
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (index.embeddingStatus().backlog() != 0) {
        assertThat(System.nanoTime()).as("never embedded").isLessThan(until);
        Thread.sleep(20);
      }
      // A write waits for a refresh that shows it, so the rewritten document is what is searched.
      index.write(List.of(article("unrelated", "Other", "Nothing alike at all here.")));
      var variant = gen.variant(first, topic, "Coast", random, 0.4);
      index.write(List.of(article("a-copy", variant.title(), variant.body())));
      assertThat(story(index, "a-copy")).as("seed %d", SEED).isEqualTo("a");
    }
  }

  @Test
  void articles_crowding_the_same_keys_still_join_their_story() throws Exception {
    // Three times more articles share the template's keys than a lookup reads per key.
    String template =
        "Shares of the company closed at %d cents on the exchange today, after trading in a"
            + " narrow range for most of the session, the exchange said in its daily report.";
    int n = Stories.POSTINGS_PER_KEY * 3;
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      List<Article> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(article("t" + i, "Close " + i, String.format(template, i)));
        if (batch.size() == 64 || i == n - 1) {
          index.write(batch);
          batch = new ArrayList<>();
        }
      }
      index.write(
          List.of(
              article("late", "Close late", String.format(template, n + 7)),
              article(
                  "exact",
                  "Close again",
                  String.format(template, n - 1).toUpperCase(java.util.Locale.ROOT))));
      Set<String> stories = new HashSet<>();
      for (int i = 0; i < n; i++) stories.add(story(index, "t" + i));
      // One story; which of the first batch's articles names it is not promised: a batch of 64 is
      // written on both cores, and either side's first placement may come first.
      assertThat(stories).hasSize(1);
      String story = stories.iterator().next();
      assertThat(story).matches("t\\d+");
      assertThat(story(index, "late")).isEqualTo(story);
      assertThat(story(index, "exact")).isEqualTo(story);
    }
  }

  @Test
  void a_body_too_short_to_compare_joins_only_an_exact_copy() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(
          List.of(
              article("p1", "Bulk 1", "A platypus numbered 1"),
              article("p2", "Bulk 2", "A platypus numbered 2"),
              article("p1-copy", "Bulk again", "a platypus, numbered 1.")));
      assertThat(story(index, "p2")).isEqualTo("p2");
      assertThat(story(index, "p1-copy")).isEqualTo("p1");
    }
  }

  @Test
  void variants_join_the_story_same_topic_stories_and_updates_do_not_move() throws Exception {
    Topic topic = gen.topic(random);
    Story first = gen.story(topic, random);
    Story other = gen.story(topic, random); // same topic, same names: a different story
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(article("a", first.title(), first.body())));
      assertThat(story(index, "a")).isEqualTo("a");

      var variant = gen.variant(first, topic, "Coast", random, 0.4);
      index.write(List.of(article("a-copy", variant.title(), variant.body())));
      assertThat(story(index, "a-copy"))
          .as("variant %s, kept %.2f", variant.edits(), variant.kept())
          .isEqualTo("a");

      index.write(
          List.of(
              article(
                  "exact", "Another headline", first.body().toUpperCase(java.util.Locale.ROOT))));
      assertThat(story(index, "exact")).isEqualTo("a");

      index.write(List.of(article("b", other.title(), other.body())));
      assertThat(story(index, "b")).isEqualTo("b");

      // An update keeps its story, even when its text now reads like another story's.
      index.write(List.of(article("a-copy", "Rewritten", other.body())));
      assertThat(story(index, "a-copy")).isEqualTo("a");

      // Deleting the article that started the story leaves the story to the others...
      index.delete("a");
      var late = gen.variant(first, topic, "Union", random, 0.2);
      index.write(List.of(article("late", late.title(), late.body())));
      assertThat(story(index, "exact")).isEqualTo("a");
      assertThat(story(index, "late")).isEqualTo("a");

      // ...and a new article reusing the deleted id starts a story of another name.
      Story third = gen.story(gen.topic(random), random);
      index.write(List.of(article("a", third.title(), third.body())));
      assertThat(story(index, "a")).isEqualTo("a~2");
    }
  }

  @Test
  void copies_in_one_batch_or_before_a_refresh_join_each_other() throws Exception {
    Topic topic = gen.topic(random);
    Story s = gen.story(topic, random);
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(
          List.of(
              article("one", s.title(), s.body()),
              article("two", "Copy", s.body()),
              article("three", "Variant", gen.variant(s, topic, "Capital", random, 0.2).body())));
      assertThat(story(index, "two")).isEqualTo("one");
      assertThat(story(index, "three")).isEqualTo("one");
    }
  }

  /**
   * Writers place one at a time but update in parallel: copies of a story written at once by
   * several threads, across refreshes, still all find each other (one story each), and stories
   * of one topic stay apart.
   */
  @Test
  void copies_written_at_once_by_several_threads_join_one_story() throws Exception {
    Topic topic = gen.topic(random);
    List<Story> stories = new ArrayList<>();
    for (int i = 0; i < 4; i++) stories.add(gen.story(topic, random));
    List<Article> copies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 10; c++) {
        String body =
            c % 2 == 0
                ? stories.get(i).body()
                : gen.variant(stories.get(i), topic, "Harbour", random, 0.1).body();
        copies.add(article("s" + i + "c" + c, "Copy " + c, body));
      }
    }
    java.util.Collections.shuffle(copies, random);
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      java.util.concurrent.ExecutorService writers =
          java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Article a : copies) done.add(writers.submit(() -> index.write(List.of(a))));
        for (var f : done) f.get();
      } finally {
        writers.shutdown();
      }
      for (int i = 0; i < 4; i++) {
        Set<String> got = new HashSet<>();
        for (int c = 0; c < 10; c++) got.add(story(index, "s" + i + "c" + c));
        assertThat(got).as("seed %d, story %d", SEED, i).hasSize(1);
      }
      Set<String> all = new HashSet<>();
      for (Article a : copies) all.add(story(index, a.id()));
      assertThat(all).as("seed %d", SEED).hasSize(4);
    }
  }

  @Test
  void randomized_variants_join_and_other_stories_of_the_topic_stay_apart() throws Exception {
    List<String> failures = new ArrayList<>();
    List<String> unfound = new ArrayList<>();
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int t = 0; t < 8; t++) {
        Topic topic = gen.topic(random);
        for (int s = 0; s < 3; s++) {
          Story story = gen.story(topic, random);
          String id = "t" + t + "s" + s;
          index.write(List.of(article(id, story.title(), story.body())));
          if (!story(index, id).equals(id)) failures.add(id + " joined " + story(index, id));
          for (int v = 0; v < 3; v++) {
            var variant = gen.variant(story, topic, "Valley", random, 0.3);
            if (variant.kept() < 0.6) continue;
            index.write(List.of(article(id + "v" + v, variant.title(), variant.body())));
            String got = story(index, id + "v" + v);
            if (got.equals(id)) continue;
            if (sharesBandKey(story.body(), variant.body())) {
              failures.add(id + "v" + v + " " + variant.edits() + " got " + got);
            } else {
              // The documented miss of the LSH lookup: no band key in common, which happens with
              // probability (1 - j^ROWS)^BANDS (1.3% at Jaccard 0.43, seed 15417426092694).
              unfound.add(id + "v" + v + " " + variant.edits());
            }
          }
        }
      }
    }
    assertThat(failures).as("seed %d", SEED).isEmpty();
    // Expected: well under one a run (the variants' Jaccard is mostly 0.4-0.9).
    assertThat(unfound).as("seed %d: variants sharing no band key", SEED).hasSizeLessThan(3);
  }

  private static boolean sharesBandKey(String a, String b) {
    long[] keys = dev.byline.story.StorySignature.of(a).bandKeys();
    for (long k : dev.byline.story.StorySignature.of(b).bandKeys()) {
      for (long l : keys) if (k == l) return true;
    }
    return false;
  }

  @Test
  void a_reindex_keeps_story_ids_and_a_replayed_log_too() throws Exception {
    Topic topic = gen.topic(random);
    Story s = gen.story(topic, random);
    Path data = dir.resolve("data");
    DataDir dataDir = DataDir.of(data);
    Path live;
    try (ArticleIndex index = ArticleIndex.open(dataDir.liveIndex())) {
      live = index.path();
      index.write(List.of(article("x", s.title(), s.body()), article("y", "Copy", s.body())));
      index.delete("x"); // y keeps story "x", and no article "x" is left to recompute it from
    }
    try (Reindexer.StoredArticles stored = new Reindexer.StoredArticles(live)) {
      Reindexer.rebuild(
          data, stored, stored.count(), 1, n -> {}, dev.byline.config.StorySettings.DEFAULTS);
    }
    try (ArticleIndex index = ArticleIndex.open(DataDir.of(data).liveIndex())) {
      assertThat(index.path()).isNotEqualTo(live);
      assertThat(story(index, "y")).isEqualTo("x");
      // The reindexed article's keys are there too: a new copy still joins.
      index.write(List.of(article("z", "Again", s.body())));
      assertThat(story(index, "z")).isEqualTo("x");
    }
    Set<String> stories = new HashSet<>();
    try (var logged = new Reindexer.StoredArticles(DataDir.of(data).liveIndex())) {
      logged.forEachRemaining(a -> stories.add(a.story()));
    }
    assertThat(stories).containsExactly("x");
  }
}
