package dev.byline.cluster;

/** A position token ({@code ?after=}) that is not one {@link LogPosition} wrote: the client's fault. */
public final class MalformedPositionException extends IllegalArgumentException {
  MalformedPositionException(String text, String why) {
    super(
        "after='"
            + (text == null ? "" : text.length() > 100 ? text.substring(0, 100) + "…" : text)
            + "' is not a position from a write's answer: "
            + why);
  }
}
