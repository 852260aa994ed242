package dev.byline.cluster;

import dev.byline.config.ClusterSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topic when it does not exist, as cluster mode needs it: compacted (the latest
 * write of each id is kept for ever, so a new node can build a complete index from the topic),
 * with one partition (every node then applies every write in one order, and finds the same
 * stories), replicated as the brokers' {@code default.replication.factor} says. A topic created by
 * the operator is used as it is.
 */
final class TopicSetup {
  static final int PARTITIONS = 1;

  /**
   * How long a tombstone stays after compaction: a node offline for longer may miss a delete (7
   * days instead of Kafka's 1, so that a node down over a weekend comes back right).
   */
  static final long DELETE_RETENTION_MS = 7L * 24 * 3600 * 1000;

  private TopicSetup() {}

  /** Creates the topic if missing. @throws Exception when Kafka cannot be asked or refuses */
  static void ensure(ClusterSettings settings, Properties kafka) throws Exception {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put("client.id", "byline-" + settings.nodeId() + "-setup");
    try (Admin admin = Admin.create(props)) {
      if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(settings.topic())) return;
      NewTopic topic =
          new NewTopic(settings.topic(), Optional.of(PARTITIONS), Optional.empty())
              .configs(
                  Map.of(
                      "cleanup.policy",
                      "compact",
                      "delete.retention.ms",
                      Long.toString(DELETE_RETENTION_MS)));
      try {
        admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) throw e; // another node was first
      }
    }
  }
}
