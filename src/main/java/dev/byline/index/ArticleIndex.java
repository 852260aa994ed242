package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.article.WriteStatus;
import dev.byline.config.DataDir;
import dev.byline.config.StorySettings;
import dev.byline.embed.Embedder;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The index a server or command works with: the one way in to its writes, reads, snapshots,
 * online reindex and rollback. Its generations (each a Lucene index in one folder, with its writer
 * and searchers: {@link IndexGeneration}) are {@link Generations}', which decides which is live and
 * swaps them; nothing outside this package reaches a generation. A reindex ({@link OnlineReindex})
 * builds the next generation while this one serves, and swaps it in underneath every caller
 * without a pause they would notice.
 *
 * <p>Writes are durable and visible when they return (see {@link IndexGeneration#write}).
 *
 * <p>It also owns the index's relation to its disk. Writes are refused with an {@link
 * InsufficientStorageException} while the volume is below its flood stage (see {@link
 * DiskSpace}), and accepted again by themselves once space is back; searches go on. If the
 * Lucene writer fails anyway (the disk filled up between two checks; an I/O error), writes are
 * refused with an {@link IndexUnavailableException} and a background task reopens the generation
 * from its last commit and its write-ahead log as soon as the disk has room, without a restart
 * and without losing an acknowledged write. {@link #health} says which of these holds. (The
 * checks and what a failure is told as are {@link WriteGuard}'s; when to reopen is {@link
 * WriterRecovery}'s; the reopen itself, a swap of generations, is {@link Generations}'.)
 */
public final class ArticleIndex implements Closeable {
  private final Generations generations;
  private final WriteGuard guard;

  /** Gives articles their vectors in the background; null while semantic search is off. */
  private volatile EmbeddingPipeline embedding;

  private final ForegroundRequests requests = new ForegroundRequests();

  /** Reopens a generation whose writer failed; null when read-only. */
  private final WriterRecovery recovery;

  private ArticleIndex(IndexGeneration generation, DiskSpace disk, DirectoryOpener directories) {
    this.generations = new Generations(generation, directories);
    this.guard = new WriteGuard(disk);
    this.recovery =
        generation.readOnly()
            ? null
            : new WriterRecovery(generations::live, disk, generations::reopenFailed);
  }

  /**
   * Opens the index in {@code path} for reading and writing, creating it if there is none.
   *
   * @throws SchemaMismatchException if the index was written with another schema version
   * @throws IndexLockedException if another process (a running server) holds the write lock
   */
  public static ArticleIndex open(Path path) throws IOException {
    return open(path, StorySettings.DEFAULTS);
  }

  /** As {@link #open(Path)}, finding stories as {@code stories} says. */
  public static ArticleIndex open(Path path, StorySettings stories) throws IOException {
    return new ArticleIndex(
        IndexGeneration.open(path, stories), DiskSpace.of(path), DirectoryOpener.FS);
  }

  /**
   * Whether a process holds the write lock of the index in {@code path}: a server running on it
   * (unless it serves read-only), or a command writing it. A lock held in this JVM counts too.
   * False when there is no index folder. Asking takes the lock for an instant when it is free.
   */
  public static boolean isLocked(Path path) throws IOException {
    if (!Files.isDirectory(path)) return false;
    try (FSDirectory dir = FSDirectory.open(path)) {
      dir.obtainLock(IndexWriter.WRITE_LOCK_NAME).close();
      return false;
    } catch (LockObtainFailedException e) {
      return true;
    }
  }

  /** Opens the last commit of the index in {@code path} for searching only; takes no lock. */
  public static ArticleIndex openReadOnly(Path path) throws IOException {
    return new ArticleIndex(
        IndexGeneration.openReadOnly(path), DiskSpace.of(path), DirectoryOpener.FS);
  }

  /**
   * Opens the index for a server: read-write when its schema version is this Byline's; when it is
   * another, read-only (searches work, writes are refused with a message to reindex).
   */
  public static ArticleIndex openForServing(Path path) throws IOException {
    return openForServing(path, DiskSpace.of(path));
  }

  /** As {@link #openForServing(Path)}, with writes checked against {@code disk}. */
  public static ArticleIndex openForServing(Path path, DiskSpace disk) throws IOException {
    return openForServing(path, disk, StorySettings.DEFAULTS);
  }

  /** As {@link #openForServing(Path, DiskSpace)}, finding stories as {@code stories} says. */
  public static ArticleIndex openForServing(Path path, DiskSpace disk, StorySettings stories)
      throws IOException {
    return openForServing(path, disk, DirectoryOpener.FS, stories);
  }

  /** As {@link #openForServing(Path, DiskSpace)}, with Lucene's directory opened by {@code directories} (a test seam). */
  static ArticleIndex openForServing(Path path, DiskSpace disk, DirectoryOpener directories)
      throws IOException {
    return openForServing(path, disk, directories, StorySettings.DEFAULTS);
  }

  private static ArticleIndex openForServing(
      Path path, DiskSpace disk, DirectoryOpener directories, StorySettings stories)
      throws IOException {
    return new ArticleIndex(
        IndexGeneration.openForServing(path, directories, stories), disk, directories);
  }

  public Path path() {
    return generations.live().path();
  }

  public boolean readOnly() {
    return generations.live().readOnly();
  }

  /** Why this index refuses writes (another schema version), or null. */
  public String readOnlyReason() {
    return generations.live().readOnlyReason();
  }

  /**
   * Whether this index takes writes, as a load balancer needs to know it: {@link
   * IndexHealth.State#OK}; {@link IndexHealth.State#READ_ONLY} while the disk is below its flood
   * stage or the index has another schema version (searches are served); {@link
   * IndexHealth.State#UNAVAILABLE} while a failed writer waits to be reopened. Reads the disk at
   * most once a second.
   */
  public IndexHealth health() {
    return guard.health(generations.live());
  }

  /** A test seam: how long writes wait to be searchable before {@link NotYetSearchableException}. */
  void visibilityWait(int ms) {
    generations.live().visibilityWait(ms);
  }

  /**
   * Adds or replaces articles (by id). Returns once they are durable (in the write-ahead log: they
   * survive a crash) and searchable.
   *
   * @throws NotYetSearchableException when they are durable but a refresh did not show them
   *     within 30 s (an overloaded machine), or the writer failed after they were logged: they
   *     become searchable later by themselves
   * @throws InsufficientStorageException when the disk is below its flood stage, or too full for
   *     them (nothing was written); or when it filled during the write (some may have been
   *     written: sending them again is safe)
   * @throws IndexUnavailableException when the writer has failed and is not yet reopened; they
   *     may or may not have been written (sending them again is safe)
   *
   * @return for each article, in order, whether it was created or updated
   */
  public List<WriteStatus> write(List<Article> articles) throws IOException {
    return write(articles, null, WriteAck.SEARCHABLE);
  }

  /**
   * As {@link #write(List)}, answered when {@code ack} says: with {@link WriteAck#DURABLE} once
   * the articles are durable, before a refresh shows them (then no {@link
   * NotYetSearchableException}).
   */
  public List<WriteStatus> write(List<Article> articles, WriteAck ack) throws IOException {
    return write(articles, null, ack);
  }

  /**
   * As {@link #write(List)}, with the vectors the articles have already (see {@link
   * IndexGeneration#write(List, List)}): for a reindex.
   */
  List<WriteStatus> write(List<Article> articles, List<Schema.StoredVector> vectors)
      throws IOException {
    return write(articles, vectors, WriteAck.SEARCHABLE);
  }

  private List<WriteStatus> write(
      List<Article> articles, List<Schema.StoredVector> vectors, WriteAck ack) throws IOException {
    guard.checkWrite(generations.live(), articles);
    return writing(
        live -> {
          List<WriteStatus> statuses = live.write(articles, vectors, ack);
          EmbeddingPipeline pipeline = embedding;
          if (pipeline != null) pipeline.written();
          return statuses;
        });
  }

  /**
   * Returns once every write acknowledged so far is searchable, those written with {@link
   * WriteAck#DURABLE} included ({@code POST /api/refresh}, as Elasticsearch's {@code _refresh}).
   *
   * @throws NotYetSearchableException as {@link #write} does
   * @throws IndexUnavailableException when the writer has failed and is not yet reopened
   */
  public void refresh() throws IOException {
    writing(
        live -> {
          live.awaitSearchable();
          return null;
        });
  }

  /**
   * Runs a write or delete on the live generation, counted as a foreground request (the embedding
   * pipeline stands aside for writes as for searches), a failure the guard knows (a full disk, a
   * failed writer) thrown as its own exception.
   */
  private <T> T writing(Generations.GenerationCall<T> write) throws IOException {
    requests.begin();
    try {
      return generations.shared(
          live -> {
            try {
              return write.apply(live);
            } catch (IOException | RuntimeException e) {
              IOException known = guard.knownFailure(live, e);
              if (known != null) throw known;
              throw e;
            }
          });
    } finally {
      requests.end();
    }
  }

  /**
   * Deletes the article with this id. Returns once the deletion is durable and searchable.
   *
   * @return false if there was no such article
   * @throws NotYetSearchableException as {@link #write} does
   * @throws IndexUnavailableException as {@link #write} does; a full disk does not refuse deletes,
   *     but one that fails for lack of space is an {@link InsufficientStorageException}
   */
  public boolean delete(String id) throws IOException {
    guard.checkWriter(generations.live());
    // Not checked against the flood stage: deleting is how space is made (once merged away).
    return writing(live -> live.delete(id));
  }

  /**
   * How far this index has applied the log that feeds it in cluster mode: the text last given to
   * {@link #recordFeedPosition}, or after opening, what the last commit recorded; null when it was
   * never fed. Opaque to the index (its format is {@code dev.byline.cluster}'s).
   */
  public String feedPosition() {
    return generations.live().feedPosition().get();
  }

  /**
   * Records how far the feed has been applied, to be kept in the user data of every commit from
   * now on, so that a restart resumes from the last commit's position. Call it only once every
   * {@link #write} and {@link #delete} the position covers has returned: a commit may then hold
   * writes past the position (applied again on resume, in order, to the same result) but never
   * miss one before it.
   */
  public void recordFeedPosition(String position) throws IOException {
    generations.shared(
        live -> {
          live.feedPosition().set(position);
          return null;
        });
  }

  /**
   * Switches semantic search's index side on: from now on every article gets a vector from {@code
   * embedder}, in the background ({@link EmbeddingPipeline}), starting with those already in the
   * index without one. Writes are acknowledged as before, without waiting for it. This index owns
   * the embedder from now on and closes it. Nothing happens for an index opened read-only.
   *
   * @throws IllegalStateException if it is already on
   */
  public synchronized void embedWith(Embedder embedder) {
    embedWith(embedder, EmbeddingPipeline.Backoff.DEFAULT);
  }

  /** As {@link #embedWith(Embedder)}, waiting this long after failures (tests wait less). */
  synchronized void embedWith(Embedder embedder, EmbeddingPipeline.Backoff backoff) {
    if (embedding != null) throw new IllegalStateException("embedding is already on");
    if (readOnly()) {
      embedder.close();
      return;
    }
    embedding = new EmbeddingPipeline(generations, embedder, backoff, requests);
  }

  /**
   * How far the vectors are behind: {@code on} false when semantic search is off (then the rest
   * is 0); {@code backlog}, the articles still to embed as of the current searcher; {@code
   * embedded}, the vectors added since start; {@code failed}, the articles set aside because the
   * model failed on them (they are not in the backlog; see {@link EmbeddingPipeline}).
   */
  public EmbeddingStatus embeddingStatus() throws IOException {
    EmbeddingPipeline pipeline = embedding;
    if (pipeline == null) return new EmbeddingStatus(false, null, 0, 0, 0);
    return new EmbeddingStatus(
        true,
        pipeline.embedder().name(),
        pipeline.backlog(),
        pipeline.embedded(),
        pipeline.failed());
  }

  /**
   * The field of the vectors semantic search compares (those of the model it embeds with, see
   * {@link Schema#vectorField}), or null while it is off.
   */
  public String vectorField() {
    EmbeddingPipeline pipeline = embedding;
    return pipeline == null ? null : Schema.vectorField(pipeline.embedder().name());
  }

  /** What {@link #embeddingStatus} tells. */
  public record EmbeddingStatus(
      boolean on, String model, long backlog, long embedded, long failed) {}

  /** The stored article with this id, if any, as of the current searcher. */
  public Optional<Article> get(String id) throws IOException {
    return withSearcher(
        searcher -> {
          ScoreDoc[] hits = searcher.search(new TermQuery(Schema.idTerm(id)), 1).scoreDocs;
          if (hits.length == 0) return Optional.empty();
          return Optional.of(Schema.fromDocument(searcher.storedFields().document(hits[0].doc)));
        });
  }

  /**
   * Where a story id now is: the surviving story's id when {@code bin/byline stories} merged it
   * into another (see {@link #recluster}), else the id itself.
   */
  public String resolveStory(String id) {
    return generations.live().storyAliases().resolve(id);
  }

  /** Every story id merged into another, with the id it resolves to. */
  public java.util.Map<String, String> storyAliases() {
    return generations.live().storyAliases().all();
  }

  /**
   * Records story aliases (old id to surviving id) and commits them; for a rebuilt index, which
   * must resolve the ids the index it replaces resolved.
   */
  public void addStoryAliases(java.util.Map<String, String> merged) throws IOException {
    if (merged.isEmpty()) return;
    generations.shared(
        live -> {
          live.addStoryAliases(merged);
          return null;
        });
  }

  /** Moves articles out of merged stories (see {@link IndexGeneration#moveOutOfAliases}). */
  int moveOutOfAliases(java.util.Set<String> merged) throws IOException {
    return generations.shared(live -> live.moveOutOfAliases(merged));
  }

  /** Moves articles to other stories (see {@link IndexGeneration#moveToStories}). */
  int moveToStories(List<IndexGeneration.Move> moves) throws IOException {
    // Each move rewrites an article: refused below the flood stage, as a write is.
    guard.checkRewrite(generations.live(), "re-clustering stories");
    return generations.shared(live -> live.moveToStories(moves));
  }

  /** Told how far a {@link #recluster} has got. */
  public interface ReclusterProgress {
    /** A step began: {@code total} things to do (-1 when unknown). */
    void step(String name, long total);

    /** {@code done} things of the current step are done. */
    void done(long done);
  }

  private final Object reclustering = new Object();

  /**
   * Groups the index's articles into stories again with this similarity threshold (see {@link
   * StoryRecluster}): stories that turn out to be one are merged (the story of the earliest article
   * stays; the other ids become aliases of it), articles without a story get one; no story is
   * split and no story id changes. Writes go through {@link #write}, so searches, other writes and
   * a running reindex go on meanwhile. One at a time.
   */
  public StoryRecluster.Result recluster(double threshold, ReclusterProgress progress)
      throws IOException {
    synchronized (reclustering) {
      return new StoryRecluster(this, threshold, progress).run();
    }
  }

  /** Something done with a searcher; the searcher must not escape the call. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(ArticleSearcher searcher) throws IOException;
  }

  /**
   * Runs {@code fn} with the current searcher, released afterwards whatever happens. Counted as a
   * foreground request: the embedding pipeline stands aside while such requests run.
   */
  public <T> T withSearcher(SearcherFunction<T> fn) throws IOException {
    requests.begin();
    try {
      return generations.reading(
          live -> {
            live.searched();
            return live.withSearcher(fn);
          });
    } finally {
      requests.end();
    }
  }

  /**
   * What the index holds, and whether it takes writes: {@code read_only} with its reason when the
   * schema version differs, the writer failed or the disk is below its flood stage.
   */
  public IndexStats stats() throws IOException {
    IndexStats stats = generations.reading(IndexGeneration::stats);
    IndexHealth health = health();
    return stats.withWriteState(
        health.state() != IndexHealth.State.OK, health.reason(), guard.disk().status());
  }

  /**
   * Copies a consistent point-in-time image of the index (its last commit, which holds every
   * acknowledged write) into {@code target}, while searches and writes go on. {@code target} must
   * not exist yet; it gets {@code index/} and {@code snapshot.json}. A swap of the live index (a
   * reindex, a rollback) waits for it.
   *
   * @throws Snapshots.TargetTakenException if {@code target} exists or another snapshot is being
   *     written there
   */
  public Snapshot snapshot(Path target) throws IOException {
    // Swaps held off, as for a write: a reindex or rollback that closed the generation in the
    // middle of its copy failed the snapshot (this IndexWriter is closed).
    return generations.shared(
        live -> {
          guard.checkCopy(live, "a snapshot");
          return live.snapshot(target);
        });
  }

  /** A snapshot written by {@link #snapshot}. */
  public record Snapshot(Path path, long articles, int schemaVersion, Instant created) {
    public static final String MANIFEST = "snapshot.json";
  }

  /** Progress of an online reindex. */
  public interface ReindexProgress {
    /** Called once the number of articles to copy is known. */
    void total(long articles);

    /** Called as articles are copied. */
    void copied(long articles);
  }

  /**
   * Rebuilds this index with the current schema while it keeps serving: {@link #startReindex}
   * then {@link OnlineReindex#run}, on the caller's thread.
   *
   * @throws ReindexConflictException if a reindex is already running
   * @throws IndexReadOnlyException if this index is served read-only
   * @throws InsufficientStorageException if the disk has no room for a second copy of the index
   */
  public Reindexer.Result reindexOnline(Path dataDir, int keep, ReindexProgress progress)
      throws IOException {
    return startReindex(dataDir, keep).run(progress);
  }

  /**
   * Claims this index for an online reindex and returns it, to be run once on any thread. From
   * now until that run ends, a second reindex and a rollback are refused with a {@link
   * ReindexConflictException} ({@link ReindexConflictException.Reason#REINDEX_RUNNING}): the
   * generation being built is not one to serve, and the one kept for rollback is retired when the
   * run begins.
   *
   * @param keep how many generations before the live one to keep (at least 1, for rollback)
   * @throws ReindexConflictException if a reindex is already running
   * @throws IndexReadOnlyException if this index is served read-only (it needs an offline reindex)
   * @throws InsufficientStorageException if the disk has no room for a second copy of the index
   *     above its flood stage (a reindex builds one beside the live index); nothing is claimed
   * @throws IndexUnavailableException if the writer has failed and is not yet reopened
   */
  public OnlineReindex startReindex(Path dataDir, int keep) throws IOException {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1 (got: " + keep + ")");
    generations.claimReindex();
    try {
      guard.checkCopy(generations.live(), "a reindex");
    } catch (IOException | RuntimeException e) {
      generations.endReindex();
      throw e;
    }
    return new OnlineReindex(generations, dataDir, keep);
  }

  /**
   * Brings back the generation the last online reindex replaced, which has received every write
   * since, so nothing is lost; the generation rolled back from is kept in step in turn, so a second
   * rollback undoes the first. {@code dataDir/CURRENT} and {@code PREVIOUS} are rewritten before
   * anything changes in memory: if that fails, nothing has changed.
   *
   * @return the generation now live
   * @throws ReindexConflictException if a reindex is running, or no generation is kept in step
   *     (none has been replaced since this server started, or a reindex that did not finish
   *     retired it)
   * @throws IOException if the data directory or the index could not be written; nothing changed
   */
  public Path rollbackOnline(Path dataDir) throws IOException {
    return generations.rollback(DataDir.of(dataDir));
  }

  /** Commits what is pending and closes, the generation kept for rollback too. */
  @Override
  public void close() throws IOException {
    EmbeddingPipeline pipeline = embedding;
    if (pipeline != null) pipeline.close(); // before the writer it writes to
    if (recovery != null) recovery.close(); // a reopen under way finishes (it replays the log)
    generations.close();
  }
}
