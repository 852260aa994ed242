package dev.byline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo collection shipped in the jar: fictional articles written for Byline, used by {@code
 * byline demo} and by the tests.
 */
public final class DemoCollection {
  public static final String RESOURCE = "/demo/articles.jsonl";

  private DemoCollection() {}

  /** Every demo article as a raw item, in file order. */
  public static List<RawItem> read() {
    try (InputStream in = DemoCollection.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE);
      }
      List<RawItem> items = new ArrayList<>();
      try (NdjsonReader reader = new NdjsonReader(in, new ObjectMapper())) {
        for (List<RawItem> chunk = reader.next(1_000);
            !chunk.isEmpty();
            chunk = reader.next(1_000)) {
          items.addAll(chunk);
        }
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
