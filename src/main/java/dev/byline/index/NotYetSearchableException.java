package dev.byline.index;

import java.io.IOException;

/**
 * Writes that are durable (in the write-ahead log, so they survive any crash) but were still not
 * searchable when the wait for a refresh ran out: an overloaded machine. They will become
 * searchable without anything more being done; sending them again is safe (writes are by id).
 */
public class NotYetSearchableException extends IOException {
  public NotYetSearchableException(String message) {
    super(message);
  }
}
