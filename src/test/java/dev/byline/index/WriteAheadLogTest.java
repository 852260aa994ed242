package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.article.DateParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log's one promise: replay gives back every acknowledged operation, in order, whatever a
 * crash, a full disk or a damaged byte left in the files. The randomized tests take a new seed each
 * run, print it in every failure, and rerun with {@code -Dtests.seed=<seed>}.
 */
class WriteAheadLogTest {
  private static final Pattern LOG_FILE = Pattern.compile("wal-(\\d+)\\.(jsonl|log)");

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    ((Logger) LoggerFactory.getLogger(WriteAheadLog.class.getPackageName())).addAppender(logged);
    logged.start();
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(WriteAheadLog.class.getPackageName())).detachAppender(logged);
  }

  /** The message of the one ERROR logged (fails if there is not exactly one). */
  private String theOneError() {
    List<ILoggingEvent> errors =
        logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    assertThat(errors).hasSize(1);
    return errors.getFirst().getFormattedMessage();
  }

  private static Article article(String id) {
    return article(id, "Body of " + id);
  }

  private static Article article(String id, String body) {
    return new Article(
        id,
        "https://example.org/" + id,
        "Title " + id,
        body,
        List.of("Ana Tubić"),
        DateParser.parse("2020-01-02"),
        "Source",
        List.of("Local"),
        "en");
  }

  @Test
  void replays_writes_and_deletes_in_order_across_rolls_and_skips_a_torn_last_line()
      throws Exception {
    try (WriteAheadLog log = WriteAheadLog.start(dir)) {
      log.sync(log.appendWrite(article("a")));
      long afterFirst = log.roll();
      log.appendWrite(article("b"));
      log.sync(log.appendDelete("a"));
      assertThat(WriteAheadLog.read(dir, 1)).hasSize(3);
      // A commit that covers the first file: only the second is replayed.
      WriteAheadLog.deleteBefore(dir, afterFirst);
      List<WriteAheadLog.Op> ops = WriteAheadLog.read(dir, afterFirst);
      assertThat(ops).hasSize(2);
      assertThat(ops.get(0).write()).isEqualTo(article("b")); // every field survives the round trip
      assertThat(ops.get(1).delete()).isEqualTo("a");
    }
    // A crash in the middle of an append leaves half a record: it was never acknowledged.
    Path last = logFiles(dir).getLast();
    Files.writeString(
        last, "{\"w\":{\"id\":\"c\",\"tit", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(WriteAheadLog.read(dir, 1)).hasSize(2);
    // A new log continues after the existing files.
    try (WriteAheadLog log = WriteAheadLog.start(dir)) {
      log.sync(log.appendWrite(article("d")));
    }
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("b", "-a", "d");
  }

  /** Issue 12: 300 KB of a 1.5 MB article reached the log before the disk filled. */
  @Test
  void an_append_that_fails_halfway_leaves_nothing_in_front_of_the_acknowledged_writes_after_it()
      throws Exception {
    List<FaultyChannel> opened = new ArrayList<>();
    List<String> acknowledged = new ArrayList<>();
    try (WriteAheadLog log = WriteAheadLog.start(dir, 1, file -> faulty(file, opened))) {
      log.sync(log.appendWrite(article("before")));
      acknowledged.add("before");
      opened.getLast().failWritesAfter(307_200);
      assertThatThrownBy(() -> log.appendWrite(article("big", "x".repeat(1_500_000))))
          .isInstanceOf(IOException.class);
      opened.getLast().failWritesAfter(-1); // space freed
      for (int i = 0; i < 20; i++) {
        log.sync(log.appendWrite(article("after-" + i)));
        acknowledged.add("after-" + i);
      }
    }
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactlyElementsOf(acknowledged);
    assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void an_append_after_a_failed_write_is_refused_while_the_partial_record_cannot_be_cut_off()
      throws Exception {
    List<FaultyChannel> opened = new ArrayList<>();
    try (WriteAheadLog log = WriteAheadLog.start(dir, 1, file -> faulty(file, opened))) {
      log.sync(log.appendWrite(article("a")));
      FaultyChannel file = opened.getLast();
      file.failWritesAfter(10);
      file.failTruncates(true);
      assertThatThrownBy(() -> log.appendWrite(article("b"))).isInstanceOf(IOException.class);
      file.failWritesAfter(-1);
      // The disk has room again but the torn record is still there: nothing may go after it.
      assertThatThrownBy(() -> log.appendDelete("a")).isInstanceOf(IOException.class);
      file.failTruncates(false);
      log.sync(log.appendWrite(article("c")));
    }
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("a", "c");
  }

  @Test
  void
      a_damaged_record_in_the_middle_is_skipped_with_an_error_and_the_records_after_it_are_replayed()
          throws Exception {
    List<Long> ends = new ArrayList<>();
    try (WriteAheadLog log = WriteAheadLog.start(dir)) {
      for (int i = 0; i < 10; i++) {
        log.sync(log.appendWrite(article("a" + i)));
        ends.add(log.sizeOfCurrent());
      }
    }
    Path file = logFiles(dir).getFirst();
    long middleOfFifth = (ends.get(3) + ends.get(4)) / 2;
    overwrite(file, middleOfFifth, (byte) 0);

    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("a0", "a1", "a2", "a3", "a5", "a6", "a7", "a8", "a9");
    assertThat(theOneError())
        .contains(file.getFileName().toString())
        .contains((ends.get(4) - ends.get(3)) + " bytes");
  }

  @Test
  void a_record_cut_short_at_the_end_is_skipped_with_a_warning() throws Exception {
    try (WriteAheadLog log = WriteAheadLog.start(dir)) {
      log.sync(log.appendWrite(article("a")));
      log.sync(log.appendWrite(article("b")));
    }
    Path file = logFiles(dir).getFirst();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 5);
    }
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("a");
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e -> assertThat(e.getFormattedMessage()).contains(file.getFileName().toString()));
    assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
  }

  @Test
  void an_older_bylines_jsonl_files_replay_in_number_order_with_the_new_ones() throws Exception {
    Files.writeString(
        dir.resolve("wal-2.jsonl"),
        """
        {"w":{"id":"old","title":"Old","body":"Written by an older Byline"}}
        {"d":"gone"}
        """,
        StandardCharsets.UTF_8);
    try (WriteAheadLog log = WriteAheadLog.start(dir, 1)) {
      log.sync(log.appendWrite(article("new")));
    }
    assertThat(logFiles(dir))
        .extracting(f -> f.getFileName().toString())
        .containsExactly("wal-2.jsonl", "wal-3.log");
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("old", "-gone", "new");
    assertThat(WriteAheadLog.read(dir, 3))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("new");
    WriteAheadLog.deleteBefore(dir, 3);
    assertThat(logFiles(dir))
        .extracting(f -> f.getFileName().toString())
        .containsExactly("wal-3.log");
  }

  /**
   * What the older Byline wrote in issue 12: a write that failed half-way, the next (acknowledged)
   * one appended straight after it on the same line, more lines after that; then a crash in the
   * middle of a two-byte letter. An upgrade must replay every whole write, and say what it passed.
   */
  @Test
  void an_older_bylines_file_with_a_torn_line_in_the_middle_replays_every_whole_write_after_it()
      throws Exception {
    String torn = "{\"w\":{\"id\":\"big\",\"title\":\"Big\",\"body\":\"" + "x".repeat(5_000);
    String glued =
        "{\"w\":{\"id\":\"first-after\",\"title\":\"After\",\"body\":\"Acknowledged after the failure\"}}";
    String tail = "{\"w\":{\"id\":\"cut\",\"title\":\"Cut\",\"body\":\"caf\u00e9";
    byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(dir.resolve("wal-4.jsonl"))) {
      out.write(
          ("{\"d\":\"before\"}\n" + torn + glued + "\n{\"d\":\"second-after\"}\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(tailBytes, 0, tailBytes.length - 1); // cut between the two bytes of the é
    }
    assertThat(WriteAheadLog.read(dir, 1))
        .extracting(WriteAheadLogTest::describe)
        .containsExactly("-before", "first-after", "-second-after");
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("wal-4.jsonl")
                    .contains(torn.length() + " bytes"));
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("wal-4.jsonl")
                    .contains((tailBytes.length - 1) + " bytes"));
  }

  @Test
  void a_log_file_of_a_later_format_version_is_refused_not_skipped() throws Exception {
    Files.writeString(dir.resolve("wal-1.log"), "byline-wal 2\n...", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> WriteAheadLog.read(dir, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("wal-1.log")
        .hasMessageContaining("byline-wal 2");
  }

  @Test
  void the_files_missing_after_the_one_a_commit_names_are_described_as_ranges() throws Exception {
    assertThat(WriteAheadLog.missing(dir, 3)).isEqualTo("wal-3.log");
    for (int n : new int[] {3, 4, 7, 8, 10}) {
      Files.write(dir.resolve("wal-" + n + ".log"), LogFile.HEADER);
    }
    Files.writeString(dir.resolve("wal-2.jsonl"), "");
    assertThat(WriteAheadLog.missing(dir, 3))
        .isEqualTo("wal-5.log to wal-6.log (2 files), wal-9.log");
    assertThat(WriteAheadLog.missing(dir, 1)).startsWith("wal-1.log, wal-5.log");
    assertThat(WriteAheadLog.missing(dir, 10)).isNull();
    assertThat(WriteAheadLog.missing(dir, 2)).startsWith("wal-5.log"); // the older format counts
  }

  /**
   * A log file the last commit names, deleted while the index was closed, took with it whatever
   * was acknowledged after that commit: opening says so, once, as an error. A restored snapshot,
   * which has no log of its own, opens without one.
   */
  @Test
  void a_deleted_log_file_is_reported_and_a_restored_snapshot_is_not() throws Exception {
    Path index = dir.resolve("index");
    try (ArticleIndex i = ArticleIndex.open(index)) {
      i.write(List.of(article("a")));
      i.snapshot(dir.resolve("snap"));
    }
    try (ArticleIndex i = ArticleIndex.open(index)) {
      i.write(List.of(article("b")));
    }
    for (Path f : logFiles(index)) Files.delete(f);
    try (ArticleIndex i = ArticleIndex.open(index)) {
      assertThat(i.get("b")).isPresent(); // the clean close committed it
    }
    assertThat(theOneError())
        .contains(index.toString())
        .containsPattern("wal-\\d+\\.log missing")
        .contains("are lost");
    logged.list.clear();

    Path data = dir.resolve("data");
    Snapshots.Restored restored =
        Snapshots.restore(dir.resolve("snap"), dev.byline.config.DataDir.of(data));
    try (ArticleIndex i = ArticleIndex.open(restored.generation())) {
      assertThat(i.get("a")).isPresent();
    }
    assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
  }

  /**
   * A crash (or a full disk) at any moment: random writes, deletes, syncs, rolls and failed
   * appends, then every file cut at one random byte of the whole log. Replay must give exactly the
   * successful appends that were wholly written before the cut — a prefix that holds every
   * acknowledged one — and nothing else.
   */
  @Test
  void replay_after_a_crash_at_any_byte_gives_exactly_the_appends_completed_before_it()
      throws Exception {
    long seed = seed();
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      Path folder = Files.createDirectory(dir.resolve("round-" + round));
      List<FaultyChannel> opened = new ArrayList<>();
      List<WriteAheadLog.Op> appended = new ArrayList<>();
      List<Long> ends = new ArrayList<>(); // each append's end, as an offset in the whole log
      List<Boolean> synced = new ArrayList<>();
      long before = 0; // bytes of the log in files before the current one
      try (WriteAheadLog log = WriteAheadLog.start(folder, 1, file -> faulty(file, opened))) {
        int count = random.nextInt(30);
        for (int i = 0; i < count; i++) {
          if (random.nextInt(10) == 0) {
            before += log.sizeOfCurrent();
            log.roll();
          }
          WriteAheadLog.Op op = randomOp(random);
          boolean fail = random.nextInt(8) == 0;
          if (fail) opened.getLast().failWritesAfter(random.nextInt(op.write() == null ? 30 : 300));
          try {
            long position =
                op.write() != null ? log.appendWrite(op.write()) : log.appendDelete(op.delete());
            boolean sync = random.nextBoolean();
            if (sync) log.sync(position);
            appended.add(op);
            ends.add(before + log.sizeOfCurrent());
            synced.add(sync);
          } catch (IOException diskFull) {
            // never acknowledged: the log must behave as if the append never happened
          } finally {
            opened.getLast().failWritesAfter(-1);
          }
        }
      }
      long total = 0;
      for (Path f : logFiles(folder)) total += Files.size(f);
      long cut = (long) (random.nextDouble() * (total + 1));
      cutAt(folder, cut);

      int whole = 0;
      while (whole < ends.size() && ends.get(whole) <= cut) whole++;
      String context =
          String.format(
              "seed %d (rerun with -Dtests.seed=%d), round %d, cut at byte %d of %d, appends ending at %s",
              seed, seed, round, cut, total, ends);
      for (int i = 0; i < whole; i++) {
        assertThat(ends.get(i)).as(context).isLessThanOrEqualTo(cut);
      }
      List<WriteAheadLog.Op> replayed = WriteAheadLog.read(folder, 1);
      assertThat(replayed).as(context).isEqualTo(appended.subList(0, whole));
      for (int i = 0; i < appended.size(); i++) {
        if (synced.get(i) && ends.get(i) <= cut)
          assertThat(replayed).as(context).contains(appended.get(i));
      }
      assertThat(logged.list).as(context).noneMatch(e -> e.getLevel() == Level.ERROR);
    }
  }

  /** Bit rot: one damaged byte in a record costs that record only, and is reported. */
  @Test
  void one_damaged_byte_anywhere_in_the_records_loses_only_the_record_it_is_in() throws Exception {
    long seed = seed();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      Path folder = Files.createDirectory(dir.resolve("round-" + round));
      List<WriteAheadLog.Op> appended = new ArrayList<>();
      List<Long> ends = new ArrayList<>();
      long start;
      try (WriteAheadLog log = WriteAheadLog.start(folder)) {
        start = log.sizeOfCurrent(); // past the file's header
        int count = 1 + random.nextInt(20);
        for (int i = 0; i < count; i++) {
          WriteAheadLog.Op op = randomOp(random);
          if (op.write() != null) log.appendWrite(op.write());
          else log.appendDelete(op.delete());
          appended.add(op);
          ends.add(log.sizeOfCurrent());
        }
      }
      Path file = logFiles(folder).getFirst();
      long at = start + (long) (random.nextDouble() * (ends.getLast() - start));
      byte[] bytes = Files.readAllBytes(file);
      overwrite(file, at, (byte) (bytes[(int) at] ^ (1 + random.nextInt(255))));

      int damaged = 0;
      while (ends.get(damaged) <= at) damaged++;
      List<WriteAheadLog.Op> expected = new ArrayList<>(appended);
      expected.remove(damaged);
      String context =
          String.format(
              "seed %d (rerun with -Dtests.seed=%d), round %d, byte %d damaged, records ending at %s",
              seed, seed, round, at, ends);
      logged.list.clear();
      assertThat(WriteAheadLog.read(folder, 1)).as(context).isEqualTo(expected);
      // The last record damaged looks like one cut short by a crash: a warning; else an error.
      Level expectedLevel = damaged == appended.size() - 1 ? Level.WARN : Level.ERROR;
      assertThat(logged.list).as(context).anyMatch(e -> e.getLevel() == expectedLevel);
    }
  }

  /**
   * An older Byline's file, written as it wrote them: one JSON line per operation, a failed
   * append's bytes left in place with the next operation glued on; then cut at a random byte.
   * Replay must give exactly the operations wholly written before the cut.
   */
  @Test
  void an_older_bylines_file_cut_at_any_byte_replays_exactly_its_whole_writes() throws Exception {
    long seed = seed();
    Random random = new Random(seed);
    ObjectMapper json = new ObjectMapper();
    for (int round = 0; round < 300; round++) {
      Path folder = Files.createDirectory(dir.resolve("round-" + round));
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      List<WriteAheadLog.Op> written = new ArrayList<>();
      List<Long> ends = new ArrayList<>();
      int count = random.nextInt(20);
      for (int i = 0; i < count; i++) {
        WriteAheadLog.Op op = randomOp(random);
        ObjectNode node = json.createObjectNode();
        if (op.write() != null) node.set("w", ArticleJson.write(op.write()));
        else node.put("d", op.delete());
        byte[] line = json.writeValueAsBytes(node);
        if (random.nextInt(6) == 0) {
          file.write(
              line, 0, random.nextInt(line.length)); // a failed append: never a whole operation
        } else {
          file.write(line);
          file.write('\n');
          written.add(op);
          ends.add(
              (long) file.size() - 1); // whole once its closing brace is in; the newline may be cut
        }
      }
      byte[] bytes = file.toByteArray();
      int cut = random.nextInt(bytes.length + 1);
      Files.write(folder.resolve("wal-1.jsonl"), Arrays.copyOf(bytes, cut));

      int whole = 0;
      while (whole < ends.size() && ends.get(whole) <= cut) whole++;
      String context =
          String.format(
              "seed %d (rerun with -Dtests.seed=%d), round %d, cut at byte %d of %d, writes ending at %s",
              seed, seed, round, cut, bytes.length, ends);
      assertThat(WriteAheadLog.read(folder, 1)).as(context).isEqualTo(written.subList(0, whole));
    }
  }

  private static long seed() {
    return Long.getLong("tests.seed", System.nanoTime());
  }

  /** A write of one of a few ids (so that writes replace and deletes hit), or a delete. */
  private static WriteAheadLog.Op randomOp(Random random) {
    String id = "id-" + random.nextInt(5);
    if (random.nextInt(4) == 0) return new WriteAheadLog.Op(null, id);
    // Bodies hold what could confuse a reader: newlines, quotes, the text of a record's start,
    // control characters, and letters of several byte lengths.
    String[] pieces = {
      "word ", "\n", "\"", "{\"w\":", "{\"d\":\"x\"}", "\u001e", "\u0000", "é", "漢字", "😀", "\\"
    };
    StringBuilder body = new StringBuilder("B");
    int length = random.nextInt(random.nextInt(10) == 0 ? 3_000 : 40);
    for (int i = 0; i < length; i++) body.append(pieces[random.nextInt(pieces.length)]);
    return new WriteAheadLog.Op(article(id, body.append('E').toString()), null);
  }

  private static FaultyChannel faulty(Path file, List<FaultyChannel> opened) throws IOException {
    FaultyChannel channel =
        new FaultyChannel(
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    opened.add(channel);
    return channel;
  }

  private static String describe(WriteAheadLog.Op op) {
    return op.write() == null ? "-" + op.delete() : op.write().id();
  }

  /** The log's files, oldest first. */
  private static List<Path> logFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> LOG_FILE.matcher(f.getFileName().toString()).matches())
          .sorted((x, y) -> Long.compare(number(x), number(y)))
          .toList();
    }
  }

  private static long number(Path file) {
    Matcher m = LOG_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) throw new IllegalArgumentException(file.toString());
    return Long.parseLong(m.group(1));
  }

  /** What a crash while byte {@code cut} of the whole log was being written leaves on disk. */
  private static void cutAt(Path folder, long cut) throws IOException {
    long before = 0;
    for (Path f : logFiles(folder)) {
      long size = Files.size(f);
      if (before + size > cut) {
        try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
          channel.truncate(Math.max(0, cut - before));
        }
      }
      before += size;
    }
  }

  private static void overwrite(Path file, long at, byte value) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {value}), at);
    }
  }
}
