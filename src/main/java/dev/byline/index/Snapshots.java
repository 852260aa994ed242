package dev.byline.index;

import dev.byline.config.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Snapshots on disk: a folder with {@code index/} (the files of one Lucene commit) and {@code
 * snapshot.json} (what it holds), written whole or not at all; and restoring one in place of an
 * index. Taking one from a live index is {@link ArticleIndex#snapshot}, which pins the commit
 * while this copies it.
 */
public final class Snapshots {
  private Snapshots() {}

  /** What a snapshot's folder is called, next to it, while it is being written. */
  public static final String STAGING_SUFFIX = ".partial";

  /**
   * Deletes the snapshots left staged in {@code snapshotsDir} (folders ending in {@link
   * #STAGING_SUFFIX}) by a process that died writing them. Only for the data directory's owner,
   * at start-up, before any snapshot can be in flight.
   */
  public static void removeStaged(Path snapshotsDir) throws IOException {
    if (!Files.isDirectory(snapshotsDir)) return;
    try (var entries = Files.list(snapshotsDir)) {
      for (Path p : entries.toList()) {
        if (p.getFileName().toString().endsWith(STAGING_SUFFIX) && Files.isDirectory(p)) {
          DataDir.deleteTree(p);
        }
      }
    }
  }

  /** A snapshot's target that exists already, or that another snapshot is being written to. */
  public static final class TargetTakenException extends IOException {
    public TargetTakenException(Path target) {
      super("a snapshot named '" + target.getFileName() + "' already exists or is being taken");
    }
  }

  /**
   * Puts the files of {@code commit} of the index in {@code indexDir} into {@code target} (which
   * must not exist), linked where the file system allows it, else copied (see {@link #place}), through {@code target.partial} so that {@code target} appears whole or not
   * at all. The commit must be pinned (not deleted by the writer) until this returns.
   *
   * @return what the snapshot holds
   */
  static ArticleIndex.Snapshot copy(Path indexDir, IndexCommit commit, Path target)
      throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + STAGING_SUFFIX);
    if (Files.exists(target)) throw new TargetTakenException(target);
    try {
      // Made at once or not at all: of two snapshots to the same target, one stages, the other
      // is refused here and leaves the staging folder alone.
      Files.createDirectory(tmp);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new TargetTakenException(target);
    }
    try {
      Path files = Files.createDirectories(tmp.resolve("index"));
      for (String name : commit.getFileNames()) {
        place(indexDir.resolve(name), files.resolve(name));
      }
      long articles;
      try (FSDirectory copy = FSDirectory.open(files);
          DirectoryReader reader = DirectoryReader.open(copy)) {
        articles = reader.numDocs();
        // A copied file is on disk only once synced (a linked one already is: the commit is).
        copy.sync(commit.getFileNames());
        copy.syncMetaData();
      }
      ArticleIndex.Snapshot snapshot =
          new ArticleIndex.Snapshot(target, articles, Schema.VERSION, Instant.now());
      Files.writeString(
          tmp.resolve(ArticleIndex.Snapshot.MANIFEST),
          "{\"articles\": "
              + articles
              + ", \"schema_version\": "
              + Schema.VERSION
              + ", \"created\": \""
              + snapshot.created()
              + "\"}\n");
      try {
        Files.move(tmp, target); // whole or not at all
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new TargetTakenException(target);
      }
      return snapshot;
    } finally {
      if (Files.exists(tmp)) {
        DataDir.deleteTree(tmp);
      }
    }
  }

  /**
   * Gives {@code target} the content of {@code source}: a second name for the same file (a hard
   * link) when the file system allows it, else a copy. Lucene never changes a file once written,
   * so a linked snapshot is as safe as a copied one and costs no disk until the live index merges
   * the file away; a copy is the fallback across file systems (a data directory's {@code
   * snapshots/} on another mount) or where links are not supported.
   */
  private static void place(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      Files.deleteIfExists(target);
      Files.copy(source, target);
    }
  }

  /**
   * Replaces the index in {@code indexDir} with the one in a snapshot (written by {@link
   * ArticleIndex#snapshot}), keeping the replaced one
   * beside it as {@code index.before-restore-<time>}. No writer may have the index open.
   *
   * @return the number of articles restored
   */
  public static long restore(Path snapshotDir, Path indexDir) throws IOException {
    Path source = snapshotDir.resolve("index");
    if (!Files.isRegularFile(snapshotDir.resolve(ArticleIndex.Snapshot.MANIFEST))
        || !Files.isDirectory(source)) {
      throw new IOException(
          snapshotDir
              + " is not a Byline snapshot (no "
              + ArticleIndex.Snapshot.MANIFEST
              + " and index/)");
    }
    long articles;
    try (FSDirectory dir = FSDirectory.open(source)) {
      LastCommit last = LastCommit.read(dir);
      if (last == null) throw new IOException(snapshotDir + " holds no index");
      last.requireCurrentSchema(source);
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        articles = reader.numDocs();
      }
    }
    Files.createDirectories(indexDir.getParent());
    Path staged = indexDir.resolveSibling(indexDir.getFileName() + ".restoring");
    if (Files.exists(staged)) DataDir.deleteTree(staged);
    Files.createDirectories(staged);
    try (var files = Files.list(source)) {
      for (Path file : files.toList()) Files.copy(file, staged.resolve(file.getFileName()));
    }
    if (Files.exists(indexDir)) {
      try (FSDirectory live = FSDirectory.open(indexDir)) {
        live.obtainLock(IndexWriter.WRITE_LOCK_NAME).close(); // fails while a server has it open
      } catch (LockObtainFailedException e) {
        DataDir.deleteTree(staged);
        throw new IndexLockedException(
            "the index at " + indexDir + " is in use: stop the server before restoring", e);
      }
      Files.move(
          indexDir,
          indexDir.resolveSibling(
              indexDir.getFileName() + ".before-restore-" + System.currentTimeMillis()));
    }
    Files.move(staged, indexDir);
    return articles;
  }
}
