package dev.byline.cli;

import dev.byline.config.ClusterSettings;
import dev.byline.config.InvalidConfigException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s cluster options (issue 18); off unless {@code --kafka} is given. Each can also be
 * set in the config file ({@code kafka}, {@code topic}, {@code node-id}, {@code max-lag}) or the
 * environment ({@code BYLINE_KAFKA}, {@code BYLINE_TOPIC}, {@code BYLINE_NODE_ID}, {@code
 * BYLINE_MAX_LAG}); see {@link ConfigDefaults}.
 */
public final class ClusterOptions {
  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "Cluster mode: the Kafka brokers to bootstrap from, comma-separated. Writes go to --topic and every node"
              + " indexes that topic (default: none, a single node).")
  List<String> kafka;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description =
          "Cluster mode: the Kafka topic holding every write (created, compacted, when missing).")
  String topic;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description = "Cluster mode: this node's name, in its Kafka client ids, stats and metrics.")
  String nodeId;

  @Option(
      names = "--max-lag",
      paramLabel = "N",
      defaultValue = "" + ClusterSettings.DEFAULT_MAX_LAG,
      description =
          "Cluster mode: records this node may be behind the topic and still answer /health with 200 (default: ${DEFAULT-VALUE}).")
  long maxLag;

  /** The cluster settings, or null for a single node (no --kafka). */
  ClusterSettings settings() {
    if (kafka == null || kafka.isEmpty()) {
      if (topic != null || nodeId != null) {
        throw new InvalidConfigException("--topic and --node-id need --kafka (cluster mode)");
      }
      // A lag set for a node that is in no cluster is a mistake to say, not to ignore.
      if (maxLag != ClusterSettings.DEFAULT_MAX_LAG) {
        throw new InvalidConfigException(
            "--max-lag needs --kafka (cluster mode)"
                + (maxLag < 0 ? "; max-lag must be >= 0 (got: " + maxLag + ")" : ""));
      }
      return null;
    }
    return new ClusterSettings(
        kafka.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
        topic,
        nodeId,
        maxLag);
  }
}
