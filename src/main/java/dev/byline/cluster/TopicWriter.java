package dev.byline.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.config.ClusterSettings;
import dev.byline.errors.InvalidRequestException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Hands writes to the topic and returns once Kafka has them: keyed by article id (so every write
 * of an id lands in one partition, in order), the article's JSON as the value, a tombstone (no
 * value) for a delete. The producer is idempotent with {@code acks=all}: a write is acknowledged
 * only once every in-sync replica has it, and a retry inside the producer never writes it twice.
 * Thread-safe.
 */
final class TopicWriter implements Closeable {
  /**
   * Largest record sent: below Kafka's default {@code message.max.bytes} (1 MiB with overhead), so
   * a topic created with the brokers' defaults takes it. A larger article is refused (413) before
   * anything of its request is sent.
   */
  static final int MAX_RECORD_BYTES = 1_000_000;

  /** How long a write waits for Kafka's acknowledgement beyond the producer's own timeouts. */
  private static final long ACK_WAIT_MS = 30_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  TopicWriter(ClusterSettings settings, Properties kafka) {
    this.topic = settings.topic();
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "byline-" + settings.nodeId() + "-writer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"); // order kept when idempotent
    props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    // A write the brokers cannot take is refused within seconds (a 503 the client can retry),
    // not held for the producer's default two minutes.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /** Writes the articles to the topic; returns once Kafka has every one, with their position. */
  LogPosition write(List<Article> articles) throws IOException {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(articles.size());
    for (Article article : articles) {
      byte[] value = JSON.writeValueAsBytes(ArticleJson.write(article));
      if (value.length > MAX_RECORD_BYTES) {
        throw new InvalidRequestException(
            413,
            "payload_too_large",
            "article '"
                + article.id()
                + "' is "
                + value.length
                + " bytes as JSON; a cluster takes articles up to "
                + MAX_RECORD_BYTES
                + " bytes (nothing of this request was written)");
      }
      records.add(new ProducerRecord<>(topic, article.id(), value));
    }
    return send(records);
  }

  /** Writes a tombstone for {@code id}; returns once Kafka has it, with its position. */
  LogPosition delete(String id) throws IOException {
    return send(List.of(new ProducerRecord<>(topic, id, null)));
  }

  private LogPosition send(List<ProducerRecord<String, byte[]>> records) throws IOException {
    try {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<String, byte[]> record : records) sent.add(producer.send(record));
      LogPosition position = LogPosition.NONE;
      for (Future<RecordMetadata> future : sent) {
        RecordMetadata written = future.get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
        position = position.with(written.partition(), written.offset());
      }
      return position;
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (KafkaException | java.util.concurrent.TimeoutException e) {
      throw refused(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused(e);
    }
  }

  private static ClusterUnavailableException refused(Throwable cause) {
    return new ClusterUnavailableException(
        "Kafka did not acknowledge the write ("
            + cause
            + "): it is not acknowledged, though it may still be applied; sending it again is safe",
        cause);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
