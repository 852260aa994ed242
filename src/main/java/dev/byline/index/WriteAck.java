package dev.byline.index;

/** When {@link ArticleIndex#write(java.util.List, WriteAck) a write} is answered. */
public enum WriteAck {
  /** Once durable (in the write-ahead log, on disk) and searchable: the default. */
  SEARCHABLE,

  /**
   * Once durable; searchable after the next refresh, within half a second while the index is
   * searched (the first search after an idle spell waits for it). For bulk loaders that do not
   * read their writes back at once: nothing waits for a refresh, so large batches make fewer,
   * larger segments.
   */
  DURABLE
}
