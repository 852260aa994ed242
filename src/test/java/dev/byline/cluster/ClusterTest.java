package dev.byline.cluster;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end (issue 18): a real Kafka (KRaft, 3 brokers, replication factor 3,
 * min.insync.replicas 2) in this JVM, and two Byline nodes as their own processes, spoken to over
 * HTTP. Each test writes its own ids.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the broker is stopped last
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ClusterTest {
  static final String TOPIC = "articles";
  @TempDir static Path dir;
  static KafkaCluster kafka;
  static BylineNode a;
  static BylineNode b;

  @BeforeAll
  static void startCluster() throws Exception {
    kafka = KafkaCluster.start(3, dir.resolve("kafka"));
    a = BylineNode.start(dir.resolve("a"), kafka.bootstrapServers(), TOPIC, "a");
    b = BylineNode.start(dir.resolve("b"), kafka.bootstrapServers(), TOPIC, "b");
    a.awaitCaughtUp(Duration.ofSeconds(60));
    b.awaitCaughtUp(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    if (kafka != null) kafka.close();
    keepLogs(dir);
  }

  /** The nodes' logs outlive the temporary folder, for a failure to be read (target/cluster-logs). */
  static void keepLogs(Path from) throws java.io.IOException {
    Path to = Path.of("target", "cluster-logs");
    java.nio.file.Files.createDirectories(to);
    try (var logs = java.nio.file.Files.newDirectoryStream(from, "*.log")) {
      for (Path log : logs) {
        java.nio.file.Files.copy(
            log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void an_article_written_on_one_node_is_found_on_the_other() throws Exception {
    BylineNode.Response written =
        a.post(
            json(
                List.of(
                    article("w1", "Harbour cranes return", "The zanzibarite cranes are back."),
                    article("w2", "Ferry timetable", "A zanzibarite ferry runs hourly."))));
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(written.json().get("indexed").asInt()).isEqualTo(2);
    assertThat(written.json().get("items").get(0).get("status").asText()).isEqualTo("created");
    String position = written.json().get("position").asText();
    assertThat(position).matches("\\d+:\\d+");

    // Without a token, the other node has it once it has applied the topic.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    BylineNode.Response found;
    do {
      found = b.search("zanzibarite", "");
      if (found.json().get("total").asInt() == 2) break;
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(found.json().get("total").asInt()).as(found.toString()).isEqualTo(2);
    assertThat(b.get("/api/articles/w1").json().get("title").asText())
        .isEqualTo("Harbour cranes return");
    // And the node that took the write has it too: it applies the topic like every other node.
    assertThat(a.search("zanzibarite", "after=" + position).json().get("total").asInt())
        .isEqualTo(2);
  }

  @Test
  void the_topic_is_created_compacted_with_one_partition_on_every_broker() throws Exception {
    try (var admin = kafka.admin()) {
      var description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
      assertThat(description.partitions()).hasSize(1);
      assertThat(description.partitions().get(0).replicas()).hasSize(3);
      var resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, TOPIC);
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void a_page_is_extracted_on_the_node_that_receives_it_and_found_on_the_other() throws Exception {
    BylineNode.Response written =
        a.postPage(
            "Tram line opens\n\nThe new axolotl tram line opened on Monday, the city said.\n",
            "https://news.example/tram");
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    String id = written.json().get("items").get(0).get("id").asText();
    String position = written.json().get("position").asText();
    BylineNode.Response found = b.search("axolotl", "after=" + position);
    assertThat(found.json().get("total").asInt()).isEqualTo(1);
    assertThat(b.get("/api/articles/" + id).json().get("url").asText())
        .isEqualTo("https://news.example/tram");
  }

  @Test
  void every_node_puts_a_syndicated_copy_in_the_same_story() throws Exception {
    String body =
        "The regional council approved the new harbour bridge on Tuesday after a two-year"
            + " review of its cost, its route across the estuary and its effect on the ferry"
            + " service, which will run until the bridge opens in the spring of next year.";
    String p1 =
        a.post(json(article("syn-1", "Bridge approved", body))).json().get("position").asText();
    String p2 =
        b.post(json(article("syn-2", "Council approves bridge", body)))
            .json()
            .get("position")
            .asText();
    a.search("bridge", "after=" + p1 + "&size=1");
    for (BylineNode node : List.of(a, b)) node.search("bridge", "after=" + p2 + "&size=1");
    String story = a.get("/api/articles/syn-1").json().get("story").asText();
    assertThat(story).isNotEmpty();
    for (BylineNode node : List.of(a, b)) {
      assertThat(node.get("/api/articles/syn-1").json().get("story").asText()).isEqualTo(story);
      assertThat(node.get("/api/articles/syn-2").json().get("story").asText())
          .as(node.nodeId)
          .isEqualTo(story);
    }
  }

  @Test
  void a_node_whose_index_refuses_the_topics_writes_leaves_the_load_balancer_and_says_why()
      throws Exception {
    // A flood stage no disk reaches: this node's index refuses every write (507 on one node).
    try (BylineNode full =
        BylineNode.start(
            dir.resolve("full"),
            kafka.bootstrapServers(),
            TOPIC,
            "full",
            "--min-free-disk-mb",
            "1000000000")) {
      String position =
          a.post(json(article("full-1", "Written elsewhere", "A numbat on another node.")))
              .json()
              .get("position")
              .asText();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      BylineNode.Response health;
      do {
        health = full.get("/health");
        if (health.json().path("cluster").has("index_problem")) break;
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      assertThat(health.status()).as(health.toString()).isEqualTo(503);
      assertThat(health.json().get("status").asText()).isEqualTo("catching_up");
      assertThat(health.json().get("reason").asText())
          .contains("this node's index refuses the topic's writes");
      // Not mistaken for a Kafka outage: it still hands writes to the topic.
      assertThat(health.json().get("cluster").get("kafka_reachable").asBoolean()).isTrue();
      BylineNode.Response written =
          full.post(json(article("full-2", "Through the full node", "A numbat again.")));
      assertThat(written.status()).as(written.toString()).isEqualTo(200);
      assertThat(
              a.search("numbat", "after=" + written.json().get("position").asText())
                  .json()
                  .get("total")
                  .asInt())
          .isEqualTo(2);
      assertThat(a.search("numbat", "after=" + position).status()).isEqualTo(200);
    }
  }

  @Test
  void a_search_after_a_writes_position_sees_that_write_on_any_node() throws Exception {
    for (int i = 0; i < 20; i++) {
      BylineNode writer = i % 2 == 0 ? a : b;
      BylineNode reader = i % 2 == 0 ? b : a;
      String word = "ryw" + i + "quokka";
      BylineNode.Response written =
          writer.post(json(article("ryw-" + i, "Read your writes " + i, "Its word is " + word)));
      assertThat(written.status()).as(written.toString()).isEqualTo(200);
      String position = written.json().get("position").asText();
      BylineNode.Response found = reader.search(word, "after=" + position);
      assertThat(found.status()).as(found.toString()).isEqualTo(200);
      assertThat(found.json().get("total").asInt())
          .as("write %d read on the other node", i)
          .isEqualTo(1);
    }
  }

  @Test
  void byline_index_through_a_node_returns_once_that_node_can_search_what_it_sent()
      throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines
          .append(json(article("cli-" + i, "Sent by the CLI " + i, "The word is wombatcli.")))
          .append('\n');
    }
    Path file = dir.resolve("cli.jsonl");
    java.nio.file.Files.writeString(file, lines);
    var run =
        dev.byline.cli.CliTestAccess.run("index", file.toString(), "--data", a.data.toString());
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("created 30").contains("searchable on the node at");
    // No ?after= here: the command returned only once the node had applied its writes.
    assertThat(a.search("wombatcli", "").json().get("total").asInt()).isEqualTo(30);
  }

  @Test
  void a_malformed_position_is_a_400_and_one_beyond_the_log_is_a_503_without_the_wait()
      throws Exception {
    BylineNode.Response malformed = b.search("anything", "after=banana");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").asText()).isEqualTo("invalid_parameter");
    assertThat(malformed.json().get("message").asText()).contains("banana");

    long start = System.nanoTime();
    BylineNode.Response ahead = b.search("anything", "after=0:999999999");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(ahead.status()).as(ahead.toString()).isEqualTo(503);
    assertThat(ahead.json().get("error").asText()).isEqualTo("not_caught_up");
    assertThat(ahead.json().get("message").asText())
        .contains("no write has been acknowledged at that position");
    // No write was ever acknowledged there, so the read is answered once the node has looked at
    // the topic's end (twice a second), not after the 5 s a real position may take: a client
    // sending made-up positions cannot hold the server's request threads.
    assertThat(tookMs).isLessThan(2_500L);
    // A partition the topic does not have is beyond its end too.
    assertThat(b.search("anything", "after=7:0").status()).isEqualTo(503);
  }

  @Test
  void updates_and_deletes_propagate_to_every_node() throws Exception {
    String p1 =
        a.post(json(article("ud-1", "Version one", "First wording of the gazebo story.")))
            .json()
            .get("position")
            .asText();
    String p2 =
        a.post(json(article("ud-2", "Doomed", "This gazebo article will be deleted.")))
            .json()
            .get("position")
            .asText();
    b.search("gazebo", "after=" + p1 + "&size=1");
    b.search("gazebo", "after=" + p2 + "&size=1");

    // Updated through the other node.
    BylineNode.Response updated =
        b.post(json(article("ud-1", "Version two", "Second wording of the gazebo story.")));
    assertThat(updated.json().get("items").get(0).get("status").asText()).isEqualTo("updated");
    String p3 = updated.json().get("position").asText();
    BylineNode.Response deleted = b.delete("ud-2");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    String p4 = deleted.json().get("position").asText();

    for (BylineNode node : List.of(a, b)) {
      BylineNode.Response found = node.search("gazebo", "after=" + p3);
      node.search("gazebo", "after=" + p4);
      assertThat(node.get("/api/articles/ud-1").json().get("title").asText())
          .as(node.nodeId)
          .isEqualTo("Version two");
      assertThat(node.get("/api/articles/ud-2").status()).as(node.nodeId).isEqualTo(404);
      assertThat(found.status()).isEqualTo(200);
    }
    assertThat(a.search("gazebo", "after=" + p4).json().get("total").asInt()).isEqualTo(1);
    assertThat(a.delete("never-written").status()).isEqualTo(404);
    assertThat(b.get("/api/articles/ud-1?after=" + p3).json().get("title").asText())
        .isEqualTo("Version two");
    // An article larger than a Kafka record Byline sends is the client's to split: a 413, and
    // nothing of its request is written.
    BylineNode.Response tooBig =
        a.post(
            json(
                List.of(
                    article("big-0", "Small one", "Fine."),
                    article("big-1", "Huge one", "gazebo ".repeat(150_000)))));
    assertThat(tooBig.status())
        .as(tooBig.body().substring(0, Math.min(300, tooBig.body().length())))
        .isEqualTo(413);
    assertThat(tooBig.json().get("message").asText()).contains("big-1");
    assertThat(a.get("/api/articles/big-0").status()).isEqualTo(404);
    // Reclustering would move articles in one node's index only: refused, saying why.
    BylineNode.Response recluster = a.post("/api/stories/recluster", "");
    assertThat(recluster.status()).isEqualTo(409);
    assertThat(recluster.json().get("error").asText()).isEqualTo("not_in_cluster_mode");
  }

  @Test
  void a_node_started_empty_catches_up_from_the_topic() throws Exception {
    for (int i = 0; i < 50; i++) {
      assertThat(a.post(json(article("late-" + i, "Late joiner " + i, "wombat " + i))).status())
          .isEqualTo(200);
    }
    a.awaitCaughtUp(Duration.ofSeconds(30));
    long expected = a.articles();
    try (BylineNode c =
        BylineNode.start(
            dir.resolve("c"), kafka.bootstrapServers(), TOPIC, "c", "--max-lag", "10")) {
      long start = System.nanoTime();
      // While it is more than max-lag behind, /health takes it out of a load balancer.
      BylineNode.Response early = c.get("/health");
      if (c.articles() < expected - 10) {
        assertThat(early.status()).as(early.toString()).isEqualTo(503);
        assertThat(early.json().get("status").asText()).isEqualTo("catching_up");
      }
      // Applying thousands of records at once is being busy, not losing Kafka: it said
      // read_only (and refused writes) while it applied a batch for more than 5 s.
      assertThat(c.awaitCaughtUp(Duration.ofSeconds(90))).doesNotContain("read_only");
      assertThat(c.get("/health").status()).isEqualTo(200);
      // A figure for the record (this machine: 2 cores shared by 3 brokers and 3 nodes).
      System.out.printf(
          "ClusterTest: node c started empty applied %d articles in %d ms%n",
          c.articles(), (System.nanoTime() - start) / 1_000_000);
      a.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(c.articles()).isEqualTo(a.articles()).isGreaterThanOrEqualTo(expected);
      assertThat(c.search("wombat", "").json().get("total").asInt()).isEqualTo(50);
      BylineNode.Response stats = c.get("/api/stats");
      assertThat(stats.json().get("cluster").get("node_id").asText()).isEqualTo("c");
      assertThat(stats.json().get("cluster").get("lag").asLong()).isZero();
      assertThat(stats.json().get("cluster").get("applied").asText())
          .isEqualTo(stats.json().get("cluster").get("log_end").asText());
      assertThat(c.get("/metrics").body())
          .contains("byline_cluster_lag 0.0")
          .contains("byline_cluster_caught_up 1.0")
          .contains("byline_cluster_applied_offset")
          .contains("byline_cluster_log_end_offset");
    }
  }

  @Test
  @Order(10)
  void
      a_node_killed_during_a_bulk_load_resumes_from_its_commit_and_has_every_acknowledged_article_once()
          throws Exception {
    BulkLoad load = new BulkLoad("kill", "platypus", List.of(a, a, b, b));
    AtomicReference<BylineNode> nodeB = new AtomicReference<>(b);
    java.util.concurrent.atomic.AtomicInteger searches =
        new java.util.concurrent.atomic.AtomicInteger();
    List<String> failedTwice = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reading =
        new Thread(
            () -> {
              for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                List<BylineNode> order =
                    i % 2 == 0 ? List.of(a, nodeB.get()) : List.of(nodeB.get(), a);
                String first = tryToSearch(order.get(0));
                if (first != null && tryToSearch(order.get(1)) != null) {
                  failedTwice.add(first + " / then " + order.get(1).nodeId);
                }
                searches.incrementAndGet();
              }
            },
            "reader");
    try {
      load.awaitAcknowledged(1_000);
      // Killed once it has applied a good part and made a background commit after that (every
      // 10 s), so that the restart has a position to resume from.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (b.get("/api/stats").json().get("cluster").get("applied_records").asLong() < 500
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String commitBefore = b.get("/api/stats").json().get("last_commit").asText();
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (b.get("/api/stats").json().get("last_commit").asText().equals(commitBefore)
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(b.get("/api/stats").json().get("last_commit").asText())
          .as("a background commit after 500 applied records")
          .isNotEqualTo(commitBefore);
      reading.start();
      b.kill(); // SIGKILL: no last commit; writes in flight on b are lost to their clients
      int atKill = load.acknowledged.size();
      load.awaitAcknowledged(atKill + 400); // a goes on taking writes
      b = BylineNode.start(dir.resolve("b"), kafka.bootstrapServers(), TOPIC, "b");
      nodeB.set(b);
      load.awaitAcknowledged(load.acknowledged.size() + 200); // both take writes again
    } finally {
      load.stop();
    }
    a.awaitCaughtUp(Duration.ofSeconds(60));
    b.awaitCaughtUp(Duration.ofMinutes(2));
    reading.interrupt();
    reading.join();
    // Searches went on through the kill and the restart, as a load balancer's client sees them:
    // each sent to the nodes in turn and retried once on the other when it failed.
    assertThat(searches.get()).as("searches while b was down or catching up").isGreaterThan(20);
    assertThat(failedTwice).as("searches that failed on both nodes").isEmpty();
    // It resumed from the position its last commit recorded, not from the topic's beginning.
    List<String> starts =
        java.nio.file.Files.readAllLines(dir.resolve("b-b.log")).stream()
            .filter(l -> l.contains("reads topic " + TOPIC))
            .toList();
    assertThat(starts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(starts.get(starts.size() - 1)).containsPattern("after position '0:[0-9]+'");

    assertAllPresentOnce(load);
  }

  @Test
  @Order(20)
  void a_broker_stopped_during_a_bulk_load_loses_no_acknowledged_write_and_writes_go_on()
      throws Exception {
    BulkLoad load = new BulkLoad("broker", "echidna", List.of(a, b));
    try {
      load.awaitAcknowledged(600);
      kafka.stopBroker(0);
      int atStop = load.acknowledged.size();
      // Writes go on with two of three replicas in sync (min.insync.replicas is 2).
      load.awaitAcknowledged(atStop + 600);
    } finally {
      load.stop();
    }
    a.awaitCaughtUp(Duration.ofSeconds(60));
    b.awaitCaughtUp(Duration.ofSeconds(60));
    assertAllPresentOnce(load);
  }

  /** Null when a search for the bulk load's word is answered 200; else what went wrong. */
  private static String tryToSearch(BylineNode node) {
    try {
      BylineNode.Response r = node.search("platypus", "size=3");
      return r.status() == 200 ? null : node.nodeId + ": " + r.status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return node.nodeId + ": " + e;
    }
  }

  /** Every acknowledged article is on both nodes, and no article is there twice. */
  private static void assertAllPresentOnce(BulkLoad load) throws Exception {
    for (BylineNode node : List.of(a, b)) {
      for (String id : load.acknowledged) {
        assertThat(node.get("/api/articles/" + id).status())
            .as(node.nodeId + " " + id)
            .isEqualTo(200);
      }
    }
    String word = load.acknowledged.iterator().next().startsWith("kill") ? "platypus" : "echidna";
    int onA = a.search(word, "size=1").json().get("total").asInt();
    int onB = b.search(word, "size=1").json().get("total").asInt();
    assertThat(onA).isEqualTo(onB);
    // Unacknowledged writes may have reached the topic too, but no id is counted twice.
    assertThat(onA).isBetween(load.acknowledged.size(), load.attempted.size());
    assertThat(a.articles()).isEqualTo(b.articles());
  }

  @Test
  void a_node_restored_from_a_snapshot_resumes_at_the_snapshots_position() throws Exception {
    BylineNode.Response snapshot = a.post("/api/snapshots", "{\"name\": \"join\"}");
    assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(201);
    Path taken = a.data.resolve(snapshot.json().get("path").asText());
    for (int i = 0; i < 5; i++) {
      a.post(json(article("after-snap-" + i, "After the snapshot " + i, "a quoll " + i)));
    }
    Path data = dir.resolve("d");
    int restored =
        dev.byline.Byline.run(
            java.util.Map.of(), "restore", "--data", data.toString(), taken.toString());
    assertThat(restored).isZero();
    try (BylineNode d = BylineNode.start(data, kafka.bootstrapServers(), TOPIC, "d")) {
      d.awaitCaughtUp(Duration.ofSeconds(90));
      a.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(d.search("quoll", "").json().get("total").asInt()).isEqualTo(5);
      assertThat(d.articles()).isEqualTo(a.articles());
    }
    // It started from the position recorded in the snapshot's commit, not from the beginning.
    List<String> starts =
        java.nio.file.Files.readAllLines(dir.resolve("d-d.log")).stream()
            .filter(l -> l.contains("reads topic " + TOPIC))
            .toList();
    assertThat(starts.get(0)).containsPattern("after position '0:[0-9]+'");
  }
}
