package dev.byline.index;

import java.io.IOException;

/**
 * A write to an index whose Lucene writer has failed (a disk that filled up mid-flush, an I/O
 * error) and is being reopened from its last commit and its write-ahead log. Searches go on over
 * the articles searchable at the failure. A write answered with this may or may not have been
 * applied; every acknowledged one is kept. Sending it again once the index has recovered is safe
 * (writes are by id).
 */
public class IndexUnavailableException extends IOException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
