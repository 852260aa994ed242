package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.embed.Embedder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding pipeline's promises with a stand-in model that the test holds mid-batch: a write
 * that overtakes an article's embedding is never overwritten by the vector of its older version,
 * and the newer version is embedded in turn; a delete is not undone.
 */
class EmbeddingPipelineTest {
  @TempDir Path dir;

  private static Article article(String id, String title) {
    return new Article(id, null, title, "Body of " + title, List.of(), null, null, List.of(), null);
  }

  /** Four-dimensional vectors; the first batch waits until the test lets it go. */
  static final class HeldEmbedder implements Embedder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);
    final List<String> embedded = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "held";
    }

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public float[] embedQuery(String query) {
      return new float[] {1, 0, 0, 0};
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      started.countDown();
      try {
        if (!go.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never let go");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      embedded.addAll(passages);
      return passages.stream().map(p -> new float[] {0, 1, 0, 0}).toList();
    }

    @Override
    public void close() {}
  }

  private static void awaitBacklog(ArticleIndex index, long backlog) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (index.embeddingStatus().backlog() != backlog) {
      assertThat(System.nanoTime()).as("backlog never reached " + backlog).isLessThan(until);
      Thread.sleep(50);
    }
  }

  @Test
  void a_write_that_overtakes_an_embedding_keeps_its_version_and_is_embedded_in_turn()
      throws Exception {
    HeldEmbedder model = new HeldEmbedder();
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      index.write(List.of(article("a1", "Old title"), article("a2", "Soon deleted")));
      index.embedWith(model);
      assertThat(model.started.await(30, TimeUnit.SECONDS)).isTrue();
      // The batch holds the old a1 and a2; meanwhile a1 is rewritten and a2 deleted.
      index.write(List.of(article("a1", "New title")));
      assertThat(index.delete("a2")).isTrue();
      model.go.countDown();
      awaitBacklog(index, 0);
      assertThat(index.get("a1").orElseThrow().title()).isEqualTo("New title");
      assertThat(index.get("a2")).isEmpty();
      assertThat(model.embedded).anyMatch(p -> p.startsWith("New title"));
      assertThat(index.embeddingStatus().embedded()).isEqualTo(1); // the new a1 only
      assertThat(index.stats().articles()).isEqualTo(1);
    }
  }

  @Test
  void embedding_is_off_until_switched_on_and_the_backlog_counts_what_is_left() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      index.write(List.of(article("b1", "One"), article("b2", "Two")));
      assertThat(index.embeddingStatus().on()).isFalse();
      HeldEmbedder model = new HeldEmbedder();
      model.go.countDown();
      index.embedWith(model);
      awaitBacklog(index, 0);
      assertThat(index.embeddingStatus().embedded()).isEqualTo(2);
    }
  }
}
