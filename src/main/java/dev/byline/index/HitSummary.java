package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * What a hit shows of an article (all but its body), kept in binary doc values beside the stored
 * document, so that a page of hits without snippets is built without the stored fields.
 *
 * <p>Why: Lucene compresses stored documents in blocks of several, so reading even one small field
 * of a document decompresses its block up to it, bodies included. In a profile of bare searches
 * (top 10, no facets or snippets) from outside, that decompression was 28% of the server's CPU.
 * Doc values are read at the document, uncompressed.
 *
 * <p>Segments written before this field existed have no value for it; {@link #read} then falls back
 * to the stored fields, so no reindex is needed. The encoding starts with a format byte, so it can
 * change without one too.
 */
final class HitSummary {
  /** The doc-values field. */
  static final String FIELD = "hit";

  private static final byte FORMAT = 1;

  private HitSummary() {}

  /** The summary of {@code article} to index in {@link #FIELD}. */
  static BytesRef encode(Article article) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeByte(FORMAT);
      out.writeString(article.id());
      optional(out, article.url());
      out.writeString(article.title());
      list(out, article.author());
      optional(out, article.source());
      list(out, article.category());
      optional(out, article.language());
      optional(out, article.date() == null ? null : article.date().text());
      optional(out, article.story());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // an in-memory output does not fail
    }
    return new BytesRef(out.toArrayCopy());
  }

  /**
   * The article {@code doc} (a top-level document number of {@code reader}) without its body (an
   * empty string): from {@link #FIELD} when the document has it, else from its stored fields.
   */
  static Article read(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = leaf.reader().getBinaryDocValues(FIELD);
    if (values != null && values.advanceExact(doc - leaf.docBase)) {
      BytesRef bytes = values.binaryValue();
      if (bytes.length > 0 && bytes.bytes[bytes.offset] == FORMAT) return decode(bytes);
    }
    return Schema.storedSummaryOf(reader.storedFields(), doc);
  }

  private static Article decode(BytesRef bytes) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset + 1, bytes.length - 1);
    String id = in.readString();
    String url = optional(in);
    String title = in.readString();
    List<String> authors = list(in);
    String source = optional(in);
    List<String> categories = list(in);
    String language = optional(in);
    String date = optional(in);
    String story = optional(in);
    return new Article(
        id,
        url,
        title,
        "",
        authors,
        date == null ? null : DateParser.parse(date),
        source,
        categories,
        language,
        story);
  }

  private static void optional(ByteBuffersDataOutput out, String value) throws IOException {
    out.writeByte(value == null ? (byte) 0 : (byte) 1);
    if (value != null) out.writeString(value);
  }

  private static String optional(ByteArrayDataInput in) throws IOException {
    return in.readByte() == 0 ? null : in.readString();
  }

  private static void list(ByteBuffersDataOutput out, List<String> values) throws IOException {
    out.writeVInt(values.size());
    for (String v : values) out.writeString(v);
  }

  private static List<String> list(ByteArrayDataInput in) throws IOException {
    int n = in.readVInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(in.readString());
    return out;
  }
}
