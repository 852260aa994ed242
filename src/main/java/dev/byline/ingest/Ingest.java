package dev.byline.ingest;

import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.article.InvalidArticleException;
import dev.byline.article.WriteStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates a chunk of raw items and hands the valid articles to a writer in one call, so that a
 * bad item is rejected with its reason and never takes the others down with it.
 */
public final class Ingest {
  /** Where valid articles go: the local index, or a running server. */
  @FunctionalInterface
  public interface ArticleWriter {
    /** Writes the articles; returns one status per article, in order. */
    List<WriteStatus> write(List<Article> articles) throws IOException;
  }

  private Ingest() {}

  /** Results for every item, in input order. */
  public static List<ItemResult> validateAndWrite(List<RawItem> items, ArticleWriter writer)
      throws IOException {
    List<Article> valid = new ArrayList<>();
    List<ItemResult> results = new ArrayList<>(items.size());
    for (RawItem item : items) {
      if (item.error() != null) {
        results.add(new ItemResult(null, ItemResult.ERROR, item.error(), List.of(), item.line()));
        continue;
      }
      try {
        valid.add(ArticleJson.read(item.json()));
        results.add(null); // filled in once written
      } catch (InvalidArticleException e) {
        String givenId =
            item.json() != null && item.json().path("id").isTextual()
                ? item.json().get("id").asText()
                : null;
        results.add(
            new ItemResult(
                givenId, ItemResult.ERROR, e.getMessage(), item.warnings(), item.line()));
      }
    }
    List<WriteStatus> statuses = valid.isEmpty() ? List.of() : writer.write(valid);
    int next = 0;
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) == null) {
        Article article = valid.get(next);
        String status = statuses.get(next).name().toLowerCase(Locale.ROOT);
        results.set(
            i,
            new ItemResult(
                article.id(), status, null, items.get(i).warnings(), items.get(i).line()));
        next++;
      }
    }
    return results;
  }
}
