package dev.byline.cluster;

import java.io.IOException;

/**
 * A write this node could not hand to Kafka (it cannot reach the brokers, or too few replicas are
 * in sync): nothing is acknowledged, though the write may still reach the topic, so sending it
 * again is safe (writes replace by id). Searches go on meanwhile.
 */
public final class ClusterUnavailableException extends IOException {
  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
