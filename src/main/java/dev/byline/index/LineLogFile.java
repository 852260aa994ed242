package dev.byline.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log file in the format of an older Byline ({@code wal-<n>.jsonl}: one operation
 * per line as JSON, no checksums), read so that an upgrade loses no acknowledged write. Byline no
 * longer writes it.
 *
 * <p>That Byline appended the next operation straight after one whose write had failed half-way,
 * so such a line holds a cut-short operation and then a whole one. {@link #read} replays the
 * whole one (an operation always starts <code>{"w":</code> or <code>{"d":</code>, which a string inside one
 * cannot hold unescaped) and logs an error with the bytes skipped; a last line cut short (without
 * its newline) was never acknowledged and is skipped with a warning; any other line that does not
 * parse is skipped with an error, and reading goes on.
 */
final class LineLogFile {
  private static final Logger log = LoggerFactory.getLogger(LineLogFile.class);
  private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class);
  private static final byte[][] OPERATION_STARTS = {bytes("{\"w\":"), bytes("{\"d\":")};

  private LineLogFile() {}

  /** Hands every operation of {@code file} to {@code ops}, in order, and logs what it skipped. */
  static void read(Path file, Consumer<JsonNode> ops) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long at = 0; // where the line starts in the file
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] != '\n') continue;
          line.write(buffer, start, i - start);
          if (line.size() > 0) readLine(file, line.toByteArray(), at, true, ops);
          at += line.size() + 1;
          line.reset();
          start = i + 1;
        }
        line.write(buffer, start, n - start);
      }
      if (line.size() > 0) readLine(file, line.toByteArray(), at, false, ops);
    }
  }

  private static void readLine(
      Path file, byte[] line, long at, boolean whole, Consumer<JsonNode> ops) {
    List<JsonNode> values = parse(line, 0);
    if (values != null) {
      values.forEach(
          ops); // more than one: a write cut short just before its newline, then the next
      return;
    }
    for (int from = nextOperationStart(line, 1);
        from >= 0;
        from = nextOperationStart(line, from + 1)) {
      values = parse(line, from);
      if (values != null) {
        log.error(
            "write-ahead log {}: {} bytes (from byte {}) are a write cut short, with the next write appended"
                + " to them; skipped them and replayed the writes after them",
            file,
            from,
            at);
        values.forEach(ops);
        return;
      }
    }
    if (whole) {
      log.error(
          "write-ahead log {}: {} bytes (the line from byte {}) are not a write; skipped",
          file,
          line.length,
          at);
    } else {
      log.warn(
          "write-ahead log {}: its last {} bytes (from byte {}) are a write cut short by a crash or a failed"
              + " write, never acknowledged: skipped",
          file,
          line.length,
          at);
    }
  }

  /** The JSON values in {@code line} from {@code from} on, or null if they do not all parse. */
  private static List<JsonNode> parse(byte[] line, int from) {
    try (MappingIterator<JsonNode> values = JSON.readValues(line, from, line.length - from)) {
      List<JsonNode> all = new ArrayList<>();
      while (values.hasNextValue()) all.add(values.nextValue());
      return all;
    } catch (IOException | RuntimeException notWhole) {
      return null;
    }
  }

  private static int nextOperationStart(byte[] line, int from) {
    for (int i = from; i < line.length; i++) {
      for (byte[] start : OPERATION_STARTS) {
        if (i + start.length <= line.length
            && Arrays.equals(line, i, i + start.length, start, 0, start.length)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
