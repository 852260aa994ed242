package dev.byline.cli;

import static dev.byline.Fixtures.archive;
import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.config.DataDir;
import dev.byline.index.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline reindex: build beside, check, swap atomically, keep the previous, roll back, clean up. */
class ReindexTest {
  @TempDir Path dir;

  private Path dataWithArchive() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      server.post("/api/articles", "application/x-ndjson", ndjson(archive()));
    }
    return data;
  }

  private static String current(Path data) throws Exception {
    return DataDir.of(data).liveIndex().getFileName().toString();
  }

  private static long generations(Path data) throws Exception {
    try (Stream<Path> list = Files.list(data)) {
      return list.filter(
              p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("index"))
          .count();
    }
  }

  @Test
  void reindex_rebuilds_beside_swaps_and_rolls_back() throws Exception {
    Path data = dataWithArchive();
    assertThat(current(data)).isEqualTo("index");
    CliTest.Run r = CliTest.run("reindex", "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("reindexed 7 articles")
        .contains("count 7")
        .contains("CheckIndex clean")
        .contains("--rollback");
    String rebuilt = current(data);
    assertThat(rebuilt).startsWith("index-");
    assertThat(Files.readString(data.resolve("PREVIOUS")).strip()).isEqualTo("index");
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.articleCount()).isEqualTo(7);
      assertThat(server.searchFor("elections", "").json().get("total").asInt()).isEqualTo(3);
      server.postJson(
          json(article("after", "Written after the reindex", "Lives in the new generation.")));
    }
    CliTest.Run back = CliTest.run("reindex", "--rollback", "--data", data.toString());
    assertThat(back.status()).as(back.toString()).isZero();
    assertThat(current(data)).isEqualTo("index");
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.articleCount()).isEqualTo(7); // the previous index, as it was
    }
    assertThat(CliTest.run("reindex", "--rollback", "--data", data.toString()).status()).isZero();
    assertThat(current(data)).isEqualTo(rebuilt); // a rollback can be undone
  }

  @Test
  void retention_keeps_the_live_and_the_previous_generation() throws Exception {
    Path data = dataWithArchive();
    for (int i = 0; i < 3; i++) {
      assertThat(CliTest.run("reindex", "--data", data.toString()).status()).isZero();
    }
    assertThat(generations(data)).isEqualTo(2);
    assertThat(Files.isDirectory(data.resolve(Files.readString(data.resolve("PREVIOUS")).strip())))
        .isTrue();
  }

  @Test
  void an_interrupted_reindex_leaves_the_live_index_serving_and_is_cleaned_up_next_time()
      throws Exception {
    Path data = dataWithArchive();
    // What kill -9 in the middle of a rebuild leaves: a half-built generation and its marker.
    Path half = Files.createDirectories(data.resolve("index-20990101T000000000Z"));
    Files.writeString(half.resolve("garbage"), "half written");
    Files.writeString(data.resolve("index-20990101T000000000Z.building"), "building");
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.articleCount()).isEqualTo(7);
    }
    assertThat(CliTest.run("reindex", "--data", data.toString()).status()).isZero();
    assertThat(Files.exists(half)).isFalse();
    assertThat(current(data)).isNotEqualTo("index-20990101T000000000Z");
  }

  @Test
  void reindex_from_sources_refuses_while_a_server_runs_and_leaves_everything_as_it_was()
      throws Exception {
    Path data = dataWithArchive();
    try (TestServer server = TestServer.start(data)) {
      CliTest.Run r = CliTest.run("reindex", "--from", dir.toString(), "--data", data.toString());
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).contains("--from needs it stopped");
      assertThat(server.articleCount()).isEqualTo(7);
      CliTest.Run rollback = CliTest.run("reindex", "--rollback", "--data", data.toString());
      assertThat(rollback.status()).isEqualTo(2);
      assertThat(rollback.err()).contains("no reindex has run since this server started");
    }
    assertThat(current(data)).isEqualTo("index");
  }

  @Test
  void reindex_from_sources_reruns_reading_and_extraction() throws Exception {
    Path data = dataWithArchive();
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.writeString(sources.resolve("a.jsonl"), ndjson(archive().subList(0, 3)) + "{broken\n");
    Files.copy(Path.of("src/test/resources/pages/seed-like.txt"), sources.resolve("seed-like.txt"));
    CliTest.Run r = CliTest.run("reindex", "--from", sources.toString(), "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("reindexed 4 articles").contains("rejected 1");
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.articleCount()).isEqualTo(4);
      assertThat(server.searchFor("ferry timetable", "").json().get("total").asInt()).isEqualTo(1);
    }
  }

  @Test
  void reindex_upgrades_an_index_of_an_older_schema_so_it_takes_writes_again() throws Exception {
    Path data = dataWithArchive();
    try (FSDirectory fs = FSDirectory.open(DataDir.of(data).liveIndex());
        IndexWriter writer =
            new IndexWriter(
                fs,
                new IndexWriterConfig(Schema.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      writer.setLiveCommitData(Map.of(Schema.VERSION_KEY, "0").entrySet());
      writer.commit();
    }
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.get("/api/stats").json().get("read_only").asBoolean()).isTrue();
    }
    assertThat(CliTest.run("reindex", "--data", data.toString()).status()).isZero();
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.get("/api/stats").json().get("read_only").asBoolean()).isFalse();
      assertThat(server.get("/api/stats").json().get("schema_version").asInt())
          .isEqualTo(Schema.VERSION);
      assertThat(server.postJson(json(article("new", "New", "Accepted again."))).status())
          .isEqualTo(200);
      assertThat(server.articleCount()).isEqualTo(8);
    }
  }

  @Test
  void an_index_of_schema_1_is_read_only_until_reindexed_then_finds_what_schema_2_finds()
      throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data)) {
      server.postJson(
          json(
              article(
                  "who", "The Who play the harbour festival", "The band played for two hours.")));
      server.postJson(json(article("quay", "Quay repairs", "The quay is mended.")));
    }
    // Rewrite the index as Byline 1 wrote it: title and body without stop words, KStem.
    org.apache.lucene.analysis.Analyzer schema1Text =
        new org.apache.lucene.analysis.Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            var source = new org.apache.lucene.analysis.standard.StandardTokenizer();
            org.apache.lucene.analysis.TokenStream t =
                new org.apache.lucene.analysis.en.EnglishPossessiveFilter(source);
            t = new org.apache.lucene.analysis.LowerCaseFilter(t);
            t = new org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter(t);
            t =
                new org.apache.lucene.analysis.StopFilter(
                    t, org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(
                source, new org.apache.lucene.analysis.en.KStemFilter(t));
          }
        };
    var analyzer =
        new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(
            Schema.analyzer(), Map.of(Schema.TITLE, schema1Text, Schema.BODY, schema1Text));
    try (FSDirectory fs = FSDirectory.open(DataDir.of(data).liveIndex())) {
      Map<String, String> userData =
          new java.util.HashMap<>(
              org.apache.lucene.index.SegmentInfos.readLatestCommit(fs).getUserData());
      java.util.List<org.apache.lucene.document.Document> docs = new java.util.ArrayList<>();
      try (var reader = org.apache.lucene.index.DirectoryReader.open(fs)) {
        var stored = reader.storedFields();
        for (int i = 0; i < reader.maxDoc(); i++)
          docs.add(Schema.toDocument(Schema.fromDocument(stored.document(i))));
      }
      try (IndexWriter writer =
          new IndexWriter(
              fs, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
        for (var doc : docs) writer.addDocument(doc);
        userData.put(Schema.VERSION_KEY, "1");
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
      }
    }
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.get("/api/stats").json().get("read_only").asBoolean()).isTrue();
      assertThat(server.searchFor("\"the who\"", "").json().get("total").asInt())
          .as("stop words were not indexed")
          .isZero();
    }
    CliTest.Run r = CliTest.run("reindex", "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.get("/api/stats").json().get("schema_version").asInt())
          .isEqualTo(Schema.VERSION);
      assertThat(server.get("/api/stats").json().get("read_only").asBoolean()).isFalse();
      assertThat(server.searchFor("\"the who\"", "").json().get("hits").get(0).get("id").asText())
          .isEqualTo("who");
    }
  }
}
