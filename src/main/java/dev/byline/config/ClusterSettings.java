package dev.byline.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Cluster mode (issue 18): this node is one of several fed by a Kafka topic. Off unless {@code
 * --kafka} is given (then a server is exactly the single-node one: a null {@code ClusterSettings}
 * everywhere means single-node).
 *
 * @param kafka the bootstrap servers, {@code HOST:PORT} each
 * @param topic the topic that holds every write, keyed by article id; created (compacted) when
 *     missing
 * @param nodeId this node's name, in its Kafka client ids, stats and metrics
 * @param maxLag how many records this node may be behind the topic's end and still call itself
 *     caught up in {@code /health} (a load balancer takes it out beyond)
 */
public record ClusterSettings(List<String> kafka, String topic, String nodeId, long maxLag) {
  public static final long DEFAULT_MAX_LAG = 1_000;

  private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:/]+(:[0-9]{1,5})");

  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public ClusterSettings {
    kafka = List.copyOf(Objects.requireNonNull(kafka, "kafka"));
    if (kafka.isEmpty()) throw new InvalidConfigException("kafka: name at least one HOST:PORT");
    for (String server : kafka) {
      if (!HOST_PORT.matcher(server).matches()) {
        throw new InvalidConfigException(
            "kafka: '" + server + "' is not HOST:PORT (e.g. kafka-1:9092)");
      }
    }
    if (topic == null || topic.isBlank()) {
      throw new InvalidConfigException("cluster mode (--kafka) needs --topic");
    }
    if (!TOPIC.matcher(topic).matches()) {
      throw new InvalidConfigException(
          "topic '" + topic + "' must be 1-249 letters, digits or . _ -");
    }
    if (nodeId == null || nodeId.isBlank()) {
      throw new InvalidConfigException("cluster mode (--kafka) needs --node-id");
    }
    if (!NODE_ID.matcher(nodeId).matches()) {
      throw new InvalidConfigException(
          "node-id '"
              + nodeId
              + "' must be 1-100 letters, digits or . _ - (starting with one of the first two)");
    }
    if (maxLag < 0) throw new InvalidConfigException("max-lag must be >= 0 (got: " + maxLag + ")");
  }

  /** {@link #kafka} as Kafka's {@code bootstrap.servers} wants it. */
  public String bootstrapServers() {
    return String.join(",", kafka);
  }
}
