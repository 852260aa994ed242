package dev.byline.ingest;

import dev.byline.errors.InvalidRequestException;
import dev.byline.ingest.extract.Extraction;
import dev.byline.ingest.extract.Extractor;
import java.util.List;

/**
 * One raw page (a text dump or HTML) as one item: the extracted article, or why nothing could be
 * extracted. Items carry warnings for fields a reader expects but the page did not give.
 */
public final class PageReader implements RawItemReader {
  private final byte[] bytes;
  private final Extractor.Format format;
  private final String url;
  private boolean done;

  public PageReader(byte[] bytes, Extractor.Format format, String url) {
    this.bytes = bytes;
    this.format = format;
    this.url = url;
  }

  @Override
  public List<RawItem> next(int max) {
    if (done) return List.of();
    done = true;
    return List.of(read(bytes, format, url));
  }

  /** Extracts one page into an item. */
  public static RawItem read(byte[] bytes, Extractor.Format format, String url) {
    try {
      Extraction extraction = Extractor.extract(bytes, format, url);
      List<String> warnings =
          extraction.missing().stream().map(field -> "no " + field + " found").toList();
      return new RawItem(0, extraction.toJson(), null, warnings); // line 0: the whole file
    } catch (InvalidRequestException e) {
      return RawItem.failed(0, e.getMessage());
    } catch (RuntimeException e) {
      // Extraction is heuristics over hostile input: a bug there must cost one page, not a batch.
      return RawItem.failed(0, "extraction failed: " + e);
    }
  }

  @Override
  public void close() {}
}
