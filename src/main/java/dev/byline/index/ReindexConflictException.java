package dev.byline.index;

/**
 * A reindex or a rollback that the index's state does not allow now; nothing was changed. The
 * {@link #reason()} says which state stood in the way, the message what to do about it. A failure
 * of the disk or of Lucene while doing either is an {@link java.io.IOException} instead.
 */
public final class ReindexConflictException extends RuntimeException {
  /** Why the reindex or rollback was refused. */
  public enum Reason {
    /** A reindex is running: a second one, or a rollback, must wait until it has ended. */
    REINDEX_RUNNING,
    /** No generation is kept in step with the writes, so a rollback would lose some of them. */
    NOTHING_TO_ROLL_BACK
  }

  private final Reason reason;

  public ReindexConflictException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
