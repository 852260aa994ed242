package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  @TempDir Path dir;

  private static Article article(String id) {
    return new Article(id, "https://example.org/" + id, "Title " + id, "Body of " + id, List.of("Ana Tubić"),
        DateParser.parse("2020-01-02"), "Source", List.of("Local"), "en");
  }

  @Test
  void replays_writes_and_deletes_in_order_across_rolls_and_skips_a_torn_last_line() throws Exception {
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
    // A crash in the middle of an append leaves half a line: it was never acknowledged.
    Path last;
    try (var files = Files.list(dir)) {
      last = files.sorted().reduce((x, y) -> y).orElseThrow();
    }
    Files.writeString(last, "{\"w\":{\"id\":\"c\",\"tit", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(WriteAheadLog.read(dir, 1)).hasSize(2);
    // A new log continues after the existing files.
    try (WriteAheadLog log = WriteAheadLog.start(dir)) {
      log.sync(log.appendWrite(article("d")));
    }
    assertThat(WriteAheadLog.read(dir, 1)).extracting(op -> op.write() == null ? "-" + op.delete() : op.write().id())
        .containsExactly("b", "-a", "d");
  }
}
