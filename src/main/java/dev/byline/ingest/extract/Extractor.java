package dev.byline.ingest.extract;

import dev.byline.errors.InvalidRequestException;
import java.util.Locale;

/**
 * Turns a raw page (a text dump or HTML) into an article: the one entry point of extraction.
 * Thread-safe and stateless.
 */
public final class Extractor {
  /** Pages larger than this are refused rather than half-read. */
  public static final int MAX_PAGE_BYTES = 50 * 1024 * 1024;

  /** The kinds of page Byline extracts. */
  public enum Format {
    TEXT,
    HTML;

    /** The format for a file name's extension, or null for one that is not a page. */
    public static Format ofFileName(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".txt") || lower.endsWith(".text")) return TEXT;
      if (lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".xhtml"))
        return HTML;
      return null;
    }
  }

  private Extractor() {}

  /**
   * Extracts the article in a page.
   *
   * @param url where the page came from, or null; used as the article's url unless the page names
   *     its own canonical one
   * @throws InvalidRequestException ({@code unreadable_page}) for an empty or binary page, or one
   *     with no text to index
   */
  public static Extraction extract(byte[] bytes, Format format, String url) {
    if (bytes.length == 0) {
      throw unreadable("the page is empty");
    }
    if (bytes.length > MAX_PAGE_BYTES) {
      throw unreadable("the page is larger than " + MAX_PAGE_BYTES / (1024 * 1024) + " MiB");
    }
    if (PageText.looksBinary(bytes) && !hasUtf16Bom(bytes)) {
      throw unreadable("the file is binary, not text or HTML");
    }
    if (format == Format.HTML && startTags(bytes) > MAX_ELEMENTS) {
      throw unreadable(
          "the page has more than "
              + MAX_ELEMENTS
              + " elements and comments (an article's page has a few thousand): too complex to"
              + " extract");
    }
    if (format == Format.TEXT && lines(bytes) > MAX_LINES) {
      throw unreadable(
          "the page has more than "
              + MAX_LINES
              + " lines (a long report has tens of thousands): too many to extract");
    }
    Extraction extraction =
        format == Format.HTML
            ? HtmlExtractor.extract(bytes, url)
            : TextExtractor.extract(PageText.streamSafe(PageText.decode(bytes)));
    if (format == Format.TEXT && url != null) {
      extraction.url(url, "given");
    }
    if (extraction.title == null || extraction.body == null) {
      throw unreadable("the page has no text to index");
    }
    return extraction;
  }

  /**
   * Elements a page may have: extraction walks the tree a dozen times (scoring, cleaning, two
   * passes that copy it, the line rules), and a 20 MB page of 1.8 million one-line paragraphs took
   * 42 s of a request thread. A 20 MB report of 160,000 ordinary paragraphs is still taken (about
   * 1.5 s); the largest of the 140 real pages in the dev set has under 10,000.
   */
  public static final int MAX_ELEMENTS = 250_000;

  /**
   * Roughly how many elements and comments a page has: {@code <} followed by an ASCII letter, or
   * by {@code !} or {@code ?} (a comment, a doctype, a bogus comment), in one pass. A comment is a
   * node of the tree as an element is, and splits the text around it: "a&lt;!----&gt;" 4 million
   * times, under the element bound, took 26 s of CPU.
   */
  static int startTags(byte[] b) {
    int n = 0;
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == '<') {
        int c = b[i + 1] | 0x20; // lower case, for letters
        if ((c >= 'a' && c <= 'z') || b[i + 1] == '!' || b[i + 1] == '?') n++;
      }
    }
    return n;
  }

  /**
   * Lines a text page may have: extraction reads a text page line by line, several rules a line,
   * and a 25 MB page of one-letter lines took 20 s of CPU (49 MB ran a 1 GB heap out of memory).
   * A million is a 20-million-character body at 20 characters a line.
   */
  public static final int MAX_LINES = 1_000_000;

  /** How many line breaks ({@code \n}, or {@code \r} not before one) a page has, in one pass. */
  static int lines(byte[] b) {
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n'))) n++;
    }
    return n;
  }

  private static boolean hasUtf16Bom(byte[] b) {
    return b.length >= 2
        && (((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)
            || ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE));
  }

  private static InvalidRequestException unreadable(String why) {
    return new InvalidRequestException("unreadable_page", why);
  }
}
