package dev.byline.cluster;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A place in the topic: for each partition, the offset of a record. It means "every record up to
 * and including these offsets". A write's answer carries the position of its records (the token a
 * search passes as {@code ?after=} to read its own writes), and a node's index records the position
 * it has applied ({@link dev.byline.index.ArticleIndex#feedPosition}). Written {@code
 * partition:offset} pairs joined by commas, partitions ascending ({@code "0:41,2:17"}); clients
 * treat it as opaque. Immutable.
 */
public final class LogPosition {
  /** A token longer than this is refused before it is read (a topic has few partitions). */
  static final int MAX_TEXT = 4_096;

  public static final LogPosition NONE = new LogPosition(new TreeMap<>());

  /** Sorted by partition (a TreeMap), never changed once built. */
  private final Map<Integer, Long> offsets;

  private LogPosition(Map<Integer, Long> offsets) {
    this.offsets = offsets;
  }

  /** The position of these records: partition to offset. */
  public static LogPosition of(Map<Integer, Long> offsets) {
    TreeMap<Integer, Long> copy = new TreeMap<>();
    offsets.forEach(
        (p, o) -> {
          if (p < 0 || o < 0) {
            throw new IllegalArgumentException(
                "partition and offset must be >= 0 (got: " + p + ":" + o + ")");
          }
          copy.put(p, o);
        });
    return new LogPosition(copy);
  }

  /**
   * Digits as a write's answer gives them (a minus sign is refused below with its own reason):
   * Java's number parsing also reads "+5" and other scripts' digits ("５").
   */
  private static final java.util.regex.Pattern ASCII_PAIR =
      java.util.regex.Pattern.compile("-?[0-9]+:-?[0-9]+");

  /**
   * Reads a position written by {@link #toString}.
   *
   * @throws MalformedPositionException saying what is wrong, for text that is not one
   */
  public static LogPosition parse(String text) {
    if (text == null || text.isBlank()) throw new MalformedPositionException(text, "it is empty");
    if (text.length() > MAX_TEXT) {
      throw new MalformedPositionException(text, "it is longer than " + MAX_TEXT + " characters");
    }
    TreeMap<Integer, Long> offsets = new TreeMap<>();
    for (String pair : text.strip().split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new MalformedPositionException(text, "'" + pair + "' is not partition:offset");
      }
      int partition;
      long offset;
      if (!ASCII_PAIR.matcher(pair).matches()) {
        throw new MalformedPositionException(text, "'" + pair + "' is not partition:offset");
      }
      try {
        partition = Integer.parseInt(pair.substring(0, colon));
        offset = Long.parseLong(pair.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new MalformedPositionException(text, "'" + pair + "' is not partition:offset");
      }
      if (partition < 0 || offset < 0) {
        throw new MalformedPositionException(text, "'" + pair + "' has a negative number");
      }
      if (offsets.put(partition, offset) != null) {
        throw new MalformedPositionException(text, "partition " + partition + " appears twice");
      }
    }
    return new LogPosition(offsets);
  }

  /** Partition to offset, ascending by partition. */
  public Map<Integer, Long> offsets() {
    return Collections.unmodifiableMap(offsets);
  }

  /** The offset of {@code partition}, or -1 when this position says nothing of it. */
  public long offset(int partition) {
    return offsets.getOrDefault(partition, -1L);
  }

  /** Whether this position includes every record of {@code other}. */
  public boolean covers(LogPosition other) {
    for (Map.Entry<Integer, Long> e : other.offsets.entrySet()) {
      if (offset(e.getKey()) < e.getValue()) return false;
    }
    return true;
  }

  /** This position moved on to {@code offset} in {@code partition} (never back). */
  public LogPosition with(int partition, long offset) {
    if (offset <= offset(partition)) return this;
    TreeMap<Integer, Long> next = new TreeMap<>(offsets);
    next.put(partition, offset);
    return new LogPosition(next);
  }

  /** This position moved on to every offset of {@code other} beyond its own (never back). */
  public LogPosition including(LogPosition other) {
    LogPosition out = this;
    for (Map.Entry<Integer, Long> e : other.offsets.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogPosition other && offsets.equals(other.offsets);
  }

  @Override
  public int hashCode() {
    return offsets.hashCode();
  }

  /** {@code "0:41,2:17"}; empty for {@link #NONE}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    offsets.forEach((p, o) -> out.append(out.isEmpty() ? "" : ",").append(p).append(':').append(o));
    return out.toString();
  }
}
