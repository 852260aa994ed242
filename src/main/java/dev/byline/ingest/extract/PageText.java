package dev.byline.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Decoding and normalising page text: encodings, BOMs, line ends, odd spaces. */
final class PageText {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern SPACE_RUN = Pattern.compile("[ \\t]{2,}");

  private PageText() {}

  /** Combining marks kept in a row: Unicode's stream-safe text format (UAX #15) allows 30. */
  static final int MAX_MARKS_IN_A_ROW = 30;

  /**
   * {@code text} with every run of combining marks (non-spacing or enclosing) cut to {@link
   * #MAX_MARKS_IN_A_ROW}; the same instance when no run is longer, as in all real text. Java's
   * {@code \b} walks back over the marks before each position it tests, so a page of one long run
   * made every word-boundary rule quadratic (600,000 marks ran for minutes).
   */
  static String streamSafe(String text) {
    int run = 0;
    int i = 0;
    for (; i < text.length(); i++) {
      run = isMark(text.charAt(i)) ? run + 1 : 0;
      if (run > MAX_MARKS_IN_A_ROW) break;
    }
    if (i == text.length()) return text;
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      run = isMark(c) ? run + 1 : 0;
      if (run <= MAX_MARKS_IN_A_ROW) out.append(c);
    }
    return out.toString();
  }

  private static boolean isMark(char c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }

  /**
   * Decodes bytes of unknown encoding: a BOM decides; else strict UTF-8; else windows-1252 (a
   * superset of Latin-1 for the printable range), which every byte sequence decodes in.
   */
  static String decode(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, WINDOWS_1252);
    }
  }

  /**
   * Whether the bytes are valid UTF-8 (plain ASCII is). Decoded through a small buffer: decoding
   * the whole page at once allocated twice its size in characters only to drop them.
   */
  static boolean isUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8_192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) return false;
      if (result.isUnderflow()) break;
      out.clear(); // overflow: the characters are not needed, only whether they decode
    }
    while (true) {
      CoderResult result = decoder.flush(out);
      if (result.isError()) return false;
      if (result.isUnderflow()) return true;
      out.clear();
    }
  }

  /** Whether bytes look like a binary file rather than text (NULs or many control characters). */
  static boolean looksBinary(byte[] bytes) {
    int sample = Math.min(bytes.length, 8_192);
    int control = 0;
    for (int i = 0; i < sample; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) return true;
      if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
    }
    return sample > 0 && control * 10 > sample;
  }

  /** Lines with CRLF/CR unified, no-break and zero-width spaces normalised, each line stripped. */
  static List<String> lines(String text) {
    String normalised = spaces(text.replace("\r\n", "\n").replace('\r', '\n'));
    List<String> out = new ArrayList<>();
    for (String line : normalised.split("\n", -1)) {
      out.add(SPACE_RUN.matcher(line.strip()).replaceAll(" ")); // compiled once, not once a line
    }
    return out;
  }

  /**
   * No-break and other odd spaces as plain ones, zero-width characters and soft hyphens dropped: a
   * loop over the characters (two regular expressions over the whole text took 5% of extraction).
   */
  private static String spaces(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean odd =
          c == '\u00A0'
              || c == '\u2007'
              || c == '\u202F'
              || (c >= '\u2000' && c <= '\u200A')
              || c == '\u3000';
      boolean invisible =
          c == '\u200B'
              || c == '\u200C'
              || c == '\u200D'
              || c == '\u2060'
              || c == '\uFEFF'
              || c == '\u00AD';
      if (out == null && (odd || invisible))
        out = new StringBuilder(text.length()).append(text, 0, i);
      if (out == null) continue;
      if (odd) out.append(' ');
      else if (!invisible) out.append(c);
    }
    return out == null ? text : out.toString();
  }
}
