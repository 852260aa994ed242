package dev.byline.index;

import java.time.Instant;

/**
 * What {@code GET /api/stats} and {@code byline stats} report.
 *
 * @param articles live (not deleted) articles
 * @param indexBytes bytes of all index files on disk
 * @param segments Lucene segments in the current view
 * @param schemaVersion the index's schema version
 * @param lastCommit when the last commit was made, or null for an index never written to
 */
public record IndexStats(
    long articles, long indexBytes, int segments, int schemaVersion, Instant lastCommit) {}
