package dev.byline.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Locale;

/**
 * The embedding models that ship inside Byline's jar, int8-quantized, run on the CPU. A server uses
 * one ({@code --semantic-model}); an index's vectors are only comparable with the vectors of the
 * model that made them.
 */
public enum EmbeddingModel {
  /**
   * all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), int8: 6 layers, mean pooling, no query
   * instruction, 23 MB. A short query embeds in about 0.5 ms on one core here, against 2.5–3 ms
   * for bge-small; the quality of both on the relevance kit is in the README.
   */
  MINILM(
      "minilm",
      "all-MiniLM-L6-v2-int8",
      "all-minilm-l6-v2-q.onnx",
      "all-minilm-l6-v2-q-tokenizer.json",
      PoolingMode.MEAN,
      ""),

  /**
   * bge-small-en-v1.5 (BAAI, MIT), int8: 12 layers, the [CLS] vector, and the instruction the
   * model was trained with for short queries; 34 MB.
   */
  BGE_SMALL(
      "bge-small",
      "bge-small-en-v1.5-int8",
      "bge-small-en-v1.5-q.onnx",
      "bge-small-en-v1.5-q-tokenizer.json",
      PoolingMode.CLS,
      "Represent this sentence for searching relevant passages: ");

  private final String key;
  private final String modelName;
  private final String modelResource;
  private final String tokenizerResource;
  private final PoolingMode pooling;
  private final String queryInstruction;

  EmbeddingModel(
      String key,
      String modelName,
      String modelResource,
      String tokenizerResource,
      PoolingMode pooling,
      String queryInstruction) {
    this.key = key;
    this.modelName = modelName;
    this.modelResource = modelResource;
    this.tokenizerResource = tokenizerResource;
    this.pooling = pooling;
    this.queryInstruction = queryInstruction;
  }

  /** The name a user gives ({@code minilm}, {@code bge-small}). */
  public String key() {
    return key;
  }

  /** The model's full name, as stats, logs and the index record it. */
  public String modelName() {
    return modelName;
  }

  /** Vector length: 384 for both. */
  public int dimension() {
    return 384;
  }

  String modelResource() {
    return modelResource;
  }

  String tokenizerResource() {
    return tokenizerResource;
  }

  PoolingMode pooling() {
    return pooling;
  }

  String queryInstruction() {
    return queryInstruction;
  }

  /**
   * Loads the model (about a second) with {@code threads} threads to embed a batch's passages side
   * by side.
   *
   * @throws java.io.UncheckedIOException if the model cannot be read from the classpath or loaded
   */
  public Embedder load(int threads) {
    return new OnnxEmbedder(this, threads);
  }

  /**
   * The model a user named by its {@link #key()}, in any case.
   *
   * @throws IllegalArgumentException naming the choices, for any other name
   */
  public static EmbeddingModel named(String key) {
    for (EmbeddingModel m : values()) {
      if (m.key.equals(key == null ? "" : key.strip().toLowerCase(Locale.ROOT))) return m;
    }
    throw new IllegalArgumentException(
        "unknown embedding model '" + key + "': choose minilm or bge-small");
  }
}
