package dev.byline.index;

import dev.byline.config.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.Lock;
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
      // The manifest and the folder's names on disk before the rename names them, and the
      // rename itself before the snapshot is answered as taken: a power cut after the answer
      // could otherwise undo it on a file system that does not write names in order.
      org.apache.lucene.util.IOUtils.fsync(tmp.resolve(ArticleIndex.Snapshot.MANIFEST), false);
      org.apache.lucene.util.IOUtils.fsync(tmp, true);
      try {
        Files.move(tmp, target); // whole or not at all
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new TargetTakenException(target);
      }
      org.apache.lucene.util.IOUtils.fsync(target.toAbsolutePath().getParent(), true);
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
   * Reads every file of the snapshot's last commit whole against the checksum Lucene wrote at its
   * end, as {@code CheckIndex}'s checksum level does: a byte changed on a backup disk is found
   * before the index goes live, not at its first merge (an outside hunt's restore of a damaged
   * snapshot said "restored", and the server on it failed every merge and write).
   *
   * @throws IOException naming the file that fails
   */
  private static void verifyChecksums(FSDirectory dir, Path snapshotDir) throws IOException {
    org.apache.lucene.index.SegmentInfos commit =
        org.apache.lucene.index.SegmentInfos.readLatestCommit(dir);
    for (String file : commit.files(true)) {
      try (org.apache.lucene.store.IndexInput in =
          dir.openInput(file, org.apache.lucene.store.IOContext.READONCE)) {
        org.apache.lucene.codecs.CodecUtil.checksumEntireFile(in);
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            snapshotDir + " is damaged: its file " + file + " fails its checksum (" + e + ")", e);
      }
    }
  }

  /** What a restore did. */
  public record Restored(long articles, Path generation, String replaced) {}

  /** Where a restore stands, told to the test seam of {@link #restore(Path, DataDir, Consumer)}. */
  enum RestoreStep {
    CHECKED,
    STARTED,
    FILE_COPIED,
    SYNCED,
    LIVE,
    DONE
  }

  /**
   * Makes the index in a snapshot (written by {@link ArticleIndex#snapshot}) the data directory's
   * live index, as a new generation: its files are copied into a new {@code index-<time>} folder
   * (marked as being built), forced to disk, and only then named in {@code CURRENT}, the replaced
   * generation in {@code PREVIOUS} ({@code byline reindex --rollback} brings it back, with the
   * writes its log holds). A process killed at any moment leaves either the replaced index live,
   * untouched, or the restored one, whole; what a killed restore left half-copied is removed by
   * the next restore or reindex. Nothing else is deleted. No writer may have the live index open:
   * its write lock is held until the new generation is live.
   *
   * @throws IndexLockedException if a server (or an {@code index}) has the live index open
   */
  public static Restored restore(Path snapshotDir, DataDir data) throws IOException {
    return restore(snapshotDir, data, step -> {});
  }

  /** As {@link #restore(Path, DataDir)}, telling {@code seam} each step as it ends (tests stop it there). */
  @SuppressWarnings("try") // the lock is held by the try, never used in it
  static Restored restore(Path snapshotDir, DataDir data, Consumer<RestoreStep> seam)
      throws IOException {
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
    long logFrom;
    try (FSDirectory dir = FSDirectory.open(source)) {
      LastCommit last = LastCommit.read(dir);
      if (last == null) throw new IOException(snapshotDir + " holds no index");
      last.requireCurrentSchema(source);
      logFrom = last.logFrom();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        articles = reader.numDocs();
      }
      verifyChecksums(dir, snapshotDir);
    }
    seam.accept(RestoreStep.CHECKED);
    Files.createDirectories(data.root());
    Path live;
    try {
      live = data.liveIndex();
    } catch (java.io.UncheckedIOException damaged) {
      // CURRENT names no index here: the restore is the way out, and leaves PREVIOUS as it was.
      live = null;
    }
    boolean replacing = live != null && Files.isDirectory(live);
    String replaced =
        replacing ? live.getFileName().toString() : live == null ? data.previousName() : null;
    // Held until the new generation is live, so that no server or `index` starts writing to the
    // replaced one in between and loses its writes to the swap.
    try (FSDirectory liveDir = replacing ? FSDirectory.open(live) : null;
        Lock lock = replacing ? lockOrRefuse(liveDir, live) : null) {
      // An earlier Byline staged a restore here and renamed it into place.
      DataDir.deleteTree(data.root().resolve("index.restoring"));
      Reindexer.Building building = Reindexer.startBuilding(data);
      seam.accept(RestoreStep.STARTED);
      try (FSDirectory from = FSDirectory.open(source);
          FSDirectory to = FSDirectory.open(building.dir())) {
        List<String> names = new ArrayList<>();
        for (String name : from.listAll()) {
          if (name.equals(IndexWriter.WRITE_LOCK_NAME)) continue;
          to.copyFrom(from, name, name, IOContext.DEFAULT);
          names.add(name);
          seam.accept(RestoreStep.FILE_COPIED);
        }
        to.sync(names);
        // The commit names the log file that follows it; a snapshot holds no log (its commit
        // holds every write), and a missing named file reads as writes lost.
        if (logFrom > 0) WriteAheadLog.createEmpty(building.dir(), logFrom);
        to.syncMetaData();
      } catch (IOException | RuntimeException e) {
        Reindexer.abandon(data, building);
        throw e;
      }
      seam.accept(RestoreStep.SYNCED);
      data.makeLive(building.name(), replaced);
      seam.accept(RestoreStep.LIVE);
      Files.deleteIfExists(data.buildingMarker(building.name()));
      seam.accept(RestoreStep.DONE);
      return new Restored(articles, building.dir(), replaced);
    }
  }

  private static Lock lockOrRefuse(FSDirectory dir, Path path) throws IOException {
    try {
      return dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(
          "the index at " + path + " is in use: stop the server before restoring", e);
    }
  }
}
