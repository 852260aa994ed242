package dev.byline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NdjsonReader parses each line from its bytes: it must give exactly the items (line numbers,
 * JSON, errors) that decoding the whole input to text and reading it line by line gave, on a
 * stream read a few bytes at a time and on a request body parsed by two threads.
 */
class NdjsonReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A line holds one JSON value, and nothing after it but spaces. */
  private static final com.fasterxml.jackson.databind.ObjectReader LINE =
      JSON.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Test
  void line_ends_blank_lines_a_byte_order_mark_and_bad_lines_are_read_as_text_reads_them()
      throws IOException {
    byte[] input =
        bytes(
            "\uFEFF{\"id\":\"a\"}\r\n\r\n  \t\n{\"id\":\"b\"}\r{\"id\":\"c\"}\n{not json\n\u3000\n",
            "{\"id\":\"d\",\"t\":\"caf",
            new byte[] {(byte) 0xC3},
            "\"}\n\u00A0{\"id\":\"e\"}",
            "\n{\"id\":\"f\"} {\"id\":\"g\"}\n{\"id\":\"h\"} x\n{\"id\":\"i\"}  ");
    List<RawItem> expected =
        List.of(
            RawItem.parsed(1, JSON.readTree("{\"id\":\"a\"}")),
            RawItem.parsed(4, JSON.readTree("{\"id\":\"b\"}")),
            RawItem.parsed(5, JSON.readTree("{\"id\":\"c\"}")),
            RawItem.failed(6, reference(bytes("{not json")).get(0).error()),
            RawItem.parsed(8, JSON.readTree("{\"id\":\"d\",\"t\":\"caf\uFFFD\"}")),
            RawItem.failed(9, reference(bytes("\u00A0{\"id\":\"e\"}")).get(0).error()),
            // Content after the line's JSON value: a second article was dropped unsaid.
            RawItem.failed(10, reference(bytes("{\"id\":\"f\"} {\"id\":\"g\"}")).get(0).error()),
            RawItem.failed(11, reference(bytes("{\"id\":\"h\"} x")).get(0).error()),
            RawItem.parsed(12, JSON.readTree("{\"id\":\"i\"}")));
    assertThat(expected.get(3).error()).startsWith("invalid JSON");
    assertThat(expected.get(5).error()).startsWith("invalid JSON"); // NBSP is not JSON space
    assertThat(expected.get(6).error()).startsWith("invalid JSON");
    assertThat(expected.get(7).error()).startsWith("invalid JSON");
    assertThat(reference(input)).isEqualTo(expected);
    assertThat(readAll(new NdjsonReader(input, JSON), 3)).isEqualTo(expected);
    assertThat(readAll(new NdjsonReader(new ByteArrayInputStream(input), JSON), 2))
        .isEqualTo(expected);
  }

  @Test
  void random_inputs_read_as_reading_them_as_text_did() throws IOException {
    long seed = Long.getLong("ndjson.seed", System.nanoTime());
    System.out.println("NdjsonReaderTest seed: -Dndjson.seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      byte[] input = randomInput(random, round % 10 == 0 ? 300 : 1 + random.nextInt(40));
      List<RawItem> expected = reference(input);
      String what = "seed " + seed + ", round " + round;
      int max = 1 + random.nextInt(400);
      assertThat(readAll(new NdjsonReader(input, JSON), max)).as(what).isEqualTo(expected);
      InputStream trickle = new Trickle(input, random.nextLong());
      assertThat(readAll(new NdjsonReader(trickle, JSON), max)).as(what).isEqualTo(expected);
    }
  }

  /** How the reader read before: the input decoded to text, then {@code readLine}. */
  private static List<RawItem> reference(byte[] input) throws IOException {
    List<RawItem> items = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8));
    int lineNumber = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
      if (line.isBlank()) continue;
      try {
        JsonNode node = LINE.readTree(line);
        items.add(RawItem.parsed(lineNumber, node));
      } catch (JsonProcessingException e) {
        items.add(RawItem.failed(lineNumber, "invalid JSON: " + JsonErrors.describe(e)));
      }
    }
    return items;
  }

  /**
   * A line longer than any article (65 MB of one byte, streamed) is an item with an error, and
   * the lines after it are read: a 3 GB file of one line ran {@code byline index} out of memory.
   */
  @Test
  void a_line_longer_than_any_article_is_an_error_and_the_next_lines_are_read() throws IOException {
    byte[] first = "{\"title\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] last = "\r\n{\"title\":\"c\"}\n".getBytes(StandardCharsets.UTF_8);
    long longLine = NdjsonReader.MAX_LINE_BYTES + (1 << 20);
    InputStream stream =
        new InputStream() {
          long at;

          @Override
          public int read() {
            long i = at++;
            if (i < first.length) return first[(int) i];
            i -= first.length;
            if (i < longLine) return 'x';
            i -= longLine;
            return i < last.length ? last[(int) i] : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
              int c = read();
              if (c < 0) return n == 0 ? -1 : n;
              b[off + n++] = (byte) c;
            }
            return n;
          }
        };
    List<RawItem> items = readAll(new NdjsonReader(stream, JSON), 10);
    assertThat(items).hasSize(3);
    assertThat(items.get(0).json().get("title").asText()).isEqualTo("a");
    assertThat(items.get(1).line()).isEqualTo(2);
    assertThat(items.get(1).error()).contains("longer than 64 MB");
    assertThat(items.get(2).line()).isEqualTo(3);
    assertThat(items.get(2).json().get("title").asText()).isEqualTo("c");
  }

  private static List<RawItem> readAll(NdjsonReader reader, int max) throws IOException {
    List<RawItem> items = new ArrayList<>();
    try (reader) {
      for (List<RawItem> chunk = reader.next(max); !chunk.isEmpty(); chunk = reader.next(max)) {
        assertThat(chunk.size()).isLessThanOrEqualTo(max);
        items.addAll(chunk);
      }
    }
    return items;
  }

  private static final String[] PIECES = {
    "a", "Z", " ", "é", "€", "\uD83D\uDCF0", "中文", "\\\"", "\\n", "\\u00e9", "\t", "ß", "\u3000",
  };
  private static final String[] ENDS = {"\n", "\n", "\n", "\r\n", "\r"};

  private static byte[] randomInput(Random random, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(8) == 0) out.writeBytes(bytes("\uFEFF"));
    for (int i = 0; i < lines; i++) {
      switch (random.nextInt(13)) {
        case 0 -> out.writeBytes(bytes(" \t ")); // blank
        case 1 -> out.writeBytes(bytes("\u3000 \u2003")); // blank, in Unicode's spaces
        case 2 -> out.writeBytes(bytes("{\"id\": \"x\", ")); // cut short
        case 3 -> out.writeBytes(bytes("\u00A0{}")); // NBSP is no JSON space
        case 4 -> { // bytes that are not UTF-8, inside a string or outside
          out.writeBytes(bytes("{\"t\":\"ab"));
          byte[][] bad = {{(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}};
          out.writeBytes(bad[random.nextInt(bad.length)]);
          out.writeBytes(bytes(random.nextBoolean() ? "c\"}" : "\"}x"));
        }
        case 5 -> out.writeBytes(new byte[] {'{', 0, '}'}); // a zero byte
        case 6 -> out.writeBytes(bytes("[1, 2] {\"a\":1}")); // trailing content
        case 7 -> out.writeBytes(bytes("\uFEFF{\"id\":\"m\"}")); // a byte-order mark mid-input
        default -> {
          StringBuilder text = new StringBuilder();
          int length = random.nextInt(20) == 0 ? 70_000 : random.nextInt(60);
          while (text.length() < length) text.append(PIECES[random.nextInt(PIECES.length)]);
          out.writeBytes(
              bytes(
                  (random.nextBoolean() ? " " : "")
                      + "{\"id\":\"n"
                      + i
                      + "\",\"body\":\""
                      + text
                      + "\",\"n\":"
                      + random.nextInt(1000)
                      + "}"));
        }
      }
      if (i < lines - 1 || random.nextBoolean()) {
        out.writeBytes(bytes(ENDS[random.nextInt(ENDS.length)]));
      }
    }
    return out.toByteArray();
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(
          part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** A stream that hands out a few bytes at a time, so that lines and \r\n straddle its reads. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final Random random;
    private int at;

    Trickle(byte[] data, long seed) {
      this.data = data;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      return at < data.length ? data[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= data.length) return -1;
      int n =
          Math.min(
              Math.min(len, data.length - at), 1 + random.nextInt(random.nextBoolean() ? 7 : 9000));
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }
  }
}
