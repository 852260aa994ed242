package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.config.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generation whose reindex (or restore) was killed building it is a copy of the index left on
 * disk: the next server start removes it when its builder has ended, and leaves alone one whose
 * builder still runs, or that names none.
 */
class AbandonedGenerationsTest {
  @TempDir Path root;

  private Path halfBuilt(DataDir data, String name, String marker) throws Exception {
    Path generation = Files.createDirectories(data.generation(name));
    Files.writeString(generation.resolve("_0.cfs"), "segment");
    Files.writeString(data.buildingMarker(name), marker);
    return generation;
  }

  @Test
  void a_generation_whose_builder_ended_is_removed_and_the_others_are_kept() throws Exception {
    DataDir data = DataDir.of(root);
    try (ArticleIndex live = ArticleIndex.open(data.liveIndex())) {
      live.write(
          java.util.List.of(
              new dev.byline.article.Article(
                  "a",
                  null,
                  "Title",
                  "Body",
                  java.util.List.of(),
                  null,
                  null,
                  java.util.List.of(),
                  "en")));
    }
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Process running = new ProcessBuilder("sleep", "60").start();
    try {
      Path dead =
          halfBuilt(
              data,
              "index-20260101T000000000Z",
              "a reindex is building it\npid " + ended.pid() + "\n");
      Path alive =
          halfBuilt(
              data,
              "index-20260102T000000000Z",
              "a reindex is building it\npid " + running.pid() + "\n");
      Path older = halfBuilt(data, "index-20260103T000000000Z", "a reindex is building it\n");

      Reindexer.removeAbandoned(data);

      assertThat(dead).doesNotExist();
      assertThat(data.buildingMarker("index-20260101T000000000Z")).doesNotExist();
      assertThat(alive.resolve("_0.cfs")).exists();
      assertThat(data.buildingMarker("index-20260102T000000000Z")).exists();
      assertThat(older.resolve("_0.cfs")).as("a marker naming no process").exists();
      try (ArticleIndex live = ArticleIndex.open(data.liveIndex())) {
        assertThat(live.get("a")).isPresent();
      }
    } finally {
      running.destroyForcibly();
    }
  }

  @Test
  void a_marker_written_by_a_rebuild_names_its_process() throws Exception {
    DataDir data = DataDir.of(root);
    Reindexer.Building building = Reindexer.startBuilding(data);
    assertThat(Files.readString(data.buildingMarker(building.name())))
        .contains("pid " + ProcessHandle.current().pid());
    Reindexer.removeAbandoned(data); // this process is alive: kept
    assertThat(building.dir()).exists();
  }

  @Test
  void a_server_starting_removes_what_a_dead_builder_left() throws Exception {
    DataDir data = DataDir.of(root);
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path dead =
        halfBuilt(
            data, "index-20260101T000000000Z", "a reindex is building it\npid " + ended.pid());
    try (dev.byline.TestServer server = dev.byline.TestServer.start(root)) {
      assertThat(server.get("/health").status()).isEqualTo(200);
      assertThat(dead).doesNotExist();
      assertThat(data.halfBuilt()).isEmpty();
    }
  }
}
