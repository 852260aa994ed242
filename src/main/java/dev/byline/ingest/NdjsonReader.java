package dev.byline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON Lines: one article per line; blank lines skipped. A line that is not valid JSON, or holds
 * more than one value, is an item with an error, never the end of the input.
 *
 * <p>Lines end as {@link java.io.BufferedReader#readLine} ends them (at {@code \n}, {@code \r} or
 * {@code \r\n}), a byte-order mark before the first is dropped, and bytes that are not UTF-8 read
 * as U+FFFD: the same items, line numbers and errors as decoding the input to text first. Each
 * line is parsed from its UTF-8 bytes, without making a string of it: in a bulk request of 1,000
 * articles, decoding each line to text and copying it made parsing cost three times what it does
 * now, and 10% of what the bulk API allocated.
 */
public final class NdjsonReader implements RawItemReader {
  private final InputStream in; // null when reading a byte array
  private byte[] buffer;
  private int start; // the next unread byte in buffer
  private int end; // one past the last byte read into buffer
  private boolean eof;
  private final ObjectReader json; // one value a line, nothing after it but spaces
  private int lineNumber;
  private boolean afterCarriageReturn; // the last line ended with \r: a \n next is not a line

  /** Reads from a stream (a file being loaded, say), a buffer at a time, on the caller's thread. */
  public NdjsonReader(InputStream input, ObjectMapper json) {
    this.in = input;
    this.buffer = new byte[64 * 1024];
    this.json = oneValue(json);
  }

  /** Reads a whole request body, its lines parsed where they are, without copying them. */
  public NdjsonReader(byte[] body, ObjectMapper json) {
    this.in = null;
    this.buffer = body;
    this.end = body.length;
    this.eof = true;
    this.json = oneValue(json);
  }

  /**
   * Reads a line's JSON value and fails on anything after it but spaces: a second article on the
   * line ({@code {...} {...}}) was dropped, unsaid, while the first was indexed.
   */
  private static ObjectReader oneValue(ObjectMapper json) {
    return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A line of the input: where its bytes are in {@link #buffer} (until it is read into again); a
   * length of -1 for a line longer than {@link #MAX_LINE_BYTES}, whose bytes were not kept.
   */
  private record Line(int number, int offset, int length) {}

  /**
   * Longest line read from a stream: more than an article may hold (a body of 20 million
   * characters, three bytes each at most, and the rest). A longer line is an item with an error,
   * its bytes read past without keeping them: a 3 GB file of zeros (one line) ran {@code byline
   * index} out of memory with a stack trace (an outside hunt). A request body is bounded before
   * it is read.
   */
  static final int MAX_LINE_BYTES = 64 << 20;

  @Override
  public List<RawItem> next(int max) throws IOException {
    List<RawItem> items = new ArrayList<>();
    while (items.size() < max) {
      Line line = nextLine();
      if (line == null) break;
      if (line.length() < 0) {
        items.add(
            RawItem.failed(
                line.number(),
                "the line is longer than "
                    + (MAX_LINE_BYTES >> 20)
                    + " MB: longer than any article may be (skipped to the next line)"));
      } else if (!blank(line)) {
        items.add(parse(line)); // parsed before the buffer is read into again
      }
    }
    return items;
  }

  private RawItem parse(Line line) {
    if (plainUtf8(line)) {
      try {
        return RawItem.parsed(line.number(), json.readTree(buffer, line.offset(), line.length()));
      } catch (IOException e) {
        // Not JSON, or not UTF-8: read as text below, U+FFFD for what is not UTF-8 (the JSON may
        // be fine), and if it still is not JSON, the error is the text parser's, as it always was.
      }
    }
    String text = new String(buffer, line.offset(), line.length(), StandardCharsets.UTF_8);
    try {
      return RawItem.parsed(line.number(), json.readTree(text));
    } catch (JsonProcessingException e) {
      return RawItem.failed(line.number(), "invalid JSON: " + JsonErrors.describe(e));
    }
  }

  /** The next line, without its end, or null at the end of the input. */
  private Line nextLine() throws IOException {
    if (afterCarriageReturn) {
      afterCarriageReturn = false; // \r\n is one line end
      if (start >= end) fill();
      if (start < end && buffer[start] == '\n') start++;
    }
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          Line line = line(start, i - start);
          afterCarriageReturn = b == '\r';
          start = i + 1;
          return line;
        }
      }
      int scannedLength = end - start;
      if (in != null && scannedLength >= MAX_LINE_BYTES) return skipLongLine();
      if (!fill()) {
        if (start >= end) return null;
        Line line = line(start, end - start);
        start = end;
        return line;
      }
      scanned = start + scannedLength; // fill() moved the unread bytes to the front
    }
  }

  /** Reads past the rest of a line too long to keep, to its end; the line, without its bytes. */
  private Line skipLongLine() throws IOException {
    Line line = line(start, 0);
    while (true) {
      for (int i = start; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          afterCarriageReturn = b == '\r';
          start = i + 1;
          return new Line(line.number(), 0, -1);
        }
      }
      start = end; // nothing of it kept
      if (!fill()) return new Line(line.number(), 0, -1);
    }
  }

  private Line line(int offset, int length) {
    lineNumber++;
    if (lineNumber == 1
        && length >= 3
        && buffer[offset] == (byte) 0xEF
        && buffer[offset + 1] == (byte) 0xBB
        && buffer[offset + 2] == (byte) 0xBF) {
      offset += 3; // a byte-order mark is not part of the first article
      length -= 3;
    }
    return new Line(lineNumber, offset, length);
  }

  /**
   * Reads more of the stream, keeping the unread bytes (moved to the front, or the buffer grown
   * when they fill it); false at the end of the stream.
   */
  private boolean fill() throws IOException {
    if (in == null || eof) return false;
    int unread = end - start;
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, unread);
      start = 0;
      end = unread;
    }
    if (end == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }

  /**
   * Whether Jackson's byte parser reads the line as UTF-8: it takes a line starting with a
   * byte-order mark, or with zero bytes among its first four, for UTF-16 or UTF-32, where the text
   * was never more than UTF-8 (those lines are read as text, as before).
   */
  private boolean plainUtf8(Line line) {
    byte[] b = buffer;
    int o = line.offset();
    if (line.length() == 0 || b[o] <= 0) return false;
    for (int i = o + 1; i < o + Math.min(4, line.length()); i++) if (b[i] == 0) return false;
    return true;
  }

  /** As {@link String#isBlank} on the line's text. */
  private boolean blank(Line line) {
    for (int i = line.offset(); i < line.offset() + line.length(); i++) {
      byte b = buffer[i];
      if (b < 0) { // not ASCII: Unicode has spaces of its own
        return new String(buffer, line.offset(), line.length(), StandardCharsets.UTF_8).isBlank();
      }
      if (!Character.isWhitespace(b)) return false;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    if (in != null) in.close();
  }
}
