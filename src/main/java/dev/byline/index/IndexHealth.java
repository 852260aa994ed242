package dev.byline.index;

/**
 * Whether an index takes writes (see {@link ArticleIndex#health}).
 *
 * @param state what holds
 * @param reason why it is not {@link State#OK}, for people; null when it is
 */
public record IndexHealth(State state, String reason) {
  public enum State {
    /** Searches and writes are served. */
    OK,
    /** Searches are served, writes refused: the disk is below its flood stage, or the index has another schema version. */
    READ_ONLY,
    /** Searches are served over the index as it was; writes refused until a failed writer is reopened (by itself). */
    UNAVAILABLE
  }
}
