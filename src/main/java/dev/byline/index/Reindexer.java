package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index with the current schema and analyzers, the safe way: build a new generation
 * beside the live one, check it, swap the {@code CURRENT} pointer atomically, keep the previous
 * generation for {@link #rollback}, and clean up older ones by a retention setting. Until the swap
 * the live index is never touched, so an interrupted rebuild (Ctrl-C, kill -9, a full disk) leaves
 * it serving and only a half-built folder behind, which the next attempt removes.
 *
 * <p>{@link #rebuild} is the offline path: no server may hold the index's write lock. The online
 * one ({@link OnlineReindex}) takes the same steps with what is here: {@link
 * #startBuilding}, the same {@link #check}, {@link #finishBuilding} or {@link #abandon}.
 */
public final class Reindexer {
  private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
  private static final int BATCH = 2_000;

  /** How many articles a rebuild looks for in the new generation before it swaps it in. */
  static final int CANARIES = 5;

  /** What a rebuild did. */
  public record Result(Path generation, long articles, long liveArticles, List<String> checks) {}

  private Reindexer() {}

  /** A generation being built: its folder, and the marker that says it is not finished. */
  record Building(String name, Path dir) {}

  /** Removes what interrupted builds left, then starts a new generation's folder and marker. */
  static Building startBuilding(DataDir dataDir) throws IOException {
    removeHalfBuilt(dataDir);
    String name = dataDir.newGenerationName();
    Path dir = Files.createDirectories(dataDir.generation(name));
    // The builder's process id: a server starting later removes a generation whose builder died.
    Files.writeString(
        dataDir.buildingMarker(name),
        "a reindex is building " + name + "\n" + PID_LINE + ProcessHandle.current().pid() + "\n");
    return new Building(name, dir);
  }

  /** Makes a checked generation live, records the one it replaces, applies retention. */
  static void finishBuilding(DataDir dataDir, Building building, int keep) throws IOException {
    dataDir.makeLive(building.name(), dataDir.liveName());
    Files.deleteIfExists(dataDir.buildingMarker(building.name()));
    cleanup(dataDir, keep);
  }

  /**
   * The online copy: every article stored in {@code live}'s current searcher into {@code next},
   * skipping those a write since mirroring began has already put there (see {@link
   * IndexGeneration#copyInto}). {@code live} must already mirror into {@code next} and have been
   * refreshed since, so that the copy misses no write. Vectors are carried over when the text
   * they were computed from is what would be embedded now ({@link StoredArticles#vector}): the
   * new generation's semantic side answers at once, with nothing to embed again.
   *
   * @return the first {@link #CANARIES} articles copied, for {@link #check}
   */
  static List<Article> copyStored(
      IndexGeneration live, IndexGeneration next, ArticleIndex.ReindexProgress progress)
      throws IOException {
    List<Article> canaries = new ArrayList<>();
    long copied =
        live.withSearcher(
            searcher -> {
              progress.total(searcher.getIndexReader().numDocs());
              long n = 0;
              for (var stored = new StoredArticles(searcher.getIndexReader()); stored.hasNext(); ) {
                Article article = stored.next();
                live.copyInto(next, article, stored.vector());
                if (canaries.size() < CANARIES) canaries.add(article);
                if (++n % 1_000 == 0) progress.copied(n);
              }
              progress.copied(n);
              return n;
            });
    log.info("reindex copied {} articles into {}", copied, next.path().getFileName());
    return canaries;
  }

  /** Throws away a generation whose build failed; the live index is untouched. */
  static void abandon(DataDir dataDir, Building building) throws IOException {
    DataDir.deleteTree(building.dir());
    Files.deleteIfExists(dataDir.buildingMarker(building.name()));
  }

  /**
   * The articles stored in an index (any schema version that stores them), streamed in index
   * order from its last commit. Close it when done.
   */
  public static final class StoredArticles implements Iterator<Article>, java.io.Closeable {
    private final FSDirectory dir; // null when the reader belongs to the caller
    private final org.apache.lucene.index.IndexReader reader;
    private final List<LeafReaderContext> leaves;
    private int leaf;
    private int doc = -1;
    private Article next;
    private Schema.StoredVector nextVector;
    private Schema.StoredVector lastVector;

    /** Reads the last commit of the index in {@code indexDir}; closing closes it. */
    public StoredArticles(Path indexDir) throws IOException {
      this(recovered(indexDir));
    }

    private static FSDirectory recovered(Path indexDir) throws IOException {
      IndexGeneration.recover(indexDir); // writes a crash left in the log only
      return FSDirectory.open(indexDir);
    }

    private StoredArticles(FSDirectory dir) throws IOException {
      this(dir, DirectoryReader.open(dir));
    }

    /** Reads a view the caller owns (and closes). */
    StoredArticles(org.apache.lucene.index.IndexReader reader) {
      this(null, reader);
    }

    private StoredArticles(FSDirectory dir, org.apache.lucene.index.IndexReader reader) {
      this.dir = dir;
      this.reader = reader;
      this.leaves = reader.leaves();
      advance();
    }

    /** Live articles in the commit read. */
    public long count() {
      return reader.numDocs();
    }

    private void advance() {
      next = null;
      try {
        while (leaf < leaves.size()) {
          LeafReader r = leaves.get(leaf).reader();
          Bits live = r.getLiveDocs();
          while (++doc < r.maxDoc()) {
            if (live == null || live.get(doc)) {
              StoredFields stored = r.storedFields();
              org.apache.lucene.document.Document document = stored.document(doc);
              next = Schema.fromDocument(document);
              nextVector = Schema.vectorOf(r, doc, document, next);
              return;
            }
          }
          leaf++;
          doc = -1;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Article next() {
      if (next == null) throw new java.util.NoSuchElementException();
      Article out = next;
      lastVector = nextVector;
      advance();
      return out;
    }

    /**
     * The vector of the article {@link #next} returned last, when its document had one computed
     * from the text that would be embedded now; null if it had none or the text has changed.
     */
    Schema.StoredVector vector() {
      return lastVector;
    }

    @Override
    public void close() throws IOException {
      if (dir == null) return;
      try {
        reader.close();
      } finally {
        dir.close();
      }
    }
  }

  /**
   * Builds a new generation from {@code articles}, checks it and makes it live.
   *
   * @param expected how many articles the new generation must hold (the live count, when
   *     rebuilding from the stored articles), or -1 to skip that check (rebuilding from sources)
   * @param keep how many generations before the live one to keep (at least 1, for rollback)
   * @param progress told the number of articles written so far
   * @param stories how the new generation finds the stories of articles that have none (articles
   *     copied from the live index keep theirs)
   */
  public static Result rebuild(
      Path dataDir,
      Iterator<Article> articles,
      long expected,
      int keep,
      LongConsumer progress,
      dev.byline.config.StorySettings stories)
      throws IOException {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1 (got: " + keep + ")");
    DataDir data = DataDir.of(dataDir);
    checkRoom(data);
    Building building = startBuilding(data);
    Path next = building.dir();
    long written = 0;
    List<Article> sample = new ArrayList<>(); // the first few and the last: canaries for the check
    Article last = null;
    // Story ids merged into others must still resolve in the rebuilt index.
    LastCommit live = lastCommitOf(data.liveIndex());
    Map<String, String> aliases =
        live == null ? Map.of() : StoryAliases.parse(live.storyAliases()).all();
    try (ArticleIndex index = ArticleIndex.open(next, stories)) {
      index.addStoryAliases(aliases);
      List<Article> batch = new ArrayList<>(BATCH);
      // Vectors still right for their article's text are carried over, not computed again.
      StoredArticles stored = articles instanceof StoredArticles s ? s : null;
      if (stored != null && live != null && live.feedPosition() != null) {
        // The live index's stored articles are what its cluster feed had applied as of its last
        // commit: the rebuilt one resumes the feed there (from sources, it reads it all again).
        index.recordFeedPosition(live.feedPosition());
      }
      List<Schema.StoredVector> vectors = stored == null ? null : new ArrayList<>(BATCH);
      while (articles.hasNext()) {
        Article article = articles.next();
        batch.add(article);
        if (vectors != null) vectors.add(stored.vector());
        if (sample.size() < CANARIES) sample.add(article);
        last = article;
        if (batch.size() == BATCH) {
          index.write(batch, vectors);
          written += batch.size();
          progress.accept(written);
          batch.clear();
          if (vectors != null) vectors.clear();
        }
      }
      if (!batch.isEmpty()) {
        index.write(batch, vectors);
        written += batch.size();
        progress.accept(written);
      }
    }
    if (last != null && !sample.contains(last)) sample.add(last);
    List<String> checks;
    try {
      checks = check(next, expected, sample);
    } catch (IOException | RuntimeException e) {
      abandon(data, building);
      throw e;
    }
    finishBuilding(data, building, keep);
    long liveCount = expected < 0 ? written : expected;
    return new Result(next, written, liveCount, checks);
  }

  /** What the last commit of the index in {@code dir} records; null if there is no index. */
  private static LastCommit lastCommitOf(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return null;
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir)) {
      return LastCommit.read(directory);
    }
  }

  /**
   * Refuses an offline rebuild that the disk has no room for: a second copy of the live index
   * above the flood stage ({@link DiskSpace#of}'s automatic one). The online rebuild is checked the
   * same way against the server's own {@link DiskSpace} ({@link ArticleIndex#startReindex}).
   */
  private static void checkRoom(DataDir data) throws IOException {
    removeHalfBuilt(data); // what an interrupted rebuild left is space this one may use
    Path live = data.liveIndex();
    if (!Files.isDirectory(live)) return;
    long bytes = 0;
    try (var files = Files.list(live)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) bytes += Files.size(file);
    }
    DiskSpace.of(data.root()).checkRoom(bytes, "a reindex (a second copy of the index)");
  }

  /**
   * The checks of a rebuilt generation before it is swapped in, offline and online alike: its last
   * commit holds {@code expected} articles (unless -1), each canary by its id, and Lucene's
   * CheckIndex finds nothing wrong. Throws (and the caller swaps nothing) if one fails.
   *
   * @return what was checked, as the {@link Result} reports it
   */
  static List<String> check(Path index, long expected, List<Article> canaries) throws IOException {
    List<String> checks = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      if (expected >= 0 && reader.numDocs() != expected) {
        throw new IOException(
            "check failed: the new index holds "
                + reader.numDocs()
                + " articles, the live one "
                + expected);
      }
      checks.add("count " + reader.numDocs());
      IndexSearcher searcher = new IndexSearcher(reader);
      for (Article canary : canaries) {
        if (searcher.count(new TermQuery(Schema.idTerm(canary.id()))) != 1) {
          throw new IOException(
              "check failed: canary article " + canary.id() + " is not in the new index");
        }
      }
      checks.add("canaries " + canaries.size());
    }
    checkIndex(index);
    checks.add("CheckIndex clean");
    return checks;
  }

  /** Lucene's CheckIndex on the last commit, without the write lock (the writer is closed or, online, paused). */
  private static void checkIndex(Path dir) throws IOException {
    try (FSDirectory fs = FSDirectory.open(dir);
        CheckIndex checker =
            new CheckIndex(
                fs, NoLockFactory.INSTANCE.obtainLock(fs, IndexWriter.WRITE_LOCK_NAME))) {
      if (!checker.checkIndex().clean) {
        throw new IOException("check failed: Lucene's CheckIndex found problems in " + dir);
      }
    }
  }

  /** Fails if a writer (a running server, an `index` in progress) has the index open. */
  public static void requireNotInUse(Path indexDir) throws IOException {
    if (ArticleIndex.isLocked(indexDir)) {
      throw new IndexLockedException(
          "the index at " + indexDir + " is in use by another process: stop it before reindexing",
          null);
    }
  }

  /**
   * Brings the previous generation back as the live one (and keeps the one it replaces as the
   * new previous, so a rollback can itself be undone).
   *
   * @return the generation now live
   * @throws ReindexConflictException if there is no previous generation to bring back
   */
  public static Path rollback(Path dataDir) throws IOException {
    DataDir data = DataDir.of(dataDir);
    String previous = data.previousName();
    if (previous == null) {
      throw new ReindexConflictException(
          ReindexConflictException.Reason.NOTHING_TO_ROLL_BACK,
          "nothing to roll back to: no reindex has replaced an index in " + dataDir);
    }
    if (!Files.isDirectory(data.generation(previous))) {
      throw new ReindexConflictException(
          ReindexConflictException.Reason.NOTHING_TO_ROLL_BACK,
          "nothing to roll back to: the previous index "
              + previous
              + " is gone (cleaned up by retention?)");
    }
    data.makeLive(previous, data.liveName());
    return data.generation(previous);
  }

  /** Deletes generations older than the live one and the {@code keep} before it. */
  static void cleanup(DataDir dataDir, int keep) throws IOException {
    String current = dataDir.liveName();
    String previous = dataDir.previousName();
    int kept = 0;
    for (Path generation : dataDir.generations()) {
      String name = generation.getFileName().toString();
      if (name.equals(current)) continue;
      if (name.equals(previous) || kept < keep) {
        kept++;
        continue;
      }
      DataDir.deleteTree(generation);
    }
  }

  private static final String PID_LINE = "pid ";

  /**
   * Removes the generations left half-built by a rebuild (or restore) whose process has died: a
   * kill during a reindex left a copy of the index on disk until the next reindex. For the data
   * directory's owner at start-up. A marker that names no process (an older Byline's), or one
   * still running, or this one, is left alone: an offline reindex checking its generation holds
   * no lock to tell it by.
   */
  public static void removeAbandoned(DataDir dataDir) throws IOException {
    long self = ProcessHandle.current().pid();
    for (String name : dataDir.halfBuilt()) {
      Path marker = dataDir.buildingMarker(name);
      long pid = -1;
      try {
        for (String line : Files.readAllLines(marker)) {
          if (line.startsWith(PID_LINE))
            pid = Long.parseLong(line.substring(PID_LINE.length()).strip());
        }
      } catch (IOException | NumberFormatException unreadable) {
        continue;
      }
      if (pid < 0 || pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        continue;
      log.info("removing {}, left half-built by process {}, which has ended", name, pid);
      removeBuilding(dataDir, name);
    }
  }

  /** Deletes the generation {@code name} unless it is live, and its building marker. */
  private static void removeBuilding(DataDir dataDir, String name) throws IOException {
    if (!dataDir.generation(name).equals(dataDir.liveIndex()))
      DataDir.deleteTree(dataDir.generation(name));
    Files.deleteIfExists(dataDir.buildingMarker(name));
  }

  /** A rebuild interrupted before its swap leaves its folder and marker: remove them. */
  private static void removeHalfBuilt(DataDir dataDir) throws IOException {
    for (String name : dataDir.halfBuilt()) removeBuilding(dataDir, name);
  }
}
