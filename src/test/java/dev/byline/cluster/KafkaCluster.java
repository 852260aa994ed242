package dev.byline.cluster;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka cluster in KRaft mode, in the test JVM (Kafka's own KafkaClusterTestKit): one
 * controller and {@code brokers} brokers, replication factor {@code min(3, brokers)} by default and
 * {@code min.insync.replicas} 2 when there are 3 or more, as a production cluster would have.
 */
final class KafkaCluster implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private KafkaCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  static KafkaCluster start(int brokers, Path dir) throws Exception {
    int replicas = Math.min(3, brokers);
    KafkaClusterTestKit kit =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(brokers)
                    .setBaseDirectory(dir)
                    .build())
            .setConfigProp("default.replication.factor", Integer.toString(replicas))
            .setConfigProp("min.insync.replicas", Integer.toString(Math.min(2, brokers)))
            .setConfigProp("offsets.topic.replication.factor", Integer.toString(replicas))
            .setConfigProp("transaction.state.log.replication.factor", Integer.toString(replicas))
            .setConfigProp("transaction.state.log.min.isr", Integer.toString(Math.min(2, brokers)))
            .setConfigProp("auto.create.topics.enable", "false")
            .build();
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
    } catch (Exception e) {
      kit.close();
      throw e;
    }
    return new KafkaCluster(kit);
  }

  /** An admin client of this cluster; the caller closes it. */
  org.apache.kafka.clients.admin.Admin admin() {
    return kit.admin();
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Stops broker {@code index} (0-based, in id order) as a crash would leave the others. */
  void stopBroker(int index) {
    var broker =
        kit.brokers().values().stream()
            .sorted(java.util.Comparator.comparingInt(b -> b.config().nodeId()))
            .toList()
            .get(index);
    broker.shutdown();
    broker.awaitShutdown();
  }

  /** Starts again every broker stopped (on the ports they had). */
  void startAllBrokers() throws Exception {
    kit.brokers().values().forEach(b -> b.startup());
    kit.waitForReadyBrokers();
  }

  /** Stops every broker: Kafka is unreachable from then on. */
  void stopAllBrokers() {
    kit.brokers().values().forEach(b -> b.shutdown());
    kit.brokers().values().forEach(b -> b.awaitShutdown());
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not stop cleanly", e);
    }
  }
}
