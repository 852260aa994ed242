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

  /** 2: the body's length in words at the end; 1 (read still): without it. */
  private static final byte FORMAT = 2;

  private static final byte FORMAT_WITHOUT_WORDS = 1;

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
      out.writeVInt(words(article.body()));
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
    BytesRef bytes = summary(reader, doc);
    if (bytes != null && known(bytes)) return decode(after(bytes));
    return Schema.storedSummaryOf(reader.storedFields(), doc);
  }

  /** The summary of {@code doc} (a top-level document number), or null when it has none. */
  private static BytesRef summary(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = leaf.reader().getBinaryDocValues(FIELD);
    return values != null && values.advanceExact(doc - leaf.docBase) ? values.binaryValue() : null;
  }

  /** A summary's content, after its format byte. */
  private static ByteArrayDataInput after(BytesRef bytes) {
    return new ByteArrayDataInput(bytes.bytes, bytes.offset + 1, bytes.length - 1);
  }

  /**
   * The body's length in words ({@link #words}) of {@code doc}: from {@link #FIELD} when the
   * document's summary has it, else counted in its stored body (documents written before).
   */
  static int bodyWords(IndexReader reader, int doc) throws IOException {
    BytesRef bytes = summary(reader, doc);
    if (bytes != null && bytes.length > 0 && bytes.bytes[bytes.offset] == FORMAT) {
      ByteArrayDataInput in = after(bytes);
      decode(in); // the words come after the article
      return in.readVInt();
    }
    String body =
        reader.storedFields().document(doc, java.util.Set.of(Schema.BODY)).get(Schema.BODY);
    return words(body == null ? "" : body);
  }

  /**
   * A text's length in words: its runs of characters between ASCII white space, once the white
   * space at its ends (Unicode's) is stripped, as {@code text.strip().split("\\s+")} counts them
   * (0 for a blank text), without making the array.
   */
  static int words(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && Character.isWhitespace(text.charAt(from))) from++;
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      boolean space = asciiSpace(text.charAt(i));
      if (!space && !inWord) words++;
      inWord = !space;
    }
    return words;
  }

  /** The characters of the regular expression {@code \\s}. */
  private static boolean asciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean known(BytesRef bytes) {
    return bytes.length > 0
        && (bytes.bytes[bytes.offset] == FORMAT
            || bytes.bytes[bytes.offset] == FORMAT_WITHOUT_WORDS);
  }

  /** The article of a summary, read up to its words (format 2) or its end (format 1). */
  private static Article decode(ByteArrayDataInput in) throws IOException {
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
