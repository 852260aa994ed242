package dev.byline.index;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /api/stats} and {@code byline stats} report.
 *
 * @param articles live (not deleted) articles
 * @param indexBytes bytes of all index files on disk
 * @param segments Lucene segments in the current view
 * @param schemaVersion the index's schema version
 * @param lastCommit when the last commit was made, or null for an index never written to
 * @param readOnly whether writes are refused: an index of another schema version (reindex it), a
 *     disk below its flood stage, or a writer that failed and is being reopened
 * @param readOnlyReason why writes are refused, or null
 * @param diskFreeBytes usable bytes on the index's volume, or -1 if unknown
 * @param diskFloodStageBytes writes are refused while usable bytes are below this, or -1 if unknown
 */
public record IndexStats(
    long articles,
    long indexBytes,
    int segments,
    int schemaVersion,
    Instant lastCommit,
    boolean readOnly,
    String readOnlyReason,
    long diskFreeBytes,
    long diskFloodStageBytes) {

  /** These stats with what the index's owner knows of its writes and disk. */
  IndexStats withWriteState(boolean refused, String reason, DiskSpace.Status disk) {
    return new IndexStats(
        articles,
        indexBytes,
        segments,
        schemaVersion,
        lastCommit,
        refused,
        reason,
        disk.usableBytes(),
        disk.usableBytes() < 0 ? -1 : disk.floodStageBytes());
  }

  /** The JSON form both the API and {@code byline stats --json} give, in this field order. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("articles", articles);
    out.put("index_bytes", indexBytes);
    out.put("segments", segments);
    out.put("schema_version", schemaVersion);
    out.put("last_commit", lastCommit == null ? null : lastCommit.toString());
    out.put("read_only", readOnly);
    out.put("read_only_reason", readOnlyReason);
    out.put("disk_free_bytes", diskFreeBytes < 0 ? null : diskFreeBytes);
    out.put("disk_flood_stage_bytes", diskFloodStageBytes < 0 ? null : diskFloodStageBytes);
    return out;
  }

  /** The bytes of every file in {@code directory} now (a file a merge deletes meanwhile counts 0). */
  static long bytesIn(org.apache.lucene.store.Directory directory) throws java.io.IOException {
    long total = 0;
    for (String file : directory.listAll()) {
      try {
        total += directory.fileLength(file);
      } catch (java.io.IOException e) {
        // deleted by a merge between listing and measuring: it no longer counts
      }
    }
    return total;
  }
}
