package dev.byline.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bge-small-en-v1.5 (BAAI, MIT licence), quantized to int8: a 34 MB ONNX model and its tokenizer,
 * read from the classpath (the langchain4j artifact that ships them), run on the CPU by ONNX
 * Runtime. 384 dimensions; reads at most 512 tokens. Measured here at about 29 article passages
 * per CPU-second (title + 600 characters), against 21-24 for all-MiniLM-L6-v2 (fp32, 90 MB).
 *
 * <p>Queries get the instruction the model was trained with for short queries ("Represent this
 * sentence for searching relevant passages: "); passages are embedded as they are.
 */
public final class BgeSmallEmbedder implements Embedder {
  static final String QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";
  private static final int DIMENSION = 384;

  private final ExecutorService threads;
  private final BgeSmallEnV15QuantizedEmbeddingModel model;

  /**
   * Loads the model (about a second) with {@code threads} threads to embed the passages of one
   * batch side by side.
   */
  public BgeSmallEmbedder(int threads) {
    if (threads < 1)
      throw new IllegalArgumentException("threads must be >= 1 (got: " + threads + ")");
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "byline-embed-model-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.model = new BgeSmallEnV15QuantizedEmbeddingModel(this.threads);
  }

  @Override
  public String name() {
    return "bge-small-en-v1.5-int8";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] embedQuery(String query) {
    return unit(model.embed(QUERY_INSTRUCTION + query).content());
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    if (passages.isEmpty()) return List.of();
    List<TextSegment> segments = new ArrayList<>(passages.size());
    for (String p : passages) segments.add(TextSegment.from(p.isBlank() ? "-" : p));
    List<float[]> out = new ArrayList<>(passages.size());
    for (Embedding e : model.embedAll(segments).content()) out.add(unit(e));
    return out;
  }

  /** Scaled to length 1, so that the index can compare vectors by dot product. */
  private static float[] unit(Embedding embedding) {
    float[] v = embedding.vector();
    double norm = 0;
    for (float x : v) norm += (double) x * x;
    norm = Math.sqrt(norm);
    if (norm == 0) return v;
    for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    return v;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
