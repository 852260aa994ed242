package dev.byline.cli;

import dev.byline.index.ArticleIndex;
import dev.byline.index.WriteAck;
import dev.byline.ingest.Ingest;
import dev.byline.ingest.ItemResult;
import dev.byline.ingest.RawItem;
import java.io.IOException;
import java.util.List;

/**
 * Writes straight into the index, when no server is running on the data directory. Each chunk is
 * answered once durable ({@link WriteAck#DURABLE}): nobody searches this index until the command
 * ends (and closing commits), so waiting for refreshes would only cut smaller segments.
 */
final class LocalSink implements ItemSink {
  private final ArticleIndex index;

  LocalSink(ArticleIndex index) {
    this.index = index;
  }

  @Override
  public List<ItemResult> accept(List<RawItem> items) throws IOException {
    return Ingest.validateAndWrite(items, articles -> index.write(articles, WriteAck.DURABLE));
  }

  @Override
  public String describe() {
    return "index " + index.path();
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
