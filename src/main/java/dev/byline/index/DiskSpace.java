package dev.byline.index;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space of the volume an index lives on, and the flood stage below which it takes no
 * more writes (as Elasticsearch's {@code cluster.routing.allocation.disk.watermark.flood_stage}):
 * a Lucene writer that runs out of space mid-flush fails for good, so writes stop while there is
 * still room for the flushes, merges and commits already under way.
 *
 * <p>Writes are refused once usable space falls below the flood stage, and accepted again once it
 * is back above the resume mark ({@link #RESUME_FACTOR} times the flood stage): the gap keeps a
 * volume hovering at the line from flipping on every request. A write whose own size would take
 * free space below the flood stage is refused too, without entering the flood stage (a smaller
 * one may still fit). Deletes are not checked: they free space once merged away.
 *
 * <p>The volume is asked at most once per {@code recheckNanos} (one second in a server), by the
 * caller that finds the reading stale; a probe that fails counts as "room enough" (the failure is
 * logged) so that a volume that cannot be measured never blocks writes. Thread-safe.
 */
public final class DiskSpace {
  private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);

  /** The automatic flood stage is 5% of the volume, but at least this... */
  public static final long MIN_AUTO_FLOOD_STAGE_BYTES = 100L << 20;

  /** ...and at most this: a large volume need not keep 5% of itself empty. */
  public static final long MAX_AUTO_FLOOD_STAGE_BYTES = 2L << 30;

  /** Writes resume once usable space is back above this many times the flood stage. */
  public static final double RESUME_FACTOR = 1.5;

  /** How long a reading of the volume is used before it is taken again. */
  public static final long DEFAULT_RECHECK_NANOS = 1_000_000_000L;

  /** What the volume says: usable bytes (for this process) and its size. */
  public record Reading(long usableBytes, long totalBytes) {}

  /** Reads the volume holding a folder; tests pass one that reports what they want. */
  @FunctionalInterface
  public interface Probe {
    Reading read(Path dir) throws IOException;
  }

  /** The real volume, as {@link FileStore} reports it. */
  public static final Probe FILE_STORE =
      dir -> {
        FileStore store = Files.getFileStore(dir);
        return new Reading(store.getUsableSpace(), store.getTotalSpace());
      };

  /**
   * Where the volume stands.
   *
   * @param usableBytes usable bytes at the last reading, or -1 if the volume could not be read
   * @param floodStageBytes writes are refused below this
   * @param resumeBytes once refused, writes are accepted again above this
   * @param refusing whether writes are refused now
   */
  public record Status(long usableBytes, long floodStageBytes, long resumeBytes, boolean refusing) {
    /** Why writes are refused, for people ("disk: 80 MB free, writes refused below 100 MB ..."), or null. */
    public String reason() {
      if (!refusing) return null;
      return "disk: "
          + megabytes(usableBytes)
          + " free, writes refused below "
          + megabytes(floodStageBytes)
          + " and accepted again above "
          + megabytes(resumeBytes);
    }
  }

  private final Path dir;
  private final Probe probe;
  private final Long floodStage; // null: automatic
  private final long recheckNanos;
  private Reading reading; // guarded by this
  private long readAt; // guarded by this
  private boolean refusing; // guarded by this
  private boolean probeFailing; // guarded by this

  /**
   * @param dir a folder on the volume to watch (the nearest existing parent is asked)
   * @param floodStageBytes writes are refused below this many usable bytes; null for automatic (5%
   *     of the volume, between {@link #MIN_AUTO_FLOOD_STAGE_BYTES} and {@link
   *     #MAX_AUTO_FLOOD_STAGE_BYTES}); 0 refuses only writes that would not fit at all
   * @param probe reads the volume ({@link #FILE_STORE} but in tests)
   * @param recheckNanos how long a reading is used ({@link #DEFAULT_RECHECK_NANOS}; 0 in tests)
   */
  public DiskSpace(Path dir, Long floodStageBytes, Probe probe, long recheckNanos) {
    if (floodStageBytes != null && floodStageBytes < 0) {
      throw new IllegalArgumentException(
          "floodStageBytes must be >= 0 (got: " + floodStageBytes + ")");
    }
    this.dir = dir;
    this.floodStage = floodStageBytes;
    this.probe = probe;
    this.recheckNanos = recheckNanos;
  }

  /** The real volume holding {@code dir}, with the automatic flood stage. */
  public static DiskSpace of(Path dir) {
    return new DiskSpace(dir, null, FILE_STORE, DEFAULT_RECHECK_NANOS);
  }

  /** The automatic flood stage of a volume of {@code totalBytes}. */
  public static long autoFloodStage(long totalBytes) {
    return Math.clamp(totalBytes / 20, MIN_AUTO_FLOOD_STAGE_BYTES, MAX_AUTO_FLOOD_STAGE_BYTES);
  }

  /** Where the volume stands now (read again if the last reading is stale). */
  public synchronized Status status() {
    long now = System.nanoTime();
    if (reading == null || now - readAt >= recheckNanos) {
      readAt = now;
      read();
    }
    long flood =
        reading == null
            ? 0
            : floodStage != null ? floodStage : autoFloodStage(reading.totalBytes());
    return new Status(
        reading == null ? -1 : reading.usableBytes(), flood, resumeAt(flood), refusing);
  }

  /**
   * Refuses a write of about {@code bytes} when writes are refused, or when it would take usable
   * space below the flood stage.
   *
   * @throws InsufficientStorageException then; nothing has been written
   */
  public void checkWrite(long bytes) throws InsufficientStorageException {
    checkRoom(bytes, "this write");
  }

  /**
   * As {@link #checkWrite}, for work that is not a write of articles ({@code what}: "a reindex",
   * "a snapshot"), which the refusal names.
   */
  public void checkRoom(long bytes, String what) throws InsufficientStorageException {
    Status status = status();
    if (status.refusing()) throw new InsufficientStorageException(status.reason());
    if (status.usableBytes() >= 0 && status.usableBytes() - bytes < status.floodStageBytes()) {
      throw new InsufficientStorageException(
          "disk: "
              + what
              + " needs about "
              + megabytes(bytes)
              + " and "
              + megabytes(status.usableBytes())
              + " are free; writes are refused below "
              + megabytes(status.floodStageBytes()));
    }
  }

  /** Makes the next {@link #status} read the volume (a write has just failed for lack of space). */
  public synchronized void forgetReading() {
    readAt = System.nanoTime() - recheckNanos;
  }

  private void read() {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    try {
      reading = probe.read(existing == null ? dir : existing);
      if (probeFailing) log.info("disk: the volume holding {} can be measured again", dir);
      probeFailing = false;
    } catch (IOException | RuntimeException e) {
      if (!probeFailing)
        log.warn(
            "disk: cannot measure the volume holding {}; writes are not checked: {}",
            dir,
            e.toString());
      probeFailing = true;
      reading = null;
      refusing = false;
      return;
    }
    long flood = floodStage != null ? floodStage : autoFloodStage(reading.totalBytes());
    if (!refusing && reading.usableBytes() < flood) {
      refusing = true;
      log.warn(
          "disk: {} free on the volume holding {}, below the flood stage of {}: writes are refused until {} are free",
          megabytes(reading.usableBytes()),
          dir,
          megabytes(flood),
          megabytes(resumeAt(flood)));
    } else if (refusing && reading.usableBytes() >= resumeAt(flood)) {
      refusing = false;
      log.info(
          "disk: {} free on the volume holding {}: writes are accepted again",
          megabytes(reading.usableBytes()),
          dir);
    }
  }

  private static long resumeAt(long floodStage) {
    return (long) Math.ceil(floodStage * RESUME_FACTOR);
  }

  /** Whether {@code e} (or one of its causes) is the operating system saying the disk is full. */
  @SuppressWarnings("ReferenceEquality") // the same exception object (a cycle), not an equal one
  static boolean isNoSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.contains("No space left on device")
              || message.contains("There is not enough space on the disk"))) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed != t && isNoSpace(suppressed)) return true;
      }
    }
    return false;
  }

  static String megabytes(long bytes) {
    if (bytes < 0) return "unknown";
    // One decimal below 100 MB, so that "15 MB free, accepted again above 15 MB" cannot happen.
    return String.format(
        Locale.ROOT, bytes < (100L << 20) ? "%.1f MB" : "%.0f MB", bytes / 1048576.0);
  }
}
