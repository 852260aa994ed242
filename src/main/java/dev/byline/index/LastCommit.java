package dev.byline.index;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * What the last commit of an index folder says of itself, in the user data Byline writes with each
 * commit ({@link Durability}): the write-ahead log position to replay from, the schema version that
 * wrote it, and when it was made.
 *
 * @param logFrom the number of the first write-ahead log file the commit does not hold, or 0 when
 *     it names none (an index from before the log): replay every file
 * @param schemaVersion the schema version recorded, or 0 when none is (or it is unreadable)
 * @param recordedVersion the schema version as recorded, or null
 * @param committedAt when the commit was made, or null when it does not say
 * @param storyAliases the story aliases recorded ({@link StoryAliases#COMMIT_KEY}), or null
 * @param feedPosition how far the cluster feed was applied ({@link FeedPosition#COMMIT_KEY}), or
 *     null
 */
record LastCommit(
    long logFrom,
    int schemaVersion,
    String recordedVersion,
    Instant committedAt,
    String storyAliases,
    String feedPosition) {

  /** Reads the last commit in {@code directory}; null when it holds no index yet. */
  static LastCommit read(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) return null;
    Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
    String from = userData.get(WriteAheadLog.COMMIT_KEY);
    String at = userData.get(Durability.COMMITTED_AT_KEY);
    String version = userData.get(Schema.VERSION_KEY);
    return new LastCommit(
        from == null ? 0 : Long.parseLong(from),
        parseVersion(version),
        version,
        at == null ? null : Instant.ofEpochMilli(Long.parseLong(at)),
        userData.get(StoryAliases.COMMIT_KEY),
        userData.get(FeedPosition.COMMIT_KEY));
  }

  /**
   * Refuses an index written with another schema version than this Byline's.
   *
   * @throws SchemaMismatchException saying how to rebuild it
   */
  void requireCurrentSchema(Path path) {
    if (!Integer.toString(Schema.VERSION).equals(recordedVersion)) {
      throw new SchemaMismatchException(
          "the index at "
              + path
              + " has schema version "
              + (recordedVersion == null ? "(none)" : recordedVersion)
              + " but this Byline uses version "
              + Schema.VERSION
              + ": run `bin/byline reindex` to rebuild it");
    }
  }

  private static int parseVersion(String text) {
    try {
      return text == null ? 0 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
