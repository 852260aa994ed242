package dev.byline.index;

import java.io.IOException;

/**
 * A write refused because the index's volume is (nearly) full: below the flood stage, or too
 * little room for this write (see {@link DiskSpace}). Nothing of it was written; writes are
 * accepted again by themselves once space is freed, so sending it again later is safe.
 */
public class InsufficientStorageException extends IOException {
  public InsufficientStorageException(String message) {
    super(message);
  }

  public InsufficientStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
