package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.article.WriteStatus;
import dev.byline.config.StorySettings;
import dev.byline.story.StoryDetector;
import dev.byline.story.StorySignature;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One generation of the index: the Lucene writer of one folder, with its {@link Durability} and
 * {@link Searchers}. It is owned by {@link Generations}, which decides which generation is live
 * and closes the ones it retires; a generation decides nothing about the others, except that while
 * {@link #startMirror mirroring} it copies each write to the one it was given.
 *
 * <p>Writes are durable when they return: {@link #write} and {@link #delete} wait until the {@link
 * WriteAheadLog} holding them is on disk (concurrent writers share one sync), and unless told
 * otherwise ({@link WriteAck#DURABLE}) until a refreshed searcher shows them. Lucene commits
 * happen in the background every {@link Durability#COMMIT_INTERVAL_MS} ms (and on close); opening
 * replays what the last commit missed (the log, the commits and the replay are {@link
 * Durability}'s).
 * Refreshing happens in a background thread, never in a request ({@link Refresher}: half a second
 * behind the writer at most while the index is searched; the searchers, their refresh and the wait
 * for a write to show are {@link Searchers}').
 *
 * <p>Opened {@link #openReadOnly read-only}, it serves searches of the last commit and takes no
 * lock, so the command line can read an index that a running server is writing.
 */
final class IndexGeneration implements Closeable {
  private final Path path;
  private final Directory directory;
  private final IndexWriter writer; // null when read-only
  private final Searchers searchers;

  /**
   * Which story each article written joins; null when read-only, or when {@link #storySettings}
   * turn detection off (articles then have no story and no story keys).
   */
  private final Stories stories;

  /** As the generation was opened with; a generation opened in its place gets the same. */
  private final StorySettings storySettings;

  /** Story ids merged into others; recorded with each commit (see {@link StoryAliases}). */
  private StoryAliases storyAliases = new StoryAliases();

  /** How far the cluster feed is applied; recorded with each commit (see {@link FeedPosition}). */
  private FeedPosition feedPosition = new FeedPosition(null);

  /**
   * An existence check and the update it decides hold the id's lock, so two concurrent writes of
   * one id cannot both report "created", and an id's log records are in the order of its writes.
   */
  private final IdLocks idLocks = new IdLocks();

  private final Durability durability; // null when read-only

  /** Share a large batch's writes over the cores; null when read-only. */
  private final BatchWorkers workers;

  private final SnapshotDeletionPolicy snapshots =
      new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());

  /** When the last commit on disk was made, as it says (or null): for a read-only generation. */
  private Instant committedAt;

  private int diskSchemaVersion = Schema.VERSION;

  /**
   * Articles the embedding pipeline has read to embed, each with the token of its claim; a write
   * or delete of the id drops the claim (under the id's lock), so a vector computed from an older
   * version never replaces a newer one. At most one batch of ids.
   */
  private final java.util.Map<String, Object> embedClaims =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** While a reindex runs (and after, for rollback): where every write is copied to. */
  private volatile Mirror mirror;

  private String readOnlyReason;

  private IndexGeneration(
      Path path, boolean readOnly, DirectoryOpener directories, StorySettings storySettings)
      throws IOException {
    this(path, readOnly, false, directories, storySettings);
  }

  private IndexGeneration(
      Path path,
      boolean readOnly,
      boolean anyVersion,
      DirectoryOpener directories,
      StorySettings storySettings)
      throws IOException {
    this.path = path;
    this.storySettings = java.util.Objects.requireNonNull(storySettings, "storySettings");
    this.directory = directories.open(path);
    IndexWriter openedWriter = null;
    Durability openedDurability = null;
    try {
      LastCommit last = LastCommit.read(directory);
      long logFrom = 0; // a new index: no log file is named yet
      if (last != null) {
        logFrom = last.logFrom();
        if (anyVersion) {
          diskSchemaVersion = last.schemaVersion();
        } else {
          last.requireCurrentSchema(path);
        }
        this.committedAt = last.committedAt();
        storyAliases = StoryAliases.parse(last.storyAliases());
        feedPosition = new FeedPosition(last.feedPosition());
      } else if (readOnly) {
        throw new UncheckedIOException(
            new IOException("no Byline index at " + path + " (index some articles first)"));
      } else if (holdsSegments(path)) {
        // Lucene would start a new index here and delete these files as unreferenced.
        throw new IOException(
            "the index at "
                + path
                + " holds segment files but no commit point (segments_N): it was damaged, and"
                + " opening it would delete them; nothing was changed. Restore a snapshot"
                + " (`byline restore`), or move the folder away to start an empty index");
      }
      if (readOnly) {
        writer = null;
        durability = null;
        workers = null;
        searchers = Searchers.readOnly(directory);
        stories = null;
        return;
      }
      writer = openedWriter = openWriter(path);
      // Replays what the last commit does not hold, and commits.
      durability =
          openedDurability =
              Durability.open(
                  path, writer, logFrom, committedAt, this::failure, storyAliases, feedPosition);
      searchers = Searchers.ofWriter(path, writer, this::failure);
      if (storySettings.detect()) {
        stories =
            new Stories(new StoryDetector(storySettings.threshold()), searchers, storyAliases);
        searchers.addRefreshListener(stories);
      } else {
        stories = null;
      }
      workers = BatchWorkers.forCores("byline-write");
      durability.startCommits();
    } catch (IOException | RuntimeException e) {
      // A writer left open would keep the write lock, and a retry (see Generations#reopenFailed)
      // could never open.
      org.apache.lucene.util.IOUtils.closeWhileHandlingException(
          openedDurability, openedWriter, directory);
      throw e;
    }
  }

  /** Whether {@code path} holds files of Lucene segments (a segment's info or compound file). */
  private static boolean holdsSegments(Path path) throws IOException {
    if (!Files.isDirectory(path)) return false;
    try (var files = Files.list(path)) {
      return files
          .map(f -> f.getFileName().toString())
          .anyMatch(n -> n.startsWith("_") && (n.endsWith(".si") || n.endsWith(".cfs")));
    }
  }

  /**
   * Opens the index in {@code path} for reading and writing, creating it if there is none.
   *
   * @throws IOException if it holds segments but no commit point (a damaged index)
   *
   * @throws SchemaMismatchException if the index was written with another schema version
   * @throws IndexLockedException if another process (a running server) holds the write lock
   */
  static IndexGeneration open(Path path, StorySettings storySettings) throws IOException {
    return open(path, DirectoryOpener.FS, storySettings);
  }

  /** As {@link #open(Path, StorySettings)}, with the directory opened by {@code directories} (a test seam). */
  static IndexGeneration open(Path path, DirectoryOpener directories, StorySettings storySettings)
      throws IOException {
    Files.createDirectories(path);
    return new IndexGeneration(path, false, directories, storySettings);
  }

  /** Story ids merged into others, as this generation records them. */
  StoryAliases storyAliases() {
    return storyAliases;
  }

  /**
   * Records merged stories (old id to surviving id) and commits, so the aliases are durable
   * before any article is moved; a generation being built by a reindex gets them too.
   */
  void addStoryAliases(java.util.Map<String, String> merged) throws IOException {
    requireWritable();
    storyAliases.add(merged);
    Mirror to = mirror;
    if (to != null) to.target().addStoryAliases(merged);
    durability.commit();
  }

  /**
   * Moves the articles still in a story that is now an alias (a key of {@code merged}) to the
   * story it resolves to: those written between the reading of a regrouping's plan and the
   * recording of its aliases, which the plan could not see. Placements made before the aliases
   * were recorded are waited for first (at most {@code 30 s}); later ones resolve the aliases.
   *
   * @return how many articles moved
   */
  int moveOutOfAliases(java.util.Set<String> merged) throws IOException {
    requireWritable();
    if (merged.isEmpty()) return 0;
    if (stories != null) {
      try {
        if (!stories.awaitPlacements(30_000)) {
          org.slf4j.LoggerFactory.getLogger(IndexGeneration.class)
              .warn("writes placed before a regrouping still in flight after 30 s; moving on");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while regrouping stories");
      }
    }
    searchers.refreshBlocking();
    List<Move> moves =
        searchers.withSearcher(
            searcher -> {
              List<Move> out = new ArrayList<>();
              var stored = searcher.storedFields();
              for (String alias : merged) {
                var query =
                    new org.apache.lucene.search.TermQuery(
                        new org.apache.lucene.index.Term(Schema.STORY, alias));
                int under = searcher.count(query); // most are 0: no top-n queue for them
                if (under == 0) continue;
                for (var hit : searcher.search(query, under).scoreDocs) {
                  String id = stored.document(hit.doc, java.util.Set.of(Schema.ID)).get(Schema.ID);
                  out.add(new Move(id, alias, storyAliases.resolve(alias)));
                }
              }
              return out;
            });
    int moved = 0;
    for (int from = 0; from < moves.size(); from += 200) {
      moved += moveToStories(moves.subList(from, Math.min(moves.size(), from + 200)));
    }
    return moved;
  }

  /** How far this generation has applied the cluster feed (see {@link FeedPosition}). */
  FeedPosition feedPosition() {
    return feedPosition;
  }

  /** How this generation finds stories; the one opened in its place gets the same. */
  StorySettings storySettings() {
    return storySettings;
  }

  /**
   * Opens the index for a server: read-write when its schema version is this Byline's; when it is
   * another, read-only (searches work, writes are refused with a message to reindex) so that
   * readers are not cut off by an upgrade.
   */
  static IndexGeneration openForServing(
      Path path, DirectoryOpener directories, StorySettings storySettings) throws IOException {
    try {
      return open(path, directories, storySettings);
    } catch (SchemaMismatchException e) {
      IndexGeneration index = new IndexGeneration(path, true, true, directories, storySettings);
      index.readOnlyReason = e.getMessage();
      return index;
    }
  }

  /** Why this index refuses writes (another schema version), or null. */
  public String readOnlyReason() {
    return readOnlyReason;
  }

  /**
   * Makes the last commit of the index in {@code path} hold every acknowledged write, replaying
   * its write-ahead log if a process stopped without closing it; for readers of the commit that
   * take no lock (offline reindex). Needs the write lock when there is something to replay.
   */
  static void recover(Path path) throws IOException {
    try (Directory dir = FSDirectory.open(path)) {
      LastCommit last = LastCommit.read(dir);
      if (last == null || WriteAheadLog.read(path, last.logFrom()).isEmpty()) return;
    }
    // Replays and commits; the log's articles carry their stories, so nothing is detected.
    open(path, StorySettings.DEFAULTS).close();
  }

  /** Opens the last commit of the index in {@code path} for searching only; takes no lock. */
  static IndexGeneration openReadOnly(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      throw new UncheckedIOException(
          new IOException(
              "no Byline index at "
                  + path
                  + " (index some articles there first, or give the data directory of an index:"
                  + " --data DIR)"));
    }
    return new IndexGeneration(path, true, DirectoryOpener.FS, StorySettings.OFF);
  }

  private IndexWriter openWriter(Path path) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(Schema.analyzer());
    // Snapshots pin a commit's files while they are copied, whatever the writer does meanwhile.
    config.setIndexDeletionPolicy(snapshots);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    config.setCodec(Schema.codec()); // quantized HNSW for the vectors of semantic search
    // A commit or refresh must not wait for merges of the small segments it flushed (Lucene waits
    // up to 500 ms by default): every acknowledged write waits for one of each.
    config.setMaxFullFlushMergeWaitMillis(0);
    config.setCommitOnClose(false); // close() commits itself, with Byline's commit data
    try {
      return new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(
          "the index at "
              + path
              + " is locked by another process (is a Byline server running on it?)",
          e);
    }
  }

  public Path path() {
    return path;
  }

  public boolean readOnly() {
    return writer == null;
  }

  /**
   * Why this generation's writer has failed for good (Lucene's "tragic" exception: a disk that
   * filled up mid-flush, an I/O error), or its refresh thread has stopped on an error; null while
   * it works. Once failed it takes no writes, commits or refreshes; searches go on over the last
   * refreshed view; every acknowledged write is in the write-ahead log, and {@link #open} of the
   * folder (after {@link #closeWriteSide}) gets them all back.
   */
  Throwable failure() {
    if (writer == null) return null;
    Throwable tragic = writer.getTragicException();
    if (tragic != null) return tragic;
    return searchers == null ? null : searchers.refreshFailure(); // null: still opening
  }

  /**
   * Adds or replaces articles (by id). Returns once they are committed and searchable. Each is
   * stored with its story (see {@link Stories}); the story an article comes with is kept.
   *
   * @return for each article, in order, whether it was created or updated
   */
  public List<WriteStatus> write(List<Article> articles) throws IOException {
    return write(articles, null);
  }

  /**
   * As {@link #write(List)}, with the vectors the articles have already ({@code vectors}, in the
   * same order, an element null for an article without one; or null for none): a reindex carries
   * them over instead of embedding every article again.
   */
  List<WriteStatus> write(List<Article> articles, List<Schema.StoredVector> vectors)
      throws IOException {
    return write(articles, vectors, WriteAck.SEARCHABLE);
  }

  /** As {@link #write(List, List)}, answered when {@code ack} says. */
  List<WriteStatus> write(List<Article> articles, List<Schema.StoredVector> vectors, WriteAck ack)
      throws IOException {
    requireWritable();
    WriteStatus[] statuses = new WriteStatus[articles.size()];
    // A large batch runs on every core (see BatchWorkers), each thread claiming the next id and
    // writing its articles in the batch's order (see BatchClaims).
    int parts = workers.parts(articles.size());
    BatchClaims claims = new BatchClaims(articles.stream().map(Article::id).toList());
    List<BatchWorkers.Part<Written>> work = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      work.add(
          () -> {
            Written written = new Written();
            for (int first = claims.claim(); first >= 0; first = claims.claim()) {
              for (int i = first; i >= 0; i = claims.nextSameId(i)) {
                statuses[i] =
                    writeOne(articles.get(i), vectors == null ? null : vectors.get(i), written);
              }
            }
            return written;
          });
    }
    long maxSeqNo = -1;
    long logged = 0;
    long mirrorLogged = 0;
    Mirror copyTo = null;
    for (Written written : workers.runAll(work)) {
      maxSeqNo = Math.max(maxSeqNo, written.maxSeqNo);
      logged = Math.max(logged, written.logged);
      if (written.copyTo != null) {
        copyTo = written.copyTo;
        mirrorLogged = Math.max(mirrorLogged, written.mirrorLogged);
      }
    }
    if (maxSeqNo >= 0) {
      durability.sync(logged);
      if (copyTo != null) copyTo.sync(mirrorLogged);
      if (ack == WriteAck.SEARCHABLE) {
        if (parts > 1) flushOnEveryPart(parts);
        searchers.awaitVisible(maxSeqNo);
      }
    }
    return List.of(statuses);
  }

  /**
   * Flushes the writer's buffers on every thread of a batch before the refresh it waits for: the
   * refresh would flush them one after another on its own thread while the batch's others
   * idled (the client waits for the answer before it sends more). Lucene hands each caller a
   * different buffer. Best effort: a flush that fails here is left to the refresh, which fails and
   * is reported as before. Bulk API answered once searchable, 20,000 articles in 1,000-article
   * requests, 7 rounds each way alternating: 1,004-1,110 -> 959-1,258 articles/s, faster in 6 of
   * 7 (the same cores: 1.66 -> 1.77 busy).
   */
  private void flushOnEveryPart(int parts) {
    List<BatchWorkers.Part<Boolean>> flushes = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) flushes.add(writer::flushNextBuffer);
    try {
      workers.runAll(flushes);
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      org.slf4j.LoggerFactory.getLogger(IndexGeneration.class)
          .debug("flushing before the refresh failed; the refresh will flush", e);
    }
  }

  /** What one part of a batch wrote: the positions to sync to and the sequence number to see. */
  private static final class Written {
    long maxSeqNo = -1;
    long logged;
    long mirrorLogged;
    Mirror copyTo;
  }

  /** Logs and applies one article of a batch under its id's lock; records it in {@code written}. */
  private WriteStatus writeOne(Article received, Schema.StoredVector vector, Written written)
      throws IOException {
    // Signed outside the locks: it is most of the cost of finding the story.
    StorySignature signature = stories == null ? null : StorySignature.of(received.body());
    IdLocks.Held held = idLocks.lock(received.id());
    try {
      boolean existed = searchers.exists(received.id());
      embedClaims.remove(received.id()); // a vector being computed is of an older version
      Article article = received;
      long[] done;
      if (stories == null) {
        done = durability.logAndWrite(article, null, vector);
      } else {
        // Placements are one at a time; the updates (most of a write's cost) are not.
        article = stories.place(received, signature, existed);
        try {
          done = durability.logAndWrite(article, signature, vector);
        } catch (IOException | RuntimeException | Error e) {
          stories.abandoned(article.id());
          throw e;
        }
      }
      searchers.written(article.id());
      // After the searchers know it exists: a kept article they do not know joins nothing.
      if (stories != null) stories.written(article, signature);
      Mirror to = mirror;
      written.logged = Math.max(written.logged, done[0]);
      written.maxSeqNo = Math.max(written.maxSeqNo, done[1]);
      if (to != null && to.accepting()) {
        written.copyTo = to;
        written.mirrorLogged = Math.max(written.mirrorLogged, to.write(article));
      }
      return existed ? WriteStatus.UPDATED : WriteStatus.CREATED;
    } finally {
      held.close();
    }
  }

  /** One article to move to another story: its story when planned ({@code from}, or null). */
  record Move(String id, String from, String to) {}

  /**
   * Moves articles to other stories (for {@link StoryRecluster}): each is read again and written
   * with only its story changed, under the locks of every id of the batch and after a refresh,
   * so a write made meanwhile is never overwritten by an older version. An article deleted
   * meanwhile, or whose story is no longer the planned {@code from}, is left as it is. Returns
   * once the moves are durable and searchable.
   *
   * @return how many articles moved
   */
  int moveToStories(List<Move> moves) throws IOException {
    requireWritable();
    long[] done = {-1, 0, 0}; // max sequence number, logged, moved
    Mirror[] copyTo = {null};
    long[] mirrorLogged = {0};
    holdingLocks(
        moves.stream().map(Move::id).toList(),
        () -> {
          searchers.refreshBlocking(); // shows every write of these ids made before the locks
          List<Schema.StoredVector> vectors = new ArrayList<>(moves.size());
          List<Article> current =
              searchers.withSearcher(
                  searcher -> {
                    List<Article> out = new ArrayList<>(moves.size());
                    var stored = searcher.storedFields();
                    for (Move m : moves) {
                      var hits =
                          searcher.search(
                                  new org.apache.lucene.search.TermQuery(Schema.idTerm(m.id())), 1)
                              .scoreDocs;
                      if (hits.length == 0) {
                        out.add(null);
                        vectors.add(null);
                        continue;
                      }
                      var document = stored.document(hits[0].doc);
                      Article article = Schema.fromDocument(document);
                      out.add(article);
                      // Only the story changes: the vector stays right, and is carried over.
                      vectors.add(
                          Schema.vectorOf(
                              searcher.getIndexReader(), hits[0].doc, document, article));
                    }
                    return out;
                  });
          for (int i = 0; i < moves.size(); i++) {
            Article article = current.get(i);
            Move move = moves.get(i);
            if (article == null || !java.util.Objects.equals(article.story(), move.from())) {
              continue;
            }
            Article moved = article.withStory(move.to());
            StorySignature signature = stories == null ? null : StorySignature.of(moved.body());
            embedClaims.remove(moved.id());
            long[] written;
            written = durability.logAndWrite(moved, signature, vectors.get(i));
            done[1] = written[0];
            done[0] = written[1];
            done[2]++;
            searchers.written(moved.id());
            if (stories != null) stories.written(moved, signature);
            Mirror to = mirror;
            if (to != null && to.accepting()) {
              copyTo[0] = to;
              mirrorLogged[0] = to.write(moved);
            }
          }
        });
    if (done[0] >= 0) {
      durability.sync(done[1]);
      if (copyTo[0] != null) copyTo[0].sync(mirrorLogged[0]);
      searchers.awaitVisible(done[0]);
    }
    return (int) done[2];
  }

  @FunctionalInterface
  private interface LockedWork {
    void run() throws IOException;
  }

  /** Runs {@code work} holding the locks of every id of {@code ids}. */
  private void holdingLocks(List<String> ids, LockedWork work) throws IOException {
    IdLocks.Held held = idLocks.lockAll(ids);
    try {
      work.run();
    } finally {
      held.close();
    }
  }

  /**
   * Deletes the article with this id. Returns once the deletion is committed and searchable.
   *
   * @return false if there was no such article
   */
  public boolean delete(String id) throws IOException {
    requireWritable();
    long seqNo;
    long logged;
    long mirrorLogged = 0;
    Mirror copyTo;
    IdLocks.Held held = idLocks.lock(id);
    try {
      if (!searchers.exists(id)) {
        return false;
      }
      embedClaims.remove(id);
      long[] done = durability.logAndDelete(id);
      logged = done[0];
      seqNo = done[1];
      searchers.deleted(id);
      copyTo = mirror;
      if (copyTo != null && !copyTo.accepting()) copyTo = null;
      if (copyTo != null) mirrorLogged = copyTo.delete(id);
    } finally {
      held.close();
    }
    durability.sync(logged);
    if (copyTo != null) copyTo.sync(mirrorLogged);
    searchers.awaitVisible(seqNo);
    return true;
  }

  /** Records a search made for a request (see {@link Searchers#searched}). */
  void searched() {
    searchers.searched();
  }

  /** Runs {@code fn} with the current searcher, released afterwards whatever happens. */
  <T> T withSearcher(ArticleIndex.SearcherFunction<T> fn) throws IOException {
    return searchers.withSearcher(fn);
  }

  /**
   * Copies a consistent point-in-time image of the index (its last commit, which holds every
   * acknowledged write) into {@code target}, while searches and writes go on. {@code target} must
   * not exist yet; it gets {@code index/} and {@code snapshot.json}.
   *
   * @return what the snapshot holds
   */
  ArticleIndex.Snapshot snapshot(Path target) throws IOException {
    requireWritable();
    if (Files.exists(target)) throw new Snapshots.TargetTakenException(target);
    durability.commit(); // the last commit then holds every acknowledged write
    IndexCommit commit = snapshots.snapshot();
    try {
      return Snapshots.copy(path, commit, target);
    } finally {
      snapshots.release(commit);
      writer.deleteUnusedFiles();
    }
  }

  public IndexStats stats() throws IOException {
    return withSearcher(
        searcher ->
            new IndexStats(
                searcher.getIndexReader().numDocs(),
                IndexStats.bytesIn(directory),
                searcher.getIndexReader().leaves().size(),
                diskSchemaVersion,
                durability == null ? committedAt : durability.lastCommit(),
                readOnlyReason != null,
                readOnlyReason,
                -1,
                -1));
  }

  /** A test seam: how long writes wait to be searchable (see {@link Searchers#MAX_VISIBILITY_WAIT_MS}). */
  void visibilityWait(int ms) {
    searchers.visibilityWait(ms);
  }

  /** From now on every write and delete is also applied to {@code next}. */
  void startMirror(IndexGeneration next) {
    mirror = new Mirror(next);
  }

  void stopMirror() {
    mirror = null;
  }

  /** The generation writes are copied to, or null. */
  IndexGeneration mirror() {
    Mirror m = mirror;
    return m == null ? null : m.target();
  }

  /** This generation's log and commits; null when read-only. */
  Durability durability() {
    return durability;
  }

  /**
   * Copies one article into the generation being built, unless a write since mirroring began has
   * already put a newer version (or a deletion) there. The check and the copy hold the id's lock,
   * as writes do, so they cannot interleave with one. {@code vector}, when not null, is the
   * article's vector carried over (see {@link Reindexer.StoredArticles#vector}).
   */
  void copyInto(IndexGeneration next, Article article, Schema.StoredVector vector)
      throws IOException {
    IdLocks.Held held = idLocks.lock(article.id());
    try {
      Mirror m = mirror;
      if (m == null || !m.touched(article.id())) {
        next.writer.updateDocument(
            Schema.idTerm(article.id()),
            Schema.toDocument(article, StorySignature.of(article.body()), vector));
      }
    } finally {
      held.close();
    }
  }

  /**
   * Claims articles for embedding: until {@link #addVectors} (or a write or delete of the id),
   * the claim stands for the version of each article that this generation's writer holds now. The
   * caller then reads them from a searcher refreshed after this call (see {@link #refreshBlocking}),
   * which shows every write that happened before the claim.
   */
  void claimForEmbedding(java.util.Collection<String> ids, Object token) {
    requireWritable();
    for (String id : ids) {
      IdLocks.Held held = idLocks.lock(id);
      try {
        embedClaims.put(id, token);
      } finally {
        held.close();
      }
    }
  }

  /**
   * Gives each article its vector, by replacing its document with the same article and the vector,
   * unless its claim (made with {@code token}) was dropped by a write or delete since: then the
   * vector is of an older version and is thrown away (the newer one is still to embed). Not
   * written to the write-ahead log: a vector can always be computed again, and an article whose
   * vector a crash lost is still to embed after the replay. Nothing is copied to a mirror: the
   * generation a reindex builds embeds its articles itself once live.
   *
   * @return how many vectors were added
   */
  int addVectors(List<Article> articles, List<float[]> vectors, String field, Object token)
      throws IOException {
    requireWritable();
    int added = 0;
    for (int i = 0; i < articles.size(); i++) {
      Article article = articles.get(i);
      // The document is replaced whole, so it keeps its story keys only if they are written
      // again: later copies of the story find it by them.
      StorySignature signature = stories == null ? null : StorySignature.of(article.body());
      IdLocks.Held held = idLocks.lock(article.id());
      try {
        if (embedClaims.remove(article.id(), token)) {
          writer.updateDocument(
              Schema.idTerm(article.id()),
              Schema.toDocument(
                  article, signature, new Schema.StoredVector(field, vectors.get(i))));
          added++;
        }
      } finally {
        held.close();
      }
    }
    return added;
  }

  /**
   * Sets an article aside for embedding ({@link Schema#toSetAsideDocument}): rewrites its document
   * with the mark, unless its claim (made with {@code token}) was dropped by a write or delete
   * since, as {@link #addVectors} does. Not written to the write-ahead log: an article whose mark
   * a crash lost is tried again.
   *
   * @return whether it was marked
   */
  boolean setAside(Article article, Object token) throws IOException {
    requireWritable();
    StorySignature signature = stories == null ? null : StorySignature.of(article.body());
    IdLocks.Held held = idLocks.lock(article.id());
    try {
      if (!embedClaims.remove(article.id(), token)) return false;
      writer.updateDocument(
          Schema.idTerm(article.id()), Schema.toSetAsideDocument(article, signature));
      return true;
    } finally {
      held.close();
    }
  }

  /** Drops the claims made with {@code token} that {@link #addVectors} did not use. */
  void releaseClaims(java.util.Collection<String> ids, Object token) {
    for (String id : ids) embedClaims.remove(id, token);
  }

  /**
   * Makes everything written so far searchable now (outside requests: reindex and the embedding
   * pipeline only).
   */
  void refreshBlocking() throws IOException {
    searchers.refreshBlocking();
  }

  /**
   * Returns once every write acknowledged so far (those answered before a refresh showed them,
   * {@link WriteAck#DURABLE}, included) is searchable; at once on a read-only generation.
   *
   * @throws NotYetSearchableException as a write's wait does
   */
  void awaitSearchable() throws IOException {
    if (writer == null) return;
    searchers.awaitVisible(writer.getMaxCompletedSequenceNumber());
  }

  /** Whether an article with this id exists, counting writes and deletes not yet refreshed. */
  boolean exists(String id) throws IOException {
    return searchers.exists(id);
  }

  /** Commits what is pending, whether or not anyone waits for it. */
  void commitNow() throws IOException {
    if (writer != null) durability.commit();
  }

  private void requireWritable() {
    if (readOnlyReason != null) {
      throw new IndexReadOnlyException(readOnlyReason);
    }
    if (writer == null) {
      throw new IllegalStateException("index at " + path + " is open read-only");
    }
  }

  /**
   * Stops the background commits and closes the write-ahead log of a generation whose writer has
   * {@link #failure failed}, so that the folder can be opened again beside it (which replays the
   * log) while this one still serves searches until {@link #close}. Deletes nothing.
   */
  void closeWriteSide() throws IOException {
    if (writer == null) return;
    workers.close();
    durability.stopCommits();
    if (writer.isOpen()) writer.rollback(); // a stopped refresh: the writer still holds the lock
    durability.close();
  }

  /**
   * Commits what is pending and closes; searchers handed out must have been released. A
   * generation whose writer has {@link #failure failed} is closed without a commit: its
   * write-ahead log holds what the last commit lacks.
   */
  @Override
  public void close() throws IOException {
    try {
      if (durability != null) {
        workers.close();
        durability.stopCommits();
      }
      searchers.close();
      if (writer != null) {
        if (failure() == null && writer.hasUncommittedChanges()) {
          durability.commit();
        }
        if (writer.isOpen()) writer.close();
        durability.close();
      }
    } finally {
      directory.close();
    }
  }
}
