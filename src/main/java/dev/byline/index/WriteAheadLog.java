package dev.byline.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The log that makes an acknowledged write durable without a Lucene commit per request.
 *
 * <p>Every write and delete is appended here (one record) and the file is forced to disk before
 * the write is acknowledged; concurrent writers share one force (group sync). A Lucene commit
 * costs a flush and a force of every new segment file, so it happens in the background every few
 * seconds instead; each commit records the number of the first log file it does not cover, and
 * the files before it are deleted. Opening the index replays the files the last commit does not
 * cover. Replaying is idempotent: every operation sets an article's whole state by id, in the
 * order the writes happened (an id's operations are logged under that id's lock).
 *
 * <p>Files are {@code wal-<n>.log} in the index folder (Lucene leaves files that are not its own
 * alone), in the format {@link LogFile} describes: each record carries its length and a CRC32C
 * checksum. An append that fails part-way (a full disk) is cut off the file before anything else
 * is appended, so an acknowledged record never sits behind a torn one; if it cannot be cut off,
 * appends fail until it can (or until the next roll starts a new file). Replay gives back every
 * record whose checksum holds, in order: a record cut short at the end of a file was never
 * acknowledged and is skipped with a warning; damage followed by valid records is skipped with an
 * error that says how many bytes were lost, and the records after it are replayed.
 *
 * <p>Files named {@code wal-<n>.jsonl} (one JSON object per line, without checksums) come from an
 * older Byline; they are still replayed, in number order with the others, as {@link LineLogFile}
 * says, so an upgrade loses no acknowledged write. New files are always {@code .log}.
 */
final class WriteAheadLog implements java.io.Closeable {
  static final String COMMIT_KEY = "byline.wal_from";
  private static final Pattern FILE = Pattern.compile("wal-(\\d+)\\.(log|jsonl)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(WriteAheadLog.class);

  /** One logged operation: an article written, or an id deleted. */
  record Op(Article write, String delete) {}

  /**
   * Creates a log file (failing if it exists), makes its name durable, and opens it for writing
   * from its start; tests pass one whose writes fail on cue.
   */
  @FunctionalInterface
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;
  }

  private final Path dir;
  private final ChannelOpener opener;
  private final Object appendLock = new Object();
  private final Object syncLock = new Object();
  private FileChannel channel; // guarded by appendLock
  private long number; // guarded by appendLock
  private long appended; // bytes appended over the log's life, guarded by appendLock
  private long
      sizeOfCurrent; // bytes of whole records and header in the current file, guarded by appendLock
  private boolean tornTail; // a failed append left bytes past sizeOfCurrent, guarded by appendLock
  private volatile long synced;

  private WriteAheadLog(Path dir, long number, ChannelOpener opener) throws IOException {
    this.dir = dir;
    this.opener = opener;
    this.number = number;
    this.channel = openFile(number);
    this.sizeOfCurrent = LogFile.HEADER.length;
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
    return start(dir, from, WriteAheadLog::createDurably);
  }

  /** As {@link #start(Path, long)}, opening each new file with {@code opener} (a test seam). */
  static WriteAheadLog start(Path dir, long from, ChannelOpener opener) throws IOException {
    long next = Math.max(1, from);
    for (LogName file : files(dir)) next = Math.max(next, file.number() + 1);
    return new WriteAheadLog(dir, next, opener);
  }

  /**
   * The operations of the files numbered {@code from} or later, oldest first: every record whose
   * checksum holds. What is skipped is logged (see the class comment).
   *
   * @throws IOException if a file cannot be read or is in a later version of the format
   */
  static List<Op> read(Path dir, long from) throws IOException {
    List<Op> ops = new ArrayList<>();
    for (LogName file : files(dir)) {
      if (file.number() < from) continue;
      Path path = dir.resolve(file.name());
      if (file.lines()) {
        LineLogFile.read(path, node -> addOp(ops, path, node, node.toString()));
      } else {
        LogFile.read(path, payload -> addRecord(ops, path, payload));
      }
    }
    return ops;
  }

  /** Reads one record's payload; its checksum held, so it is as it was written. */
  private static void addRecord(List<Op> ops, Path file, byte[] payload) {
    String json = new String(payload, StandardCharsets.UTF_8);
    try {
      addOp(ops, file, JSON.readTree(json), json);
    } catch (IOException e) {
      // Not a torn write, then, but a bug: say exactly what was passed over, and go on.
      log.error(
          "write-ahead log {}: skipped a record that is not JSON ({}): {}",
          file,
          e.getMessage(),
          json);
    }
  }

  private static void addOp(List<Op> ops, Path file, JsonNode node, String json) {
    if (node.has("d")) {
      ops.add(new Op(null, node.get("d").asText()));
    } else if (node.has("w")) {
      try {
        ops.add(new Op(ArticleJson.readStored(node.get("w")), null));
      } catch (RuntimeException e) {
        // Accepted when written, refused now (a later Byline with stricter limits): keep
        // starting, and say exactly what was passed over.
        log.error(
            "write-ahead log {}: skipped an article that no longer validates ({}): {}",
            file,
            e.getMessage(),
            json);
      }
    }
  }

  /**
   * The log files from {@code from} to the last one in {@code dir} that are not there, described
   * for people ("wal-3.log", "wal-3.log to wal-9.log (7 files)"), or null when none is missing.
   * Files are numbered without gaps from the one a commit names ({@link #roll} creates the next
   * before a commit can name it), so a gap, or no file at all, means files were removed.
   */
  static String missing(Path dir, long from) throws IOException {
    long last = from - 1;
    java.util.Set<Long> present = new java.util.HashSet<>();
    for (LogName file : files(dir)) {
      if (file.number() < from) continue;
      present.add(file.number());
      last = Math.max(last, file.number());
    }
    if (last < from) return name(from);
    List<String> gaps = new ArrayList<>();
    long n = from;
    while (n < last) {
      if (present.contains(n)) {
        n++;
        continue;
      }
      long end = n;
      while (end + 1 < last && !present.contains(end + 1)) end++;
      gaps.add(
          end == n ? name(n) : name(n) + " to " + name(end) + " (" + (end - n + 1) + " files)");
      n = end + 1;
    }
    return gaps.isEmpty() ? null : String.join(", ", gaps);
  }

  /**
   * Creates the empty log file {@code number} in {@code dir}, durably: what a restored index's
   * commit names, so that the index reads as any other whose log holds nothing uncommitted.
   */
  static void createEmpty(Path dir, long number) throws IOException {
    try (WriteAheadLog wal = new WriteAheadLog(dir, number, WriteAheadLog::createDurably)) {
      wal.channel.force(true);
    }
  }

  /** Whether {@code dir} has log files numbered {@code from} or later. */
  static boolean hasFilesFrom(Path dir, long from) throws IOException {
    return files(dir).stream().anyMatch(file -> file.number() >= from);
  }

  /** Deletes the files numbered below {@code number}. */
  static void deleteBefore(Path dir, long number) throws IOException {
    for (LogName file : files(dir)) {
      if (file.number() < number) Files.deleteIfExists(dir.resolve(file.name()));
    }
  }

  /** Appends a write; returns the position to {@link #sync} to. */
  long appendWrite(Article article) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.set("w", ArticleJson.write(article));
    // Room for the text and then some: most of a record is the body, and little of it needs more
    // than a byte a character.
    return append(line, article.body().length() + article.title().length() + 1024);
  }

  /** Appends a deletion; returns the position to {@link #sync} to. */
  long appendDelete(String id) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.put("d", id);
    return append(line, 64 + id.length());
  }

  private long append(ObjectNode op, int sizeHint) throws IOException {
    ByteBuffer buffer = LogFile.frame(out -> JSON.writeValue(out, op), sizeHint);
    int recordLength = buffer.remaining();
    synchronized (appendLock) {
      if (tornTail) {
        try {
          cutTornTail();
        } catch (IOException e) {
          throw new IOException(
              "write-ahead log "
                  + dir.resolve(name(number))
                  + " ends with part of a record whose"
                  + " append failed, and it cannot be cut off; nothing is appended after it",
              e);
        }
      }
      try {
        while (buffer.hasRemaining()) channel.write(buffer);
      } catch (Throwable e) {
        // Part of the record may be in the file (a full disk): it was never acknowledged, and
        // the next record must not land behind it.
        tornTail = true;
        try {
          cutTornTail();
        } catch (IOException cut) {
          e.addSuppressed(cut);
        }
        throw e;
      }
      appended += recordLength;
      sizeOfCurrent += recordLength;
      return appended;
    }
  }

  /** Cuts the current file back to its last whole record. */
  private void cutTornTail() throws IOException {
    channel.truncate(sizeOfCurrent);
    channel.position(sizeOfCurrent);
    tornTail = false;
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
        FileChannel next = openFile(number + 1); // if this fails, the current file stays in use
        FileChannel previous = channel;
        channel = next;
        number++;
        sizeOfCurrent = LogFile.HEADER.length;
        tornTail =
            false; // whatever a failed append left in the previous file stays behind its records
        previous.close();
        return number;
      }
    }
  }

  /** Bytes in the current file, its header included: a commit is due when it grows large (replay time). */
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

  /** Creates file {@code n} with its header, or nothing. */
  private FileChannel openFile(long n) throws IOException {
    Path file = dir.resolve(name(n));
    FileChannel created = opener.open(file);
    try {
      ByteBuffer header = ByteBuffer.wrap(LogFile.HEADER);
      while (header.hasRemaining()) created.write(header);
    } catch (IOException | RuntimeException e) {
      try (created) {
        Files.deleteIfExists(file);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return created;
  }

  private static FileChannel createDurably(Path file) throws IOException {
    FileChannel created =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // The new file's name must survive a crash too.
    try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException notSupported) {
      // some platforms cannot open a folder; the file's data is still forced before any ack
    }
    return created;
  }

  private static String name(long n) {
    return "wal-" + n + ".log";
  }

  /** A log file's name: its number, and whether it is in the older one-line-per-operation format. */
  private record LogName(String name, long number, boolean lines) {}

  /** The log files in {@code dir} by number; an older-format file before a newer one of its number. */
  private static List<LogName> files(Path dir) throws IOException {
    List<LogName> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) return files;
    try (Stream<Path> paths = Files.list(dir)) {
      for (Path f : (Iterable<Path>) paths::iterator) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (m.matches())
          files.add(new LogName(m.group(), Long.parseLong(m.group(1)), m.group(2).equals("jsonl")));
      }
    }
    files.sort(Comparator.comparingLong(LogName::number).thenComparing(file -> !file.lines()));
    return files;
  }
}
