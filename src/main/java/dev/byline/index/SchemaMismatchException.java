package dev.byline.index;

/** The index on disk was written by a Byline with another schema version. */
public class SchemaMismatchException extends RuntimeException {
  public SchemaMismatchException(String message) {
    super(message);
  }
}
