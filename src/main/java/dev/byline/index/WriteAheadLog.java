package dev.byline.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The log that makes an acknowledged write durable without a Lucene commit per request.
 *
 * <p>Every write and delete is appended here (one JSON line) and the file is forced to disk before
 * the write is acknowledged; concurrent writers share one force (group sync). A Lucene commit
 * costs a flush and a force of every new segment file, so it happens in the background every few
 * seconds instead; each commit records the number of the first log file it does not cover, and
 * the files before it are deleted. Opening the index replays the files the last commit does not
 * cover. Replaying is idempotent: every operation sets an article's whole state by id, in the
 * order the writes happened (an id's operations are logged under that id's lock).
 *
 * <p>Files are {@code wal-<n>.jsonl} in the index folder (Lucene leaves files that are not its
 * own alone). A line cut short by a crash was never acknowledged and is skipped.
 */
final class WriteAheadLog implements java.io.Closeable {
  static final String COMMIT_KEY = "byline.wal_from";
  private static final Pattern FILE = Pattern.compile("wal-(\\d+)\\.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WriteAheadLog.class);

  /** One logged operation: an article written, or an id deleted. */
  record Op(Article write, String delete) {}

  private final Path dir;
  private final Object appendLock = new Object();
  private final Object syncLock = new Object();
  private FileChannel channel; // guarded by appendLock
  private long number; // guarded by appendLock
  private long appended; // bytes appended over the log's life, guarded by appendLock
  private long sizeOfCurrent; // guarded by appendLock
  private volatile long synced;

  private WriteAheadLog(Path dir, long number) throws IOException {
    this.dir = dir;
    this.number = number;
    this.channel = openFile(number);
  }

  /** Starts a new log file numbered after every existing one. */
  static WriteAheadLog start(Path dir) throws IOException {
    return start(dir, 1);
  }

  /**
   * Starts a new log file numbered after every existing one and at least {@code from} (the last
   * commit's first uncovered file: a restored index has no log files, but its commit names one).
   */
  static WriteAheadLog start(Path dir, long from) throws IOException {
    long next = Math.max(1, from);
    for (long n : numbers(dir)) next = Math.max(next, n + 1);
    return new WriteAheadLog(dir, next);
  }

  /** The operations of the files numbered {@code from} or later, oldest first. */
  static List<Op> read(Path dir, long from) throws IOException {
    List<Op> ops = new ArrayList<>();
    for (long n : numbers(dir)) {
      if (n < from) continue;
      try (BufferedReader in = Files.newBufferedReader(dir.resolve(name(n)), StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode node;
          try {
            node = JSON.readTree(line);
          } catch (IOException cutShort) {
            break; // the tail of a write that never completed (and was never acknowledged)
          }
          if (node.has("d")) {
            ops.add(new Op(null, node.get("d").asText()));
          } else if (node.has("w")) {
            try {
              ops.add(new Op(ArticleJson.read(node.get("w")), null));
            } catch (RuntimeException e) {
              // Accepted when written, refused now (a later Byline with stricter limits): keep
              // starting, and say exactly what was passed over.
              log.error("write-ahead log {}: skipped an article that no longer validates ({}): {}", name(n), e.getMessage(), line);
            }
          }
        }
      }
    }
    return ops;
  }

  /** Whether {@code dir} has log files numbered {@code from} or later. */
  static boolean hasFilesFrom(Path dir, long from) throws IOException {
    return numbers(dir).stream().anyMatch(n -> n >= from);
  }

  /** Deletes the files numbered below {@code number}. */
  static void deleteBefore(Path dir, long number) throws IOException {
    for (long n : numbers(dir)) {
      if (n < number) Files.deleteIfExists(dir.resolve(name(n)));
    }
  }

  /** Appends a write; returns the position to {@link #sync} to. */
  long appendWrite(Article article) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.set("w", ArticleJson.write(article));
    return append(line);
  }

  /** Appends a deletion; returns the position to {@link #sync} to. */
  long appendDelete(String id) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.put("d", id);
    return append(line);
  }

  private long append(ObjectNode line) throws IOException {
    byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (appendLock) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      appended += bytes.length;
      sizeOfCurrent += bytes.length;
      return appended;
    }
  }

  /**
   * Forces everything appended up to {@code position} to disk. The first caller forces for all
   * that are waiting; they then find their position already synced.
   */
  void sync(long position) throws IOException {
    if (synced >= position) return;
    synchronized (syncLock) {
      if (synced >= position) return;
      FileChannel current;
      long upTo;
      synchronized (appendLock) {
        current = channel;
        upTo = appended;
      }
      current.force(false);
      synced = upTo;
    }
  }

  /**
   * Starts a new file and returns its number: everything before it has been appended (and, as
   * the caller guarantees, applied to the writer), so a commit that follows covers it.
   */
  long roll() throws IOException {
    synchronized (syncLock) {
      synchronized (appendLock) {
        channel.force(false);
        synced = appended;
        channel.close();
        number++;
        channel = openFile(number);
        sizeOfCurrent = 0;
        return number;
      }
    }
  }

  /** Bytes in the current file: a commit is due when it grows large (replay time). */
  long sizeOfCurrent() {
    synchronized (appendLock) {
      return sizeOfCurrent;
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (appendLock) {
      channel.close();
    }
  }

  private FileChannel openFile(long n) throws IOException {
    FileChannel created = FileChannel.open(dir.resolve(name(n)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // The new file's name must survive a crash too.
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException notSupported) {
      // some platforms cannot open a folder; the file's data is still forced before any ack
    }
    return created;
  }

  private static String name(long n) {
    return "wal-" + n + ".jsonl";
  }

  private static List<Long> numbers(Path dir) throws IOException {
    List<Long> numbers = new ArrayList<>();
    if (!Files.isDirectory(dir)) return numbers;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (m.matches()) numbers.add(Long.parseLong(m.group(1)));
      }
    }
    numbers.sort(null);
    return numbers;
  }
}
