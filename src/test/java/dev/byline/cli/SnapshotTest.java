package dev.byline.cli;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.index.ArticleIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots taken while the server serves and ingests restore to a consistent index. */
class SnapshotTest {
  @TempDir Path dir;

  @Test
  void a_snapshot_taken_under_writes_restores_to_a_consistent_index() throws Exception {
    Path live = dir.resolve("live");
    Path restoredData = dir.resolve("restored");
    long inSnapshot;
    try (TestServer server = TestServer.start(live)) {
      for (int i = 0; i < 50; i++)
        server.postJson(json(article("s" + i, "Before " + i, "Written before the snapshot.")));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  if (server
                          .postJson(
                              json(
                                  article(
                                      "w" + i,
                                      "During " + i,
                                      "Written while the snapshot is taken.")))
                          .status()
                      == 200) {
                    written.incrementAndGet();
                  }
                }
              });
      writer.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (written.get() < 10) {
        assertThat(System.nanoTime()).as("writes acknowledged within 30 s").isLessThan(deadline);
        Thread.sleep(5);
      }
      Response r = server.post("/api/snapshots", "application/json", "{\"name\": \"s1\"}");
      int afterSnapshot = written.get();
      stop.set(true);
      writer.join();
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      // Where it is, relative to the data directory: the server's own paths are not the client's
      // business.
      assertThat(r.json().get("name").asText()).isEqualTo("s1");
      assertThat(r.json().get("path").asText()).isEqualTo("snapshots/s1");
      assertThat(r.body()).doesNotContain(live.toAbsolutePath().toString());
      inSnapshot = r.json().get("articles").asLong();
      // Every write acknowledged before the snapshot, and at most the one in flight meanwhile.
      assertThat(inSnapshot).isBetween(60L, 50L + afterSnapshot + 1);
      assertThat(server.search("q=during&size=0").status()).isEqualTo(200); // still serving

      Path snapshot = live.resolve("snapshots/s1");
      assertThat(snapshot.resolve("snapshot.json")).exists();
      try (FSDirectory fs = FSDirectory.open(snapshot.resolve("index"));
          DirectoryReader reader = DirectoryReader.open(fs)) {
        assertThat((long) reader.numDocs()).isEqualTo(inSnapshot);
      }
      assertThat(server.post("/api/snapshots", "application/json", "{\"name\": \"s1\"}").status())
          .isEqualTo(409);
      assertThat(
              server
                  .post("/api/snapshots", "application/json", "{\"name\": \"../escape\"}")
                  .status())
          .isEqualTo(400);

      // Restoring is refused while a server runs on the data directory.
      CliTest.Run busy = CliTest.run("restore", snapshot.toString(), "--data", live.toString());
      assertThat(busy.status()).isEqualTo(2);
      assertThat(busy.err()).contains("stop it before restoring");

      CliTest.Run restore =
          CliTest.run("restore", snapshot.toString(), "--data", restoredData.toString());
      assertThat(restore.status()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("restored " + inSnapshot + " articles");
    }
    try (TestServer restored = TestServer.start(restoredData)) {
      assertThat(restored.articleCount()).isEqualTo(inSnapshot);
      JsonNode before = restored.get("/api/articles/s7").json();
      assertThat(before.get("title").asText()).isEqualTo("Before 7");
    }
  }

  @Test
  void the_command_line_snapshots_through_a_running_server_or_the_index_itself() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      server.postJson(json(article("c1", "Command line snapshot", "Taken through the server.")));
      CliTest.Run r =
          CliTest.run("snapshot", dir.resolve("snap-a").toString(), "--data", data.toString());
      assertThat(r.status()).as(r.toString()).isZero();
      assertThat(r.out()).contains("snapshot of 1 articles");
      assertThat(dir.resolve("snap-a/snapshot.json")).exists();
      assertThat(
              CliTest.run("snapshot", dir.resolve("snap-a").toString(), "--data", data.toString())
                  .status())
          .isEqualTo(2);
    }
    // Inside the data directory, a generation's folder is deleted by a later reindex, and the
    // backup with it (an outside fault hunt): refused. Its snapshots folder is for snapshots.
    CliTest.Run inside =
        CliTest.run(
            "snapshot", data.resolve("generation-x/backup").toString(), "--data", data.toString());
    assertThat(inside.status()).as(inside.toString()).isEqualTo(2);
    assertThat(inside.err()).contains("inside the data directory");
    assertThat(data.resolve("generation-x")).doesNotExist();
    CliTest.Run underSnapshots =
        CliTest.run(
            "snapshot", data.resolve("snapshots/mine").toString(), "--data", data.toString());
    assertThat(underSnapshots.status()).as(underSnapshots.toString()).isZero();
    CliTest.Run offline =
        CliTest.run("snapshot", dir.resolve("snap-b").toString(), "--data", data.toString());
    assertThat(offline.status()).as(offline.toString()).isZero();
    assertThat(Files.exists(dir.resolve("snap-b/index"))).isTrue();

    CliTest.Run notASnapshot =
        CliTest.run("restore", dir.toString(), "--data", dir.resolve("other").toString());
    assertThat(notASnapshot.status()).isEqualTo(2);
    assertThat(notASnapshot.err()).contains("not a Byline snapshot");
    assertThat(ArticleIndex.class).isNotNull();
  }

  /**
   * The server's snapshot is moved out of the data directory to the folder asked for; on another
   * volume a folder cannot be renamed (an outside hunt: "byline: …/snapshots/cli-…", exit 2, the
   * copy left in the data directory). Then it is copied whole and the original removed.
   */
  @Test
  void a_snapshot_moved_to_another_volume_is_copied_whole_and_the_original_removed()
      throws Exception {
    Path from = dir.resolve("data/snapshots/cli-1");
    Files.createDirectories(from.resolve("index"));
    Files.writeString(from.resolve("snapshot.json"), "{\"articles\": 1}");
    Files.writeString(from.resolve("index/_0.cfs"), "segment bytes");
    Path to = dir.resolve("backup/nightly");
    Files.createDirectories(to.getParent());
    SnapshotCommand.moveFolder(
        from,
        to,
        (a, b, options) -> {
          throw new java.nio.file.DirectoryNotEmptyException(a.toString()); // as across volumes
        });
    assertThat(Files.readString(to.resolve("snapshot.json"))).isEqualTo("{\"articles\": 1}");
    assertThat(Files.readString(to.resolve("index/_0.cfs"))).isEqualTo("segment bytes");
    assertThat(from).doesNotExist();
    assertThat(to.resolveSibling("nightly.partial")).doesNotExist();
  }
}
