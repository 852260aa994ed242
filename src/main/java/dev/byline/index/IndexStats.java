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
 * @param readOnly whether writes are refused (an index of another schema version: reindex it)
 */
public record IndexStats(
    long articles, long indexBytes, int segments, int schemaVersion, Instant lastCommit, boolean readOnly) {

  /** The JSON form both the API and {@code byline stats --json} give, in this field order. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("articles", articles);
    out.put("index_bytes", indexBytes);
    out.put("segments", segments);
    out.put("schema_version", schemaVersion);
    out.put("last_commit", lastCommit == null ? null : lastCommit.toString());
    out.put("read_only", readOnly);
    return out;
  }
}
