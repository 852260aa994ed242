package dev.byline.cli;

import static dev.byline.cli.ConfigTest.json;
import static dev.byline.cli.ConfigTest.serve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster mode's options (issue 18): off by default, set like every other option, checked at start. */
class ClusterConfigTest {
  @TempDir Path dir;

  @Test
  void a_server_is_a_single_node_unless_kafka_is_given() throws Exception {
    assertThat(json(serve(Map.of())).has("cluster")).isFalse();
  }

  @Test
  void flags_environment_and_config_file_all_set_cluster_mode() throws Exception {
    JsonNode fromFlags =
        json(serve(
                Map.of(), "--kafka", "k1:9092,k2:9092", "--topic", "news", "--node-id", "node-1"))
            .get("cluster");
    assertThat(fromFlags.get("kafka").toString()).isEqualTo("[\"k1:9092\",\"k2:9092\"]");
    assertThat(fromFlags.get("topic").asText()).isEqualTo("news");
    assertThat(fromFlags.get("node_id").asText()).isEqualTo("node-1");
    assertThat(fromFlags.get("max_lag").asLong())
        .isEqualTo(dev.byline.config.ClusterSettings.DEFAULT_MAX_LAG);

    JsonNode fromEnv =
        json(serve(
                Map.of(
                    "BYLINE_KAFKA", "k3:9092",
                    "BYLINE_TOPIC", "wire",
                    "BYLINE_NODE_ID", "n2",
                    "BYLINE_MAX_LAG", "50")))
            .get("cluster");
    assertThat(fromEnv.get("kafka").get(0).asText()).isEqualTo("k3:9092");
    assertThat(fromEnv.get("topic").asText()).isEqualTo("wire");
    assertThat(fromEnv.get("node_id").asText()).isEqualTo("n2");
    assertThat(fromEnv.get("max_lag").asLong()).isEqualTo(50);

    Path file =
        Files.writeString(
            dir.resolve("cluster.properties"),
            "kafka = k4:9092\ntopic = archive\nnode-id = n3\nmax-lag = 7\n");
    JsonNode fromFile = json(serve(Map.of(), "--config", file.toString())).get("cluster");
    assertThat(fromFile.get("topic").asText()).isEqualTo("archive");
    assertThat(fromFile.get("node_id").asText()).isEqualTo("n3");
    assertThat(fromFile.get("max_lag").asLong()).isEqualTo(7);
  }

  @Test
  void incomplete_or_bad_cluster_options_stop_start_up_naming_them() {
    CliTest.Run noTopic = serve(Map.of(), "--kafka", "k1:9092", "--node-id", "a");
    assertThat(noTopic.status()).isEqualTo(2);
    assertThat(noTopic.err()).contains("needs --topic");

    CliTest.Run noNode = serve(Map.of(), "--kafka", "k1:9092", "--topic", "t");
    assertThat(noNode.status()).isEqualTo(2);
    assertThat(noNode.err()).contains("needs --node-id");

    CliTest.Run badServer = serve(Map.of(), "--kafka", "k1", "--topic", "t", "--node-id", "a");
    assertThat(badServer.status()).isEqualTo(2);
    assertThat(badServer.err()).contains("'k1' is not HOST:PORT");

    CliTest.Run badTopic =
        serve(Map.of(), "--kafka", "k1:9092", "--topic", "no spaces", "--node-id", "a");
    assertThat(badTopic.status()).isEqualTo(2);
    assertThat(badTopic.err()).contains("topic 'no spaces'");

    CliTest.Run topicAlone = serve(Map.of(), "--topic", "t");
    assertThat(topicAlone.status()).isEqualTo(2);
    assertThat(topicAlone.err()).contains("need --kafka");

    // Accepted silently before: a negative lag, or a lag for a node that is not in a cluster.
    CliTest.Run negativeLag =
        serve(Map.of(), "--kafka", "k1:9092", "--topic", "t", "--node-id", "a", "--max-lag", "-5");
    assertThat(negativeLag.status()).isEqualTo(2);
    assertThat(negativeLag.err()).contains("max-lag must be >= 0");

    CliTest.Run lagAlone = serve(Map.of(), "--max-lag", "5");
    assertThat(lagAlone.status()).isEqualTo(2);
    assertThat(lagAlone.err()).contains("--max-lag needs --kafka");

    CliTest.Run negativeLagAlone = serve(Map.of(), "--max-lag", "-5");
    assertThat(negativeLagAlone.status()).isEqualTo(2);
    assertThat(negativeLagAlone.err()).contains("max-lag");
  }

  @Test
  void byline_index_refuses_to_write_straight_into_a_cluster_nodes_index() throws Exception {
    Path data = dir.resolve("node");
    try (var index =
        dev.byline.index.ArticleIndex.open(dev.byline.config.DataDir.of(data).liveIndex())) {
      // As a node's feed leaves it: a write applied, then its position.
      index.write(
          java.util.List.of(
              dev.byline.article.ArticleJson.read(
                  dev.byline.Fixtures.article("n1", "Applied", "From the topic."))));
      index.recordFeedPosition("0:41");
    }
    Path file =
        Files.writeString(
            dir.resolve("a.jsonl"),
            dev.byline.Fixtures.json(dev.byline.Fixtures.article("x1", "Title", "Body.")) + "\n");
    CliTest.Run refused = CliTest.run("index", file.toString(), "--data", data.toString());
    assertThat(refused.status()).as(refused.toString()).isNotZero();
    assertThat(refused.err()).contains("is a cluster node's (fed by a Kafka topic)");
    try (var index =
        dev.byline.index.ArticleIndex.open(dev.byline.config.DataDir.of(data).liveIndex())) {
      assertThat(index.get("x1")).isEmpty();
    }
  }
}
