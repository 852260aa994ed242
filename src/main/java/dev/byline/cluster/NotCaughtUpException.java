package dev.byline.cluster;

/**
 * This node had not applied a position a read asked for ({@code ?after=}) within the wait allowed:
 * another node may have, or this one will shortly.
 */
public final class NotCaughtUpException extends RuntimeException {
  public NotCaughtUpException(String message) {
    super(message);
  }
}
