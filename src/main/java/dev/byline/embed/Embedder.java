package dev.byline.embed;

import dev.byline.article.Article;
import java.util.List;

/**
 * Turns text into unit-length vectors whose dot product says how close two texts are in meaning.
 * Implementations are thread-safe; {@link #close} releases the model's threads and memory.
 */
public interface Embedder extends AutoCloseable {
  /**
   * How much of an article is embedded: the title and the body's opening, up to this many
   * characters (about 200 tokens; the model reads at most 512, and the lead carries the story).
   */
  int PASSAGE_BODY_CHARS = 1_000;

  /** The model's name, as stats and logs show it. */
  String name();

  /** Length of every vector this embedder returns. */
  int dimension();

  /** The vector of a search query (models may phrase a query differently from a passage). */
  float[] embedQuery(String query);

  /** The vectors of passages to be searched, in order; one call is one batch. */
  List<float[]> embedPassages(List<String> passages);

  @Override
  void close();

  /** The text of an article that is embedded: its title and the opening of its body. */
  static String passage(Article article) {
    String body = article.body();
    if (body.length() > PASSAGE_BODY_CHARS) {
      int cut = body.lastIndexOf(' ', PASSAGE_BODY_CHARS);
      body = body.substring(0, cut > PASSAGE_BODY_CHARS / 2 ? cut : PASSAGE_BODY_CHARS);
    }
    return body.isEmpty() ? article.title() : article.title() + "\n" + body;
  }
}
