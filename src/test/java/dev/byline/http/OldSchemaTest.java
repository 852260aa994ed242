package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.DataDir;
import dev.byline.config.ServerConfig;
import dev.byline.index.Schema;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index of another schema version is served read-only, and says to reindex. */
class OldSchemaTest {
  @Test
  void an_index_of_an_older_schema_is_searchable_but_refuses_writes(@TempDir Path dir)
      throws Exception {
    try (TestServer first = TestServer.start(dir)) {
      first.postJson(json(article("old-1", "Old harbour story", "Written by an older Byline.")));
    }
    // Pretend an older Byline wrote it.
    try (FSDirectory fs = FSDirectory.open(DataDir.of(dir).liveIndex());
        IndexWriter writer =
            new IndexWriter(
                fs,
                new IndexWriterConfig(Schema.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      writer.setLiveCommitData(Map.of(Schema.VERSION_KEY, "0").entrySet());
      writer.commit();
    }
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.searchFor("harbour", "").json().get("total").asInt()).isEqualTo(1);
      Response stats = server.get("/api/stats");
      assertThat(stats.json().get("read_only").asBoolean()).isTrue();
      assertThat(stats.json().get("schema_version").asInt()).isZero();
      Response write = server.postJson(json(article("new-1", "New", "Refused.")));
      assertThat(write.status()).isEqualTo(409);
      assertThat(write.json().get("error").asText()).isEqualTo("index_read_only");
      assertThat(write.json().get("message").asText()).contains("reindex");
      assertThat(server.delete("/api/articles/old-1").status()).isEqualTo(409);
    }
    // With --semantic: an older schema has no vectors to search, so the model is not loaded
    // (nothing would be embedded either); keyword search works and a search by meaning says why
    // it cannot run, rather than telling a server started with --semantic to start with it.
    try (TestServer server =
        TestServer.start(ServerConfig.defaults(dir).withPort(0).withSemantic(true))) {
      assertThat(server.searchFor("harbour", "").json().get("total").asInt()).isEqualTo(1);
      Response hybrid = server.searchFor("harbour", "mode=hybrid");
      assertThat(hybrid.status()).isEqualTo(400);
      assertThat(hybrid.json().get("error").asText()).isEqualTo("semantic_off");
      assertThat(hybrid.json().get("message").asText())
          .contains("read-only")
          .contains("reindex")
          .doesNotContain("start it with --semantic");
      assertThat(server.get("/api/stats").json().get("semantic").get("on").asBoolean()).isFalse();
    }
  }
}
