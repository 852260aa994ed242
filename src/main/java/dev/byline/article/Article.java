package dev.byline.article;

import java.util.List;
import java.util.Objects;

/**
 * One article, validated: what the index stores and what the API returns.
 *
 * <p>{@code id}, {@code title} and {@code body} are never null; the lists are never null (empty
 * when unknown); {@code url}, {@code date}, {@code source} and {@code language} may be null.
 */
public record Article(
    String id,
    String url,
    String title,
    String body,
    List<String> author,
    PublicationDate date,
    String source,
    List<String> category,
    String language) {

  public Article {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    author = List.copyOf(author == null ? List.of() : author);
    category = List.copyOf(category == null ? List.of() : category);
  }
}
