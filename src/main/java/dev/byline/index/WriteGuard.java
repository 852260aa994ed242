package dev.byline.index;

import dev.byline.article.Article;
import java.io.IOException;
import java.util.List;

/**
 * What stands between a write and a failing disk: writes are refused with an {@link
 * InsufficientStorageException} while the volume is below its flood stage (see {@link DiskSpace})
 * or too full for them, and with an {@link IndexUnavailableException} while the live generation's
 * writer has failed (until {@link WriterRecovery} reopens it); a failure that happens anyway is
 * told to its caller as one of the two. It also says which of these holds ({@link #health}).
 * Thread-safe; it holds no generation, only asks the one it is given.
 */
final class WriteGuard {
  /** Written bytes per byte of article text, roughly: the log's copy, stored fields, postings. */
  static final int WRITE_AMPLIFICATION = 3;

  /** Bytes a write takes besides its text (log framing, ids, doc values), roughly. */
  static final int WRITE_OVERHEAD_BYTES = 512;

  private final DiskSpace disk;

  WriteGuard(DiskSpace disk) {
    this.disk = disk;
  }

  DiskSpace disk() {
    return disk;
  }

  /**
   * Refuses a write before it starts: the writer of {@code live} has failed, or (unless {@code
   * live} is read-only, which refuses it itself) the disk is below its flood stage or too full for
   * {@code articles}.
   */
  void checkWrite(IndexGeneration live, List<Article> articles) throws IOException {
    checkWriter(live);
    if (!live.readOnly()) disk.checkWrite(estimatedBytes(articles));
  }

  /**
   * Refuses work that rewrites articles already written ({@code what}, which the refusal names)
   * when the writer of {@code live} has failed or the disk is below its flood stage.
   */
  void checkRewrite(IndexGeneration live, String what) throws IOException {
    checkWriter(live);
    if (!live.readOnly()) disk.checkRoom(0, what);
  }

  /** Refuses work that needs the writer of {@code live} when it has failed. */
  void checkWriter(IndexGeneration live) throws IndexUnavailableException {
    if (live.failure() != null) throw unavailable(live, live.failure());
  }

  /**
   * Refuses to copy {@code live} (a snapshot or a reindex, on the same volume) when the copy would
   * not fit above the flood stage, or its writer failed.
   */
  void checkCopy(IndexGeneration live, String what) throws IOException {
    checkWriter(live);
    disk.checkRoom(live.stats().indexBytes(), what + " (a second copy of the index)");
  }

  /**
   * Whether the index takes writes: see {@link ArticleIndex#health}. Reads the disk at most once a
   * second.
   */
  IndexHealth health(IndexGeneration live) {
    if (live.readOnlyReason() != null)
      return new IndexHealth(IndexHealth.State.READ_ONLY, live.readOnlyReason());
    Throwable failure = live.failure();
    if (failure != null)
      return new IndexHealth(IndexHealth.State.UNAVAILABLE, unavailableReason(failure));
    DiskSpace.Status space = disk.status();
    if (space.refusing()) return new IndexHealth(IndexHealth.State.READ_ONLY, space.reason());
    return new IndexHealth(IndexHealth.State.OK, null);
  }

  private String unavailableReason(Throwable failure) {
    DiskSpace.Status space = disk.status();
    return "the index writer failed ("
        + failure
        + "): writes are refused until it is reopened, which happens"
        + " by itself "
        + (space.refusing()
            ? "once the disk has room again (" + space.reason() + ")"
            : "(tried every few seconds, at once when free space grows)")
        + "; searches see the index as it was at the failure";
  }

  private IndexUnavailableException unavailable(IndexGeneration generation, Throwable cause) {
    Throwable failure = generation.failure();
    if (DiskSpace.isNoSpace(failure == null ? cause : failure)) disk.forgetReading();
    return new IndexUnavailableException(
        unavailableReason(failure == null ? cause : failure), cause);
  }

  /**
   * What a failed write or delete is, to its caller: the writer failed, or the disk filled during
   * it (the log's append that failed was cut off, but a batch's articles written before it are
   * kept); null if neither.
   */
  IOException knownFailure(IndexGeneration live, Exception e) {
    if (e instanceof NotYetSearchableException) return null; // durable already, and it says so
    if (live.failure() != null) return unavailable(live, e);
    if (DiskSpace.isNoSpace(e)) {
      disk.forgetReading();
      return new InsufficientStorageException(
          "disk: the volume holding the index is full ("
              + e.getMessage()
              + "): the write stopped part way; articles of it may have been written, the"
              + " rest were not. Writes are accepted again once space is freed, and sending the"
              + " same articles again then is safe (a write replaces the article of its id)",
          e);
    }
    return null;
  }

  /** Roughly how many bytes writing these articles takes on disk, for {@link DiskSpace#checkWrite}. */
  static long estimatedBytes(List<Article> articles) {
    long chars = 0;
    for (Article a : articles) {
      chars += a.title().length() + a.body().length() + WRITE_OVERHEAD_BYTES;
      if (a.url() != null) chars += a.url().length();
      for (String author : a.author()) chars += author.length();
      for (String category : a.category()) chars += category.length();
    }
    return chars * WRITE_AMPLIFICATION;
  }
}
