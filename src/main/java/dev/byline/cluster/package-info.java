/**
 * Cluster mode (issue 18): several Byline nodes fed by one Kafka topic, each with its own complete
 * index. {@link dev.byline.cluster.ClusterNode} is the one owner of a node's Kafka side and all the
 * HTTP layer sees. A write goes: validated and extracted on the node that received it → {@code
 * TopicWriter} produces it to the topic keyed by article id (idempotent, {@code acks=all}; a
 * delete is a tombstone) → acknowledged with its {@link dev.byline.cluster.LogPosition} once Kafka
 * has it. Every node's {@code TopicFeed} reads every partition of the topic itself (no consumer
 * group) and applies the records to its {@link dev.byline.index.ArticleIndex} through the same
 * write path as a single node, recording the position it applied in the index's commits, so a
 * restarted node resumes where its index stands. {@code TopicSetup} creates the topic (compacted)
 * when it is missing. The index knows nothing of Kafka: it keeps the position as opaque text.
 */
package dev.byline.cluster;
