package dev.byline.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads articles from one input in chunks, so a file of any size streams through. */
public interface RawItemReader extends Closeable {
  /** Up to {@code max} more items; an empty list at the end of the input. */
  List<RawItem> next(int max) throws IOException;
}
