package dev.byline.cluster;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that loses Kafka (issue 18): it goes on serving searches from its index and says so, and
 * refuses writes with a 503 that says why, never a 500, never an acknowledgement it cannot keep.
 */
@Tag("slow")
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ClusterWithoutKafkaTest {
  @TempDir Path dir;

  @Test
  void without_kafka_searches_are_served_and_writes_are_refused_with_a_503() throws Exception {
    KafkaCluster kafka = KafkaCluster.start(1, dir.resolve("kafka"));
    BylineNode node = null;
    try {
      node = BylineNode.start(dir.resolve("solo"), kafka.bootstrapServers(), "solo", "solo");
      node.awaitCaughtUp(Duration.ofSeconds(60));
      String position =
          node.post(
                  json(
                      List.of(
                          article("k1", "Lighthouse keeper retires", "The capybara keeper."),
                          article("k2", "Lighthouse sold", "A capybara bought it."))))
              .json()
              .get("position")
              .asText();
      assertThat(node.search("capybara", "after=" + position).json().get("total").asInt())
          .isEqualTo(2);

      kafka.stopAllBrokers();

      // A write sent now is refused within the producer's bounds: a 503, not an acknowledgement.
      long start = System.nanoTime();
      BylineNode.Response refused = node.post(json(article("k3", "Too late", "No capybara.")));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
      assertThat(refused.json().get("error").asText()).isEqualTo("kafka_unavailable");
      assertThat(tookMs).isLessThan(25_000);

      // Once the node has noticed, it says so, and refuses writes at once.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      BylineNode.Response health;
      do {
        health = node.get("/health");
        if (health.json().get("status").asText().equals("read_only")) break;
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      assertThat(health.status()).as(health.toString()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("read_only");
      assertThat(health.json().get("reason").asText()).contains("cannot reach Kafka");
      assertThat(health.json().get("cluster").get("kafka_reachable").asBoolean()).isFalse();

      start = System.nanoTime();
      BylineNode.Response fast = node.post(json(article("k4", "Later still", "No capybara.")));
      assertThat(fast.status()).isEqualTo(503);
      assertThat(fast.json().get("message").asText()).contains("cannot reach Kafka");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
      BylineNode.Response delete = node.delete("k1");
      assertThat(delete.status()).isEqualTo(503);
      assertThat(delete.json().get("error").asText()).isEqualTo("kafka_unavailable");

      // Searches and reads go on from the index, with everything acknowledged before.
      BylineNode.Response search = node.search("capybara", "");
      assertThat(search.status()).isEqualTo(200);
      assertThat(search.json().get("total").asInt()).isEqualTo(2);
      assertThat(node.get("/api/articles/k1").status()).isEqualTo(200);
      assertThat(node.get("/api/stats").json().get("cluster").get("kafka_reachable").asBoolean())
          .isFalse();
      assertThat(node.get("/metrics").body()).contains("byline_cluster_kafka_reachable 0.0");
      // Said once in the log, not at every reconnection attempt of Kafka's client.
      // (The feed thread writes it after its next failed request, which /health need not wait for.)
      Path logFile = dir.resolve("solo-solo.log");
      deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (java.nio.file.Files.readAllLines(logFile).stream()
              .noneMatch(l -> l.contains("cannot reach Kafka ("))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(3_000); // more failed attempts, which must not be logged
      List<String> log = java.nio.file.Files.readAllLines(logFile);
      assertThat(log.stream().filter(l -> l.contains("cannot reach Kafka (")).count()).isEqualTo(1);
      assertThat(log.stream().filter(l -> l.contains("NetworkClient")).count()).isZero();

      // Kafka back: the node takes writes again by itself, and nothing acknowledged is lost.
      kafka.startAllBrokers();
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      do {
        health = node.get("/health");
        if (health.json().get("status").asText().equals("ok")) break;
        Thread.sleep(200);
      } while (System.nanoTime() < deadline);
      assertThat(health.status()).as(health.toString()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("ok");
      BylineNode.Response again = node.post(json(article("k5", "Back", "A capybara returns.")));
      assertThat(again.status()).as(again.toString()).isEqualTo(200);
      String after = again.json().get("position").asText();
      BylineNode.Response found = node.search("capybara", "after=" + after);
      assertThat(found.status()).isEqualTo(200);
      // k1, k2 and k5 at least; k3 was refused but may have reached the topic (it was in flight).
      assertThat(found.json().get("total").asInt()).isBetween(3, 4);
      assertThat(node.get("/api/articles/k1").status()).isEqualTo(200);
      assertThat(node.get("/api/articles/k5").status()).isEqualTo(200);
    } finally {
      if (node != null) node.close();
      kafka.close();
      ClusterTest.keepLogs(dir);
    }
  }
}
