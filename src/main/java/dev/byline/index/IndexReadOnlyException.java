package dev.byline.index;

/** A write to an index that is served read-only (it has another schema version: reindex it). */
public class IndexReadOnlyException extends RuntimeException {
  public IndexReadOnlyException(String message) {
    super(message);
  }
}
