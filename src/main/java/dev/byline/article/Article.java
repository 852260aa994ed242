package dev.byline.article;

import java.util.List;
import java.util.Objects;

/**
 * One article, validated: what the index stores and what the API returns.
 *
 * <p>{@code id}, {@code title} and {@code body} are never null; the lists are never null (empty
 * when unknown); {@code url}, {@code date}, {@code source} and {@code language} may be null.
 *
 * <p>{@code story} is the id of the story (the group of near-duplicates) the index put the article
 * in: null in an article as received, which the index then assigns; kept as it is when set (an
 * article copied by a reindex, or replayed from the write-ahead log).
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
    String language,
    String story) {

  /** An article as received, before the index assigns its story. */
  public Article(
      String id,
      String url,
      String title,
      String body,
      List<String> author,
      PublicationDate date,
      String source,
      List<String> category,
      String language) {
    this(id, url, title, body, author, date, source, category, language, null);
  }

  /**
   * The story to show and to group by: {@link #story}, or the article's own id when it has none (an
   * article indexed before stories existed, or with detection off, is a story of its own).
   */
  public String storyId() {
    return story != null ? story : id;
  }

  /** This article in the story {@code story}. */
  public Article withStory(String story) {
    return new Article(id, url, title, body, author, date, source, category, language, story);
  }

  public Article {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    author = List.copyOf(author == null ? List.of() : author);
    category = List.copyOf(category == null ? List.of() : category);
  }
}
