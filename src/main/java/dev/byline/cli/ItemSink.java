package dev.byline.cli;

import dev.byline.ingest.ItemResult;
import dev.byline.ingest.RawItem;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where {@code byline index} sends items: the local index, or the server that holds its lock. */
interface ItemSink extends Closeable {
  /** Validates and writes the items; one result per item, in order. */
  List<ItemResult> accept(List<RawItem> items) throws IOException;

  /** Said in the summary: where the articles went. */
  String describe();

  /**
   * Waits, bounded, until what was written is searchable where it went (a cluster node acknowledges
   * a write once Kafka has it, and applies it a moment later), so that a search run right after
   * {@code byline index} finds the articles.
   *
   * @return a line for the summary, or null when there is nothing to say (the articles were
   *     searchable when acknowledged)
   */
  default String settle() throws IOException {
    return null;
  }
}
