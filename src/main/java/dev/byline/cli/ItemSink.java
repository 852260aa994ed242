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
}
