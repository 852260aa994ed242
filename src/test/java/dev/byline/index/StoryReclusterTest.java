package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.config.StorySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoryRecluster} where a key is shared by more articles than are paired in full ({@link
 * StoryRecluster#MAX_BUCKET}): every copy of a body copied hundreds of times still joins one
 * story, and an unrelated article stays alone.
 */
class StoryReclusterTest {
  @TempDir Path dir;

  private static final String QUAY =
      "The harbour master said on Monday that repairs to the old quay were finished two weeks"
          + " early and that boats can moor there again from Friday, after a winter of storms.";

  private static final ArticleIndex.ReclusterProgress QUIET =
      new ArticleIndex.ReclusterProgress() {
        @Override
        public void step(String name, long total) {}

        @Override
        public void done(long done) {}
      };

  @Test
  void hundreds_of_copies_of_one_body_become_one_story() throws Exception {
    String body = QUAY;
    List<Article> articles = new ArrayList<>();
    int copies = 3 * StoryRecluster.MAX_BUCKET + 7;
    for (int i = 0; i < copies; i++) {
      articles.add(
          new Article(
              String.format("c%03d", i),
              null,
              "Quay",
              body,
              List.of(),
              null,
              "Source " + i,
              List.of(),
              null));
    }
    articles.add(
        new Article(
            "other",
            null,
            "Choir",
            "The choir sings in the national final on"
                + " Saturday evening, the first time in forty years that the town has sent one there.",
            List.of(),
            null,
            null,
            List.of(),
            null));
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"), StorySettings.OFF)) {
      index.write(articles);
      List<String> steps = new ArrayList<>();
      StoryRecluster.Result result =
          index.recluster(
              0.5,
              new ArticleIndex.ReclusterProgress() {
                @Override
                public void step(String name, long total) {
                  steps.add(name);
                }

                @Override
                public void done(long done) {}
              });
      assertThat(steps)
          .containsExactly("reading articles", "comparing candidate pairs", "moving articles");
      assertThat(result.articles()).isEqualTo(copies + 1);
      assertThat(result.storiesBefore()).isEqualTo(copies + 1);
      assertThat(result.storiesAfter()).isEqualTo(2);
      assertThat(result.moved()).isEqualTo(copies + 1); // every article gets a stored story
      Set<String> stories = new HashSet<>();
      for (int i = 0; i < copies; i++) {
        stories.add(index.get(String.format("c%03d", i)).orElseThrow().story());
      }
      assertThat(stories).containsExactly("c000"); // named after the first (undated: by id)
      assertThat(index.get("other").orElseThrow().story()).isEqualTo("other");
      assertThat(index.resolveStory("c123")).isEqualTo("c000");
      assertThat(index.resolveStory("other")).isEqualTo("other");
    }
  }

  /**
   * Articles moved to another story keep their vectors: only the story changes, so nothing is
   * embedded again and the moved articles stay findable by meaning throughout. They were
   * rewritten without a vector before, and embedded again.
   */
  @Test
  void moved_articles_keep_their_vectors() throws Exception {
    String body = QUAY;
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Trimmed copies: at threshold 1 only exact copies join, so each starts its own story.
      String copy = i == 0 ? body : body.substring(0, body.length() - 9 * i);
      articles.add(
          new Article("q" + i, null, "Quay", copy, List.of(), null, null, List.of(), null));
    }
    try (ArticleIndex index =
        ArticleIndex.open(dir.resolve("index"), new StorySettings(true, 1.0))) {
      EmbeddingPipelineTest.HeldEmbedder model = new EmbeddingPipelineTest.HeldEmbedder();
      model.go.countDown(); // not held: vectors at once
      index.embedWith(model);
      index.write(articles);
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (index.embeddingStatus().backlog() != 0) {
        assertThat(System.nanoTime()).as("never embedded").isLessThan(until);
        Thread.sleep(20);
      }
      int embedded = model.embedded.size();
      assertThat(embedded).isEqualTo(5);
      StoryRecluster.Result result = index.recluster(0.5, QUIET);
      assertThat(result.storiesAfter()).isEqualTo(1);
      assertThat(result.moved()).isEqualTo(4);
      assertThat(index.embeddingStatus().backlog()).isZero();
      Thread.sleep(300); // time for the pipeline to embed, had it anything to embed
      assertThat(index.embeddingStatus().backlog()).isZero();
      assertThat(model.embedded).hasSize(embedded);
    }
  }

  /**
   * Regrouping rewrites the articles it moves: below the disk's flood stage, where writes are
   * refused (507), it is refused too. An outside hunt (sixteenth session) saw it rewrite 1,400
   * articles on a disk that refused writes, until the disk was full and the writer failed.
   */
  @Test
  void regrouping_is_refused_while_the_disk_refuses_writes() throws Exception {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String copy = i == 0 ? QUAY : QUAY.substring(0, QUAY.length() - 9 * i);
      articles.add(
          new Article("q" + i, null, "Quay", copy, List.of(), null, null, List.of(), null));
    }
    FullDisk disk = new FullDisk();
    Path path = dir.resolve("index");
    try (ArticleIndex index =
        ArticleIndex.openForServing(
            path, disk.space(path, 1L << 30), new StorySettings(true, 1.0))) {
      index.write(articles);
      disk.usable(1L << 20); // below the 1 GB flood stage
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.recluster(0.5, QUIET))
          .isInstanceOf(InsufficientStorageException.class);
      disk.usable(FullDisk.TOTAL / 2);
      assertThat(index.recluster(0.5, QUIET).moved()).isEqualTo(4);
    }
  }

  /**
   * An article that lands in a story after the regrouping read its plan, and before that story
   * became an alias, is moved to the surviving story too: no article is left under an alias (where
   * collapsing and the story facet would show the story twice). It stayed there before.
   */
  @Test
  void an_article_written_into_a_merged_story_after_the_plan_is_moved_too() throws Exception {
    String body = QUAY;
    String trimmed = body.substring(0, body.length() - 30);
    try (ArticleIndex index =
        ArticleIndex.open(dir.resolve("index"), new StorySettings(true, 1.0))) {
      index.write(
          List.of(
              new Article("a-orig", null, "Quay", body, List.of(), null, null, List.of(), null),
              new Article(
                  "b-copy", null, "Quay", trimmed, List.of(), null, null, List.of(), null)));
      assertThat(index.get("b-copy").orElseThrow().story())
          .isEqualTo("b-copy"); // apart at 1.0; undated, "a-orig" is the original
      StoryRecluster recluster =
          new StoryRecluster(
              index,
              0.5,
              QUIET,
              // As a copy placed with story "b-copy" just after the plan was read would be.
              () ->
                  index.write(
                      List.of(
                          new Article(
                              "late",
                              null,
                              "Quay",
                              trimmed + " More.",
                              List.of(),
                              null,
                              null,
                              List.of(),
                              null,
                              "b-copy"))));
      StoryRecluster.Result result = recluster.run();
      assertThat(result.aliases()).containsEntry("b-copy", "a-orig");
      assertThat(index.get("b-copy").orElseThrow().story()).isEqualTo("a-orig");
      assertThat(index.get("late").orElseThrow().story()).isEqualTo("a-orig");
    }
  }
}
