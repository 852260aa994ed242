package dev.byline.index;

/** Another process holds the index's write lock (normally a running server). */
public class IndexLockedException extends RuntimeException {
  public IndexLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
