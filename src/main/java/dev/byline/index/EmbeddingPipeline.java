package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.embed.Embedder;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives articles their vectors after their writes are acknowledged, on one background thread
 * ({@code byline-embed}), so that a write never waits for the model (the slowest thing Byline
 * does: tens of articles per CPU-second).
 *
 * <p>Its queue is the index itself: the articles without a vector ({@link Schema#unembedded}).
 * Nothing is held in memory but the batch being embedded (at most {@link #BATCH} articles), so the
 * queue is bounded by construction, nothing is lost when the process stops, and what a restart, a
 * reindex (which writes documents without vectors) or switching semantic search on for an
 * existing index leaves to embed is found the same way: at start, after each write (which wakes
 * the thread), and every {@link #IDLE_POLL_MS} ms.
 *
 * <p>Each round: find up to {@link #BATCH} articles without a vector in the live generation;
 * {@linkplain IndexGeneration#claimForEmbedding claim} them; read them from a searcher refreshed
 * after the claim; embed them; {@linkplain IndexGeneration#addVectors add} the vectors, which skips
 * any article written or deleted meanwhile. A generation swapped out meanwhile takes nothing (its
 * claims are its own); the next round works on the new one.
 */
final class EmbeddingPipeline implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddingPipeline.class);

  /** Articles embedded in one round: the model's batch, and all the pipeline holds in memory. */
  static final int BATCH = 32;

  /** How often the thread looks for articles to embed when no write woke it. */
  static final long IDLE_POLL_MS = 5_000;

  /** After a failed round (a full disk, a failed writer), how long before the next. */
  private static final long RETRY_MS = 2_000;

  private final Generations generations;
  private final Embedder embedder;
  private final Thread thread;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicLong embedded = new AtomicLong();
  private volatile boolean closed;

  EmbeddingPipeline(Generations generations, Embedder embedder) {
    this.generations = generations;
    this.embedder = embedder;
    this.thread = new Thread(this::run, "byline-embed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Says that articles were written: they are embedded soon, without waiting for the poll. */
  void written() {
    if (wake.availablePermits() == 0) wake.release();
  }

  /** Vectors added since start. */
  long embedded() {
    return embedded.get();
  }

  Embedder embedder() {
    return embedder;
  }

  private void run() {
    while (!closed) {
      try {
        if (round() < BATCH) {
          // Caught up (or nothing found): sleep until a write or the poll.
          wake.tryAcquire(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        if (closed) return;
        pause(); // a generation swapped out under the round: the next one is on the new one
      } catch (IOException | RuntimeException e) {
        if (closed) return;
        log.warn("embedding round failed ({}); retrying in {} ms", e.toString(), RETRY_MS);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /**
   * One round; returns how many articles it found to embed (fewer than {@link #BATCH}: caught up).
   */
  int round() throws IOException {
    IndexGeneration live = generations.live();
    if (live.readOnly() || live.failure() != null) return 0;
    live.refreshBlocking(); // the last round's vectors are not "to embed" any more
    List<String> ids = live.withSearcher(searcher -> idsToEmbed(searcher));
    if (ids.isEmpty()) return 0;
    Object token = new Object();
    live.claimForEmbedding(ids, token);
    try {
      live.refreshBlocking(); // shows every write made before the claim
      List<Article> articles = live.withSearcher(searcher -> stillToEmbed(searcher, ids));
      if (articles.isEmpty()) return ids.size();
      List<String> passages = new ArrayList<>(articles.size());
      for (Article a : articles) passages.add(Embedder.passage(a));
      List<float[]> vectors = embedder.embedPassages(passages);
      int added = live.addVectors(articles, vectors, token);
      embedded.addAndGet(added);
      return ids.size();
    } finally {
      live.releaseClaims(ids, token);
    }
  }

  private static List<String> idsToEmbed(ArticleSearcher searcher) throws IOException {
    ScoreDoc[] hits = searcher.search(Schema.unembedded(), BATCH).scoreDocs;
    List<String> ids = new ArrayList<>(hits.length);
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits) ids.add(stored.document(hit.doc, Set.of(Schema.ID)).get(Schema.ID));
    return ids;
  }

  private static List<Article> stillToEmbed(ArticleSearcher searcher, List<String> ids)
      throws IOException {
    List<BytesRef> terms = new ArrayList<>(ids.size());
    for (String id : ids) terms.add(new BytesRef(id));
    var query =
        new BooleanQuery.Builder()
            .add(new TermInSetQuery(Schema.ID, terms), Occur.FILTER)
            .add(Schema.unembedded(), Occur.FILTER)
            .build();
    ScoreDoc[] hits = searcher.search(query, ids.size()).scoreDocs;
    List<Article> articles = new ArrayList<>(hits.length);
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits) articles.add(Schema.fromDocument(stored.document(hit.doc)));
    return articles;
  }

  /** How many articles of the live generation are still to embed, as of its current searcher. */
  long backlog() throws IOException {
    return generations.reading(live -> live.withSearcher(s -> (long) s.count(Schema.unembedded())));
  }

  /**
   * Stops the thread, after the round under way (a few seconds at most), and closes the embedder.
   * Not by interrupting it: an interrupt during a file operation of Lucene's writer (a flush the
   * round's update triggers) would close the file under the writer and fail it.
   */
  @Override
  public void close() {
    closed = true;
    wake.release();
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    embedder.close();
  }
}
