package dev.byline.index;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte format of one write-ahead log file ({@code wal-<n>.log}), and reading one back.
 *
 * <p>A file starts with the 13 bytes {@code "byline-wal 1\n"} (the format and its version), then
 * holds records back to back. A record is a 12-byte header and its payload:
 *
 * <pre>
 *   0x1E 'w' 'a' 'l'   marker; the payload is JSON, which never holds a raw 0x1E
 *   length             of the payload in bytes: 4 bytes, big-endian
 *   checksum           CRC32C of the length's 4 bytes and of the payload: 4 bytes, big-endian
 *   payload            one operation as UTF-8 JSON
 * </pre>
 *
 * <p>{@link #read} hands over, in order, every record whose checksum holds, and says in the log
 * what it passed over. Bytes that are not a whole record with nothing valid after them in the file
 * are a record cut short (a crash or a failed write while appending it, so never acknowledged):
 * skipped with a warning. Bytes that are not a record but have valid records after them are
 * damage: the reader scans forward to the next valid record, replays from there, and logs an error
 * with the number of bytes skipped. A file written in a later version of the format is refused.
 */
final class LogFile {
  private static final Logger log = LoggerFactory.getLogger(LogFile.class);

  /** The file header: the format's name and version. */
  static final byte[] HEADER = "byline-wal 1\n".getBytes(StandardCharsets.US_ASCII);

  private static final Pattern OTHER_VERSION = Pattern.compile("byline-wal [0-9]{1,9}\n");
  private static final byte[] MARKER = {0x1E, 'w', 'a', 'l'};
  static final int RECORD_HEADER_BYTES = 12;

  /** How much the scan for the next valid record past damage reads at a time. */
  private static final int SCAN_CHUNK = 64 * 1024;

  private LogFile() {}

  /** Writes a record's payload. */
  @FunctionalInterface
  interface Payload {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * One record holding what {@code payload} writes, ready to append: the payload is written once,
   * behind room left for the header, instead of into an array of its own then copied (for an
   * article, its whole text twice more).
   *
   * @param sizeHint about how many bytes the payload takes (the buffer grows if it takes more)
   */
  static ByteBuffer frame(Payload payload, int sizeHint) throws IOException {
    RecordBytes out = new RecordBytes(RECORD_HEADER_BYTES + Math.max(0, sizeHint));
    payload.writeTo(out);
    byte[] bytes = out.bytes();
    int length = out.size() - RECORD_HEADER_BYTES;
    ByteBuffer header = ByteBuffer.wrap(bytes);
    header.put(MARKER).putInt(length);
    header.putInt(checksum(bytes, bytes, RECORD_HEADER_BYTES, length));
    return ByteBuffer.wrap(bytes, 0, out.size());
  }

  /** The bytes of a record being written, the header's room first. */
  private static final class RecordBytes extends ByteArrayOutputStream {
    RecordBytes(int capacity) {
      super(capacity);
      count = RECORD_HEADER_BYTES;
    }

    byte[] bytes() {
      return buf; // not copied: the record is this array's first size() bytes
    }
  }

  /**
   * Hands the payload of every valid record of {@code file} to {@code records}, in order; logs a
   * warning for a record cut short at the end and an error for damage followed by valid records.
   *
   * @throws IOException if the file cannot be read, or is in a later version of the format
   */
  static void read(Path file, Consumer<byte[]> records) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      long at = startOfRecords(file, in, size);
      while (at < size) {
        byte[] payload = recordAt(in, at, size);
        if (payload != null) {
          records.accept(payload);
          at += RECORD_HEADER_BYTES + payload.length;
          continue;
        }
        long next = nextRecord(in, at + 1, size);
        if (next < 0) {
          log.warn(
              "write-ahead log {}: its last {} bytes (from byte {}) are a record cut short by a crash or a"
                  + " failed write, never acknowledged: skipped",
              file,
              size - at,
              at);
          return;
        }
        log.error(
            "write-ahead log {}: {} bytes of damage (bytes {} to {}) skipped; a write recorded there is lost,"
                + " the records after it are replayed",
            file,
            next - at,
            at,
            next - 1);
        at = next;
      }
    }
  }

  /** Where the records of {@code file} start (its size when there are none), checking its header. */
  private static long startOfRecords(Path file, FileChannel in, long size) throws IOException {
    byte[] head = new byte[(int) Math.min(size, 32)];
    readFully(in, ByteBuffer.wrap(head), 0);
    if (startsWith(head, HEADER)) return HEADER.length;
    if (size < HEADER.length && startsWith(HEADER, head)) {
      // Created, then a crash before its header was on disk: no record was ever acknowledged here.
      if (size > 0)
        log.warn("write-ahead log {}: its header is cut short ({} bytes); no records", file, size);
      return size;
    }
    Matcher version = OTHER_VERSION.matcher(new String(head, StandardCharsets.ISO_8859_1));
    if (version.lookingAt()) {
      throw new IOException(
          "write-ahead log "
              + file
              + " is in format '"
              + version.group().strip()
              + "', which this Byline cannot read (it reads '"
              + new String(HEADER, StandardCharsets.US_ASCII).strip()
              + "'): was it written by a newer Byline?");
    }
    log.error("write-ahead log {}: its header is damaged; reading the records after it", file);
    return Math.min(size, HEADER.length);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** The payload of the valid record at {@code at}, or null if there is none there. */
  private static byte[] recordAt(FileChannel in, long at, long size) throws IOException {
    if (size - at < RECORD_HEADER_BYTES) return null;
    ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES);
    readFully(in, header, at);
    if (!startsWith(header.array(), MARKER)) return null;
    int length = header.getInt(MARKER.length);
    if (length < 0 || length > size - at - RECORD_HEADER_BYTES) return null;
    byte[] payload = new byte[length];
    readFully(in, ByteBuffer.wrap(payload), at + RECORD_HEADER_BYTES);
    return checksum(header.array(), payload, 0, payload.length) == header.getInt(MARKER.length + 4)
        ? payload
        : null;
  }

  /** The start of the first valid record at or after {@code from}, or -1 if there is none. */
  private static long nextRecord(FileChannel in, long from, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK);
    for (long start = from; start < size; start += SCAN_CHUNK) {
      chunk.clear().limit((int) Math.min(SCAN_CHUNK, size - start));
      readFully(in, chunk, start);
      for (int i = 0; i < chunk.limit(); i++) {
        if (chunk.get(i) == MARKER[0] && recordAt(in, start + i, size) != null) return start + i;
      }
    }
    return -1;
  }

  /**
   * CRC32C of the length field (bytes 4-7 of {@code recordHeader}) and of the payload ({@code
   * length} bytes of {@code payload} from {@code offset}).
   */
  private static int checksum(byte[] recordHeader, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(recordHeader, MARKER.length, 4);
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  private static void readFully(FileChannel in, ByteBuffer into, long at) throws IOException {
    while (into.hasRemaining()) {
      if (in.read(into, at + into.position()) < 0)
        throw new EOFException("log file shrank while being read");
    }
  }
}
