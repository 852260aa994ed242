package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.embed.Embedder;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
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
 * <p>Its queue is the index itself: the articles without a vector of this embedder's model ({@link
 * Schema#unembedded}; an index embedded by another model is embedded again, its vectors left
 * unsearched until then).
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
 *
 * <p>Failures. A batch the model fails on is split in halves, down to single articles, so that the
 * others are embedded and the article at fault is found; before splitting, the model is tried on
 * a short probe passage, and if that fails too the model itself is failing (nothing is blamed on
 * the articles). An article the model fails on alone is tried again after {@link
 * Backoff#articleMs} (doubled each time), {@link #ATTEMPTS} times in all, then set aside: marked in
 * the index ({@link IndexGeneration#setAside}) so that no round or restart picks it again, counted
 * as failed, and logged with its id. A round that fails as a whole (the model, a full disk, a
 * failed writer) is tried again after {@link Backoff#roundMs}, doubled after each failure in a row
 * up to {@link Backoff#maxRoundMs}: a failing model costs a probe now and then, not a core.
 *
 * <p>Searching and writing come first. A batch is embedded {@link #CHUNK} passages at a time, and
 * before each chunk the thread waits until no {@linkplain ForegroundRequests foreground request}
 * (a search, a read, a write or a delete) has run for {@link #QUIET_MS} ms, but never more than
 * {@link #MAX_STAND_ASIDE_MS} ms: under a steady stream of requests the backlog still drains, one
 * chunk a second at least.
 */
final class EmbeddingPipeline implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddingPipeline.class);

  /** Articles embedded in one round: the model's batch, and all the pipeline holds in memory. */
  static final int BATCH = 32;

  /** How often the thread looks for articles to embed when no write woke it. */
  static final long IDLE_POLL_MS = 5_000;

  /**
   * Passages embedded between two looks at the searches: one per core (the model's threads run
   * one passage each), so a chunk takes a fraction of a second.
   */
  static final int CHUNK = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** How long no request may have read the index before a chunk starts. */
  static final long QUIET_MS = 20;

  /** The longest the pipeline stands aside for searches before embedding a chunk anyway. */
  static final long MAX_STAND_ASIDE_MS = 1_000;

  /** How many times the model is tried on an article alone before it is set aside. */
  static final int ATTEMPTS = 3;

  /** A short passage any working model embeds: tells a failing model from a failing article. */
  private static final String PROBE = "news";

  /**
   * Waits after failures: {@code roundMs} after a failed round, doubled for each failed round in a
   * row up to {@code maxRoundMs}; {@code articleMs} before an article the model failed on is tried
   * again, doubled for each failure.
   */
  record Backoff(long roundMs, long maxRoundMs, long articleMs) {
    static final Backoff DEFAULT = new Backoff(1_000, 300_000, 2_000);

    long round(int failuresInARow) {
      return Math.min(maxRoundMs, roundMs << Math.min(failuresInARow - 1, 30));
    }

    long article(int failures) {
      return articleMs << Math.min(failures - 1, 30);
    }
  }

  /** An article the model failed on: how many times, and not to be tried before when. */
  private record Retry(int failures, long notBeforeNanos) {}

  private final Generations generations;
  private final Embedder embedder;

  /** The field of the embedder's vectors ({@link Schema#vectorField}). */
  private final String field;

  private final Backoff backoff;
  private final ForegroundRequests requests;
  private final Thread thread;
  private final Semaphore wake = new Semaphore(0);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong embedded = new AtomicLong();

  /** Articles waiting to be tried again; the pipeline's thread alone reads and writes it. */
  private final Map<String, Retry> retries = new HashMap<>();

  private volatile boolean closed;

  EmbeddingPipeline(
      Generations generations, Embedder embedder, Backoff backoff, ForegroundRequests requests) {
    this.generations = generations;
    this.embedder = embedder;
    this.field = Schema.vectorField(embedder.name());
    this.backoff = backoff;
    this.requests = requests;
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
    int failuresInARow = 0;
    while (!closed) {
      try {
        int found = round();
        failuresInARow = 0;
        if (found < BATCH) {
          // Caught up (or nothing found): sleep until a write, the poll or a retry falls due.
          wake.tryAcquire(idleWaitMs(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        if (closed) return;
        // A generation swapped out under the round: the next one is on the new one.
        pause(backoff.roundMs());
      } catch (IOException | RuntimeException e) {
        if (closed) return;
        failuresInARow++;
        long wait = backoff.round(failuresInARow);
        log.warn(
            "embedding round failed ({} in a row: {}); trying again in {} ms",
            failuresInARow,
            e.toString(),
            wait);
        pause(wait);
      }
    }
  }

  /** Until the poll, or sooner when an article waiting to be tried again falls due. */
  private long idleWaitMs() {
    long now = System.nanoTime();
    long wait = IDLE_POLL_MS;
    for (Retry r : retries.values()) {
      wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(r.notBeforeNanos - now) + 1));
    }
    return wait;
  }

  /** Sleeps after a failure; a write does not cut it short, closing does. */
  private void pause(long ms) {
    try {
      closing.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /**
   * One round; returns how many articles it found to embed (fewer than {@link #BATCH}: caught up).
   *
   * @throws ModelFailedException when the model fails on a batch and on the probe too
   */
  int round() throws IOException {
    IndexGeneration live = generations.live();
    if (live.readOnly() || live.failure() != null) return 0;
    live.refreshBlocking(); // the last round's vectors are not "to embed" any more
    List<String> waiting = notYetDue();
    List<String> ids = live.withSearcher(searcher -> idsToEmbed(searcher, waiting));
    if (ids.isEmpty()) return 0;
    Object token = new Object();
    live.claimForEmbedding(ids, token);
    try {
      live.refreshBlocking(); // shows every write made before the claim
      List<Article> articles = live.withSearcher(searcher -> stillToEmbed(searcher, ids));
      if (articles.isEmpty()) return ids.size();
      Batch batch = new Batch();
      for (int from = 0; from < articles.size() && !closed; from += CHUNK) {
        standAside();
        batch.embed(articles.subList(from, Math.min(articles.size(), from + CHUNK)));
      }
      int added = live.addVectors(batch.embedded, batch.vectors, field, token);
      embedded.addAndGet(added);
      for (Article a : batch.embedded) retries.remove(a.id());
      for (Map.Entry<Article, RuntimeException> f : batch.failed.entrySet()) {
        failed(live, f.getKey(), f.getValue(), token);
      }
      return ids.size();
    } finally {
      live.releaseClaims(ids, token);
    }
  }

  /** Waits while requests read or write the index, up to {@link #MAX_STAND_ASIDE_MS}. */
  private void standAside() {
    long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_STAND_ASIDE_MS);
    while (!closed && !requests.quietFor(quiet) && System.nanoTime() - until < 0) {
      pause(5);
    }
  }

  /** The articles waiting to be tried again whose time has not come. */
  private List<String> notYetDue() {
    long now = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Retry> e : retries.entrySet()) {
      if (e.getValue().notBeforeNanos - now > 0) ids.add(e.getKey());
    }
    return ids;
  }

  /** The model failed on this article alone: try it again later, or set it aside. */
  private void failed(IndexGeneration live, Article article, RuntimeException e, Object token)
      throws IOException {
    Retry before = retries.get(article.id());
    int failures = before == null ? 1 : before.failures + 1;
    if (failures < ATTEMPTS) {
      long wait = backoff.article(failures);
      retries.put(
          article.id(),
          new Retry(failures, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait)));
      log.warn(
          "the model failed on article {} ({}, {} of {} tries); trying it again in {} ms",
          article.id(),
          e.toString(),
          failures,
          ATTEMPTS,
          wait);
      return;
    }
    retries.remove(article.id());
    if (live.setAside(article, token)) {
      log.error(
          "the model failed on article {} {} times ({}); set aside: it is found by its words but"
              + " not by meaning until it is written again or the index is rebuilt",
          article.id(),
          failures,
          e.toString());
    }
  }

  /** The model failed on a probe passage too: the model is at fault, not the articles. */
  static final class ModelFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelFailedException(RuntimeException cause) {
      super("the embedding model fails on any passage: " + cause, cause);
    }
  }

  /** One round's embedding: the batch, split in halves where the model fails, down to articles. */
  private final class Batch {
    final List<Article> embedded = new ArrayList<>();
    final List<float[]> vectors = new ArrayList<>();
    final Map<Article, RuntimeException> failed = new java.util.LinkedHashMap<>();
    private boolean modelChecked;

    void embed(List<Article> articles) {
      if (closed) return;
      List<String> passages = new ArrayList<>(articles.size());
      for (Article a : articles) passages.add(Embedder.passage(a));
      List<float[]> out;
      try {
        out = embedder.embedPassages(passages);
        if (out.size() != articles.size()) {
          throw new IllegalStateException(
              "the model returned " + out.size() + " vectors for " + articles.size() + " passages");
        }
      } catch (RuntimeException e) {
        checkModel(e);
        if (articles.size() == 1) {
          failed.put(articles.get(0), e);
        } else {
          int half = articles.size() / 2;
          embed(articles.subList(0, half));
          embed(articles.subList(half, articles.size()));
        }
        return;
      }
      embedded.addAll(articles);
      vectors.addAll(out);
    }

    /** Once a round: does the model embed anything at all? */
    private void checkModel(RuntimeException failure) {
      if (modelChecked) return;
      try {
        if (embedder.embedPassages(List.of(PROBE)).size() != 1) {
          throw new IllegalStateException("no vector for the probe passage");
        }
      } catch (RuntimeException e) {
        e.addSuppressed(failure);
        throw new ModelFailedException(e);
      }
      modelChecked = true;
    }
  }

  private List<String> idsToEmbed(ArticleSearcher searcher, List<String> waiting)
      throws IOException {
    Query query = Schema.unembedded(field);
    if (!waiting.isEmpty()) {
      query =
          new BooleanQuery.Builder()
              .add(query, Occur.FILTER)
              .add(new TermInSetQuery(Schema.ID, bytesRefs(waiting)), Occur.MUST_NOT)
              .build();
    }
    ScoreDoc[] hits = searcher.search(query, BATCH).scoreDocs;
    List<String> ids = new ArrayList<>(hits.length);
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits) ids.add(stored.document(hit.doc, Set.of(Schema.ID)).get(Schema.ID));
    return ids;
  }

  private static List<BytesRef> bytesRefs(List<String> ids) {
    List<BytesRef> terms = new ArrayList<>(ids.size());
    for (String id : ids) terms.add(new BytesRef(id));
    return terms;
  }

  private List<Article> stillToEmbed(ArticleSearcher searcher, List<String> ids)
      throws IOException {
    var query =
        new BooleanQuery.Builder()
            .add(new TermInSetQuery(Schema.ID, bytesRefs(ids)), Occur.FILTER)
            .add(Schema.unembedded(field), Occur.FILTER)
            .build();
    ScoreDoc[] hits = searcher.search(query, ids.size()).scoreDocs;
    List<Article> articles = new ArrayList<>(hits.length);
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits) articles.add(Schema.fromDocument(stored.document(hit.doc)));
    return articles;
  }

  /** How many articles of the live generation are still to embed, as of its current searcher. */
  long backlog() throws IOException {
    return generations.reading(
        live -> live.withSearcher(s -> (long) s.count(Schema.unembedded(field))));
  }

  /**
   * How many articles of the live generation are set aside (the model failed on them), as of its
   * current searcher.
   */
  long failed() throws IOException {
    return generations.reading(
        live -> live.withSearcher(s -> (long) s.count(Schema.embeddingFailed())));
  }

  /**
   * Stops the thread, after the round under way (a few seconds at most), and closes the embedder.
   * Not by interrupting it: an interrupt during a file operation of Lucene's writer (a flush the
   * round's update triggers) would close the file under the writer and fail it.
   */
  @Override
  public void close() {
    closed = true;
    closing.countDown();
    wake.release();
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    embedder.close();
  }
}
