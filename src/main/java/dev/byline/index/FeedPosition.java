package dev.byline.index;

/**
 * How far a generation has applied the log that feeds it in cluster mode (issue 18: a Kafka
 * topic; {@code dev.byline.cluster}), as an opaque text the feeder gives after each batch it has
 * applied. It is recorded in the user data of every commit ({@link #COMMIT_KEY}) and read back
 * when the generation opens, so a restarted node resumes exactly where its last commit stands:
 * the commit holds at least every write the recorded position covers, because the feeder records
 * a position only once the writes before it have returned. Writes past it that a crash kept (the
 * write-ahead log replays them) are applied once more on resume, in their order, which leaves the
 * same index. The index never interprets the text. Thread-safe.
 */
final class FeedPosition {
  static final String COMMIT_KEY = "byline.feed_position";

  private volatile String position;

  /** @param recorded the position the last commit recorded, or null (not fed, or nothing yet) */
  FeedPosition(String recorded) {
    this.position = recorded == null || recorded.isBlank() ? null : recorded;
  }

  /** The position recorded with the next commit, or null. */
  String get() {
    return position;
  }

  /** Sets the position the next commits record; only once every write it covers has returned. */
  void set(String applied) {
    this.position = java.util.Objects.requireNonNull(applied, "applied");
  }
}
