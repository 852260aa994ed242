package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit waiting for the write-ahead log's roll must not stop the writes: one write may be
 * inside a long update (Lucene flushing a full buffer, 0.4-1.5 s), and a commit queued behind it
 * made every other write wait as long.
 */
class CommitDuringWritesTest {
  @TempDir Path dir;

  private static Article article(String id) {
    return new Article(
        id, null, "Title " + id, "Body of " + id, List.of(), null, null, List.of(), "en");
  }

  /** A writer whose update of the article "slow" waits until it is let go. */
  private static final class StallingWriter extends IndexWriter {
    final CountDownLatch inside = new CountDownLatch(1);
    final CountDownLatch letGo = new CountDownLatch(1);

    StallingWriter(Directory dir) throws IOException {
      super(dir, new IndexWriterConfig(Schema.analyzer()));
    }

    @Override
    public long updateDocument(Term term, Iterable<? extends IndexableField> doc)
        throws IOException {
      if (term.text().equals("slow")) {
        inside.countDown();
        try {
          letGo.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.updateDocument(term, doc);
    }
  }

  @Test
  void a_write_goes_on_while_a_commit_waits_for_a_long_update() throws Exception {
    // Threads of its own: the common pool has one thread on two cores.
    try (ExecutorService threads = Executors.newCachedThreadPool();
        FSDirectory fs = FSDirectory.open(dir.resolve("index"));
        StallingWriter writer = new StallingWriter(fs)) {
      Durability durability =
          Durability.open(
              dir.resolve("index"),
              writer,
              0,
              null,
              () -> null,
              new StoryAliases(),
              new FeedPosition(null));
      try {
        CompletableFuture<long[]> slow =
            CompletableFuture.supplyAsync(() -> write(durability, "slow"), threads);
        assertThat(writer.inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> commit =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    durability.commit();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                threads);
        Thread.sleep(300); // the commit is now waiting for the slow write
        assertThat(commit).isNotDone();
        // Queued for the roll, the commit held this write until the slow one ended.
        CompletableFuture<long[]> fast =
            CompletableFuture.supplyAsync(() -> write(durability, "fast"), threads);
        fast.get(5, TimeUnit.SECONDS);
        assertThat(slow).isNotDone();
        writer.letGo.countDown();
        slow.get(10, TimeUnit.SECONDS);
        commit.get(10, TimeUnit.SECONDS);
        // The commit holds both: the log files it deleted held nothing it lacks.
        durability.commit();
        try (DirectoryReader reader = DirectoryReader.open(fs)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          assertThat(searcher.count(new TermQuery(Schema.idTerm("slow")))).isEqualTo(1);
          assertThat(searcher.count(new TermQuery(Schema.idTerm("fast")))).isEqualTo(1);
        }
      } finally {
        writer.letGo.countDown();
        durability.close();
      }
    }
  }

  private static long[] write(Durability durability, String id) {
    try {
      return durability.logAndWrite(article(id));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
