package dev.byline.bench;

import dev.byline.config.ServerConfig;
import dev.byline.embed.Embedder;
import dev.byline.embed.EmbeddingModel;

/**
 * The embedding model a bench runs: {@code BENCH_MODEL} ({@code minilm}, {@code bge-small}) if set,
 * else the server's default, with a thread per core.
 */
final class BenchModel {
  private BenchModel() {}

  static Embedder load() {
    String named = System.getenv("BENCH_MODEL");
    EmbeddingModel model =
        EmbeddingModel.named(
            named == null || named.isBlank() ? ServerConfig.DEFAULT_SEMANTIC_MODEL : named);
    System.out.println("embedding model: " + model.modelName());
    return model.load(Runtime.getRuntime().availableProcessors());
  }
}
