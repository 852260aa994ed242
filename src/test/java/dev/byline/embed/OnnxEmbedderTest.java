package dev.byline.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each model loaded from the classpath on our own session gives unit vectors of its dimension, the
 * same passage the same vector; once closed, a late query (one that outlived its request) is an
 * exception, not a run on freed native memory; closing twice is harmless.
 */
class OnnxEmbedderTest {
  @ParameterizedTest
  @EnumSource(EmbeddingModel.class)
  void embeds_then_refuses_once_closed(EmbeddingModel spec) {
    Embedder model = spec.load(2);
    float[] query = model.embedQuery("housing costs");
    assertThat(query).hasSize(model.dimension());
    double norm = 0;
    for (float x : query) norm += x * x;
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    List<float[]> passages = model.embedPassages(List.of("Rents soared", "Rents soared"));
    assertThat(passages.get(0)).containsExactly(passages.get(1));
    // Passages with nothing to embed (control characters alone, spaces) get a vector, not an
    // error that would set their article aside.
    assertThat(model.embedPassages(List.of("\u0000\u0001", " ", ""))).hasSize(3);
    // A query of nothing to read (a search for "%00 ") too: MiniLM has no instruction to prefix,
    // and langchain4j refuses a text that trim() empties (a 500 found by HostileRequestsTest).
    for (String nothing : List.of("\u0000 ", " ", "")) {
      assertThat(model.embedQuery(nothing)).hasSize(model.dimension());
    }
    model.close();
    assertThatThrownBy(() -> model.embedQuery("housing costs"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    model.close();
  }
}
